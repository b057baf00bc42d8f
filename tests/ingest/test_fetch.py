"""URLs, fetched from a local HTTP server on 127.0.0.1 that the tests start; no other network."""

from __future__ import annotations

import http.server
import socket
import time
from collections import Counter

import pendulum
import pytest
from _ingest_helpers import errors
from pages import INDEX_PAGE, article_page

from timeline.ingest import FetchSettings

ARTICLE = article_page(meta={"article:published_time": "2025-08-19T09:15:00-04:00", "og:site_name": "Local News"})
LIMIT = 20_000


class Handler(http.server.BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        Handler.hits[self.path] += 1
        route = {
            "/news/story.html": lambda: self.reply(200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/redirect": lambda: self.reply(301, "text/html", b"", location="/news/story.html"),
            "/missing": lambda: self.reply(404, "text/html", b"<html><body>gone</body></html>"),
            "/report.pdf": lambda: self.reply(200, "application/pdf", b"%PDF-1.4 ..."),
            "/big.html": lambda: self.reply(200, "text/html", b"<html>" + b"x" * (LIMIT * 2)),
            "/big-unsized.html": lambda: self.reply(200, "text/html", b"<html>" + b"x" * (LIMIT * 2), sized=False),
            "/front": lambda: self.reply(200, "text/html", INDEX_PAGE.encode()),
            "/flaky.html": self.flaky,
            "/slow.html": self.slow,
        }.get(self.path)
        if route is None:
            self.reply(404, "text/plain", b"no such page")
        else:
            route()

    def reply(self, status: int, content_type: str, body: bytes, *, location: str | None = None, sized: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if location:
            self.send_header("Location", location)
        if sized:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def flaky(self) -> None:
        if Handler.hits[self.path] == 1:
            self.reply(503, "text/html", b"busy")
        else:
            self.reply(200, "text/html", ARTICLE.replace("Talks resume", "Flaky talks").encode())

    def slow(self) -> None:
        time.sleep(1.0)
        self.reply(200, "text/html", ARTICLE.encode())

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def server(local_http):
    return local_http(Handler)


SETTINGS = FetchSettings(timeout=0.5, retries=1, max_bytes=LIMIT)


def test_a_url_is_fetched_and_read_as_html(server, read):
    (document,), problems = read(f"{server}/news/story.html", fetch=SETTINGS)
    assert errors(problems) == []
    assert "Negotiators met again" in document.text
    assert document.id == "story"
    assert document.url == f"{server}/news/story.html"
    assert document.origin == f"{server}/news/story.html"
    assert document.outlet == "Local News"
    assert document.published == pendulum.parse("2025-08-19T09:15:00-04:00")


def test_the_request_carries_a_user_agent(server):
    from timeline.ingest.fetch import fetch, make_client

    with make_client(SETTINGS) as client:
        request = client.build_request("GET", server)
    assert request.headers["user-agent"].startswith("timeline/")
    with make_client(SETTINGS) as client:
        assert fetch(client, f"{server}/redirect", SETTINGS).url == f"{server}/news/story.html"


def test_a_retryable_status_is_retried(server, read):
    (document,), problems = read(f"{server}/flaky.html", fetch=SETTINGS)
    assert document.title == "Flaky talks in Geneva"
    assert Handler.hits["/flaky.html"] == 2


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "the server answered HTTP 404 Not Found"),
        ("/report.pdf", "not an HTML page (content type application/pdf)"),
        ("/big.html", "larger than the 0.02 MB limit"),
        ("/big-unsized.html", "larger than the 0.02 MB limit"),
        ("/front", "no article text found"),
        ("/slow.html", "no answer within 0.5 s after 2 attempts"),
    ],
)
def test_bad_urls_are_reported_and_the_other_sources_still_read(server, read, tmp_path, path, expected):
    local = tmp_path / "local.txt"
    local.write_text("---\npublished: 2025-08-19\ntimezone: UTC\n---\nA local story.\n", encoding="utf-8")
    documents, problems = read(f"{server}{path}", local, fetch=SETTINGS)
    assert [d.id for d in documents] == ["local"]
    (problem,) = errors(problems)
    assert problem.origin == f"{server}{path}"
    assert expected in problem.message


def test_an_unreachable_host_is_reported(read):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    documents, problems = read(f"http://127.0.0.1:{port}/story.html", fetch=FetchSettings(timeout=0.5, retries=0))
    assert documents == []
    (problem,) = errors(problems)
    assert "cannot be reached" in problem.message
