"""A local HTTP server for the tests: 127.0.0.1 on a free port, quiet, in a daemon thread.

Tests never reach any other address. `handle_error` is silenced because the
deadline tests give up on slow replies on purpose: the server's broken-pipe
traceback would otherwise land on a later test's captured stderr.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the test output quiet."""


class QuietServer(ThreadingHTTPServer):
    """A threading server whose clients may hang up early."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up is expected here: no traceback."""


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on 127.0.0.1 while the block runs; yields the base URL."""
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
