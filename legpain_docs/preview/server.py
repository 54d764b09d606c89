"""The preview's web server, on loopback only: the page, its views' files, and a stream that
tells an open page each time the views change (server-sent events), so it updates itself."""

from __future__ import annotations

import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from .page import panel, shell
from .state import Preview

HOST = "127.0.0.1"  # never another interface: the preview shows unpublished work
BEAT = 15  # seconds between keep-alive comments on the event stream


def serve(preview: Preview, port: int = 0) -> ThreadingHTTPServer:
    """A server on HOST at `port` (0: a free one), answering in threads of its own."""
    server = ThreadingHTTPServer((HOST, port), _handler(preview))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # the terminal shows the build, not every request
            pass

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            index = _index(query, len(preview.sources))
            if url.path == "/":
                self._send(200, "text/html; charset=utf-8", shell(preview, index).encode("utf-8"))
            elif url.path == "/panel":
                self._send(200, "text/html; charset=utf-8", panel(preview, index).encode("utf-8"))
            elif url.path == "/events":
                self._events()
            elif url.path.startswith("/files/"):
                self._file(unquote(url.path.removeprefix("/files/")))
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _file(self, name: str) -> None:
            path = preview.file(name)
            if path is None:
                self._send(404, "text/plain; charset=utf-8", b"not found")
                return
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self._send(200, kind + ("; charset=utf-8" if kind.startswith("text/") else ""), path.read_bytes())

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while not preview.stopping.is_set():
                    version = preview.wait_for_change(seen, BEAT)
                    message = f"data: {json.dumps(version)}\n\n" if version != seen else ": still here\n\n"
                    self.wfile.write(message.encode("utf-8"))
                    self.wfile.flush()
                    seen = version
            except (BrokenPipeError, ConnectionResetError):  # the page was closed
                pass

    return Handler


def _index(query: dict, count: int) -> int:
    try:
        index = int(query.get("article", ["0"])[0])
    except ValueError:
        return 0
    return index if 0 <= index < count else 0
