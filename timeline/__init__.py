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

from timeline.pipeline import BuildOptions, BuildResult, build, build_timeline  # noqa: E402
from timeline.temporal import tag  # noqa: E402

__all__ = ["BuildOptions", "BuildResult", "__version__", "build", "build_timeline", "tag"]
