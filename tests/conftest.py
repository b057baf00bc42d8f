"""Fixtures shared by the test suite."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, the reference data beside the repository; tests using it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"reference data not found at {SHARED} (it is not part of a user's clone)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="module")
def local_http():
    """start(handler_class) -> base URL of a server on 127.0.0.1 (a free port), stopped after
    the module. Tests reach no network but this one."""
    import http.server
    import threading

    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def start(handler: type[http.server.BaseHTTPRequestHandler]) -> str:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        servers.append((httpd, thread))
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd, thread in servers:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
