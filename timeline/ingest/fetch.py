"""Fetching article URLs over HTTP(S) with httpx: timeouts, retries, a size limit, type checks.

Only URLs a user names are fetched. A failure becomes a one-line message naming the URL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Worth asking again: the server is busy or a gateway hiccupped.
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_BACKOFF_SECONDS = 0.5


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 15.0  # seconds, for connecting and for each read
    retries: int = 2  # further attempts after a failed connection or a retryable status
    max_bytes: int = 5_000_000
    user_agent: str = "timeline (+https://github.com/timeline/timeline)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


class FetchError(Exception):
    """The URL gave no HTML page; the message says why and what to do."""


def make_client(settings: FetchSettings) -> httpx.Client:
    from timeline import __version__

    return httpx.Client(
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=True,
        max_redirects=5,
        headers={
            "User-Agent": settings.user_agent.replace("timeline", f"timeline/{__version__}", 1),
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        },
        # Retries failed connections; statuses are retried below.
        transport=httpx.HTTPTransport(retries=settings.retries),
        trust_env=False,  # no proxies or .netrc picked up behind the user's back
    )


def fetch(client: httpx.Client, url: str, settings: FetchSettings) -> Fetched:
    """GET `url` as an HTML page, or raise `FetchError`."""
    if urlsplit(url).scheme not in {"http", "https"} or not urlsplit(url).hostname:
        raise FetchError("not an http(s) URL; check it")
    for attempt in range(settings.retries + 1):
        try:
            return _get(client, url, settings)
        except _Retryable as exc:
            if attempt == settings.retries:
                raise FetchError(f"{exc} after {settings.retries + 1} attempts; try again later") from exc
            time.sleep(_BACKOFF_SECONDS * 2**attempt)
    raise AssertionError("unreachable")  # the loop returns or raises


class _Retryable(Exception):
    pass


def _get(client: httpx.Client, url: str, settings: FetchSettings) -> Fetched:
    try:
        with client.stream("GET", url) as response:
            if response.status_code in _RETRY_STATUSES:
                raise _Retryable(f"the server answered HTTP {response.status_code} {response.reason_phrase}")
            if response.status_code >= 400:
                raise FetchError(
                    f"the server answered HTTP {response.status_code} {response.reason_phrase}; "
                    "check the URL, or save the page and pass the file"
                )
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and content_type not in HTML_TYPES:
                raise FetchError(f"not an HTML page (content type {content_type}); pass the URL of an article page")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                raise FetchError(_too_large(settings))
            content = bytearray()
            for chunk in response.iter_bytes():
                content.extend(chunk)
                if len(content) > settings.max_bytes:
                    raise FetchError(_too_large(settings))
            return Fetched(str(response.url), bytes(content), content_type or "text/html")
    except httpx.TimeoutException as exc:
        raise _Retryable(f"no answer within {settings.timeout:g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError("too many redirects; check the URL") from exc
    except httpx.TransportError as exc:
        raise FetchError(f"cannot be reached ({_reason(exc)}); check the URL and the network") from exc


def _too_large(settings: FetchSettings) -> str:
    return f"the page is larger than the {settings.max_bytes / 1_000_000:g} MB limit; save it and pass the file"


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def url_stem(url: str) -> str:
    """A readable id for a URL: its last path segment without extension, else its host."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments:
        last = segments[-1].rsplit(".", 1)[0] if "." in segments[-1] else segments[-1]
        if last and last.lower() not in {"index", "default"}:
            return last
    return (parts.hostname or "page").replace(".", "-")
