"""A small keep-alive HTTP/1.1 client on asyncio streams, one connection per simulated
browser: thousands of participants in one process (the load generator of
bench/online_load.py). Content-Length and chunked bodies; cookies kept per client.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field


class HttpError(Exception):
    """The connection failed or the reply could not be read."""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass
class Browser:
    """One participant's connection and cookies (as a browser keeps them)."""

    host: str
    port: int
    source: str | None = None  # local address to send from (e.g. 127.0.0.2)
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60.0
    _reader: asyncio.StreamReader | None = None
    _writer: asyncio.StreamWriter | None = None

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def _connect(self) -> None:
        local = (self.source, 0) if self.source else None
        self._reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port, local_addr=local), self.timeout
        )

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(Exception):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        content_type: str = "",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """Send one request (reconnecting once if a kept-alive connection was closed)."""
        for attempt in (1, 2):
            fresh = self._writer is None
            if fresh:
                await self._connect()
            try:
                return await asyncio.wait_for(
                    self._exchange(method, path, body, content_type, headers or {}), self.timeout
                )
            except (ConnectionError, asyncio.IncompleteReadError, HttpError) as error:
                await self.close()
                if fresh or attempt == 2:
                    raise HttpError(f"{method} {path}: {error!r}") from error
            except TimeoutError as error:
                await self.close()
                raise HttpError(f"{method} {path}: timed out") from error
        raise HttpError("unreachable")

    async def _exchange(
        self, method: str, path: str, body: bytes, content_type: str, extra: dict[str, str]
    ) -> Reply:
        assert self._reader is not None and self._writer is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        if content_type:
            lines.append(f"Content-Type: {content_type}")
        lines += [f"{k}: {v}" for k, v in extra.items()]
        t0 = time.perf_counter()
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self._writer.drain()
        status_line = await self._reader.readline()
        if not status_line:
            raise ConnectionResetError("closed before the reply")
        try:
            status = int(status_line.split()[1])
        except (IndexError, ValueError) as error:
            raise HttpError(f"bad status line {status_line!r}") from error
        headers: dict[str, str] = {}
        set_cookies: list[str] = []
        while True:
            line = await self._reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                set_cookies.append(value)
            headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            data = await self._read_chunked()
        else:
            data = await self._reader.readexactly(int(headers.get("content-length", "0") or 0))
        seconds = time.perf_counter() - t0
        for cookie in set_cookies:
            pair = cookie.split(";", 1)[0]
            key, _, value = pair.partition("=")
            self.cookies[key.strip()] = value.strip()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Reply(status, headers, data, seconds)

    async def _read_chunked(self) -> bytes:
        assert self._reader is not None
        parts = []
        while True:
            size = int((await self._reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await self._reader.readline()
                return b"".join(parts)
            parts.append(await self._reader.readexactly(size))
            await self._reader.readline()
