"""timeline: a sourced, interactive chronology from a pile of news articles.

The public API is small; the CLI (`timeline.cli`) is a thin layer over it:

    >>> import timeline
    >>> [t.value for t in timeline.tag("Leavitt said Tuesday.", "2025-08-19")]
    ['2025-08-19']
    >>> result = timeline.build(["seeds"], out_dir="site")   # doctest: +SKIP

Stages, one package each: ingest -> temporal -> events -> merge -> render.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("timeline")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["BuildOptions", "BuildResult", "__version__", "build", "build_timeline", "tag"]

# The API is imported on first use (PEP 562): `import timeline.temporal` should not load
# every other stage and its libraries first.
_API = {
    "BuildOptions": "timeline.pipeline",
    "BuildResult": "timeline.pipeline",
    "build": "timeline.pipeline",
    "build_timeline": "timeline.pipeline",
    "tag": "timeline.temporal",
}


def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
