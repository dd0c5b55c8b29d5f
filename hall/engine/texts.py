"""Marker for translatable engine strings.

The engine may not import Django, so its Vietnamese sentences are only *marked*
here; ``makemessages`` extracts ``gettext_noop`` calls and the service may pass a
refusal's reason through ``gettext`` before sending it.
"""


def gettext_noop(message: str) -> str:
    return message
