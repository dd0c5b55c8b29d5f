"""ASGI entry point: HTTP through Django, WebSockets through the screens app."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hall.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from screens.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Sockets authenticate with the signed token of their page (hello), not
        # the session: no session wrapper on every frame sent.
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)

# Everything loaded so far lives as long as the process. Move it out of the
# cyclic collector's reach: its full passes scanned all of it, a 60+ ms stall of
# the event loop every few seconds under load (docs/BENCHMARKS.md, p99).
gc.freeze()
