"""Writing one frame to many sockets: the hot path of every fan-out.

Daphne's own path for ``websocket.send`` works per socket: it encodes the text
to UTF-8, builds the WebSocket frame, and hands the bytes to Twisted, which
queues them and asks the event loop to watch the socket for writability (one
``epoll_ctl`` to start watching, a loop turn, the ``send``, another
``epoll_ctl`` to stop). For 240 sockets receiving the same bytes that was most
of the server's time in the benchmark (``docs/BENCHMARKS.md``).

Here a frame is encoded and framed once per audience (autobahn's
``PreparedMessage``, its API for broadcast) and, when Twisted has nothing queued
for the socket, sent at once with one ``send`` — what asyncio's own transports
do. Anything the kernel does not take, and every frame behind queued data, goes
through Twisted's ``write``, so frames keep their order with the consumer's
other replies (acks, refusals, snapshots), which still take daphne's path.

Sockets that are not daphne's (channels' test communicator, another ASGI
server) get ``websocket.send`` messages as usual.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cached_property, partial

import msgspec
from autobahn.websocket.protocol import PreparedMessage
from daphne.ws_protocol import WebSocketProtocol

_encode = msgspec.json.Encoder().encode


class Frame:
    """One JSON text message, encoded and WebSocket-framed once for all its sockets."""

    __slots__ = ("__dict__", "payload")

    def __init__(self, payload: bytes) -> None:
        self.payload = payload

    @classmethod
    def of(cls, message: object) -> Frame:
        return cls(_encode(message))

    @cached_property
    def text(self) -> str:
        return self.payload.decode()

    @cached_property
    def prepared(self) -> PreparedMessage:
        return PreparedMessage(self.payload, isBinary=False, applyMask=False, doNotCompress=False)


Send = Callable[[dict], Awaitable[None]]
Writer = Callable[[Frame], bool]


def direct_writer(send: Send) -> Writer | None:
    """A writer straight to daphne's socket behind an ASGI ``send``, or None.

    Daphne gives each application ``partial(server.handle_reply, protocol)``.
    """
    if not isinstance(send, partial) or not send.args:
        return None
    protocol = send.args[0]
    if not isinstance(protocol, WebSocketProtocol):
        return None
    return partial(write_frame, protocol)


def write_frame(protocol: WebSocketProtocol, frame: Frame) -> bool:
    """Write ``frame`` to an open socket; False when the socket is closing or gone."""
    if protocol.state != WebSocketProtocol.STATE_OPEN:
        return False
    transport = protocol.transport
    if transport is None or not getattr(transport, "connected", False):
        return False
    if protocol._perMessageCompress is not None or protocol.send_queue:
        protocol.sendPreparedMessage(frame.prepared)  # compression or queued sends: autobahn
        return True
    data: bytes = frame.prepared.payloadHybi
    if _idle(transport):
        written = transport.writeSomeData(data)
        if isinstance(written, int) and written >= 0:
            data = data[written:]
    if data:
        # queued data ahead, a full kernel buffer, or a lost connection (which
        # Twisted's write path then notices and closes)
        transport.write(data)
    return True


def _idle(transport: object) -> bool:
    """Plain TCP with nothing queued: an immediate ``send`` keeps the order.

    Anything unexpected (TLS, another transport class, a Twisted without these
    attributes) answers False, and the frame takes Twisted's queued path.
    """
    return (
        getattr(transport, "TLS", True) is False
        and getattr(transport, "dataBuffer", None) == b""
        and getattr(transport, "_tempDataBuffer", None) == []
        and not getattr(transport, "disconnecting", True)
        and not getattr(transport, "_writeDisconnecting", True)
        and hasattr(transport, "writeSomeData")
    )
