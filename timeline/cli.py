"""The `timeline` command: a thin layer over the public API.

Errors reach the user as one line naming the file and the problem, never as a traceback.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pendulum
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from timeline import __version__
from timeline.ingest.context import tz_option_problem, zone_name, zone_of
from timeline.pipeline import DEFAULT_OUT, DEFAULT_SOURCES, BuildOptions, build
from timeline.render import SiteError
from timeline.render.export import (
    ExportError,
    ExportFormat,
    export,
    load_timeline,
    write_atomically,
)
from timeline.temporal import tag as tag_text
from timeline.types import Problem, Timex

app = typer.Typer(
    name="timeline",
    help="Build a sourced, interactive chronology from news articles.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

# Progress bars only pay off when there is something to wait for.
_PROGRESS_MIN_DOCUMENTS = 20
# Counting the input is shown only when it takes this long (seconds): a huge folder or feed.
_COUNTING_SHOWN_AFTER = 1.0


class UserError(Exception):
    """A problem the user can fix; shown as one line, exit status 2."""


def fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def parse_zone(tz: str | None) -> str | None:
    """The --tz option of every command, read as a document's 'timezone:' is read (an IANA
    name, an offset such as +05:30 or UTC+2, an abbreviation such as EDT), by the name every
    stage takes ('UTC+2' -> '+02:00', 'EDT' -> 'America/New_York'): so `build` and `tag`
    accept the same values and give them the same meaning."""
    if tz is None:
        return None
    if problem := tz_option_problem(tz):
        raise UserError(str(problem))
    return zone_name(zone_of(tz))


def parse_when(value: str, what: str, tz: str | None = None) -> pendulum.DateTime | pendulum.Date:
    """'2025-08-19' -> a date; '2025-08-19T16:32-04:00' -> an aware datetime.

    A datetime written without an offset is read in `tz` (the --tz option, as `parse_zone`
    read it), else in UTC.
    """
    try:
        parsed = pendulum.parse(value, exact=True, tz=None)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as exc:
        # pendulum's own message ("Unable to parse string []") says nothing the user can act on.
        raise UserError(
            f"{what} {value!r} is not a valid ISO 8601 date or datetime; write it as 2025-08-19 or 2025-08-19T16:32-04:00"
        ) from exc
    if isinstance(parsed, pendulum.DateTime):
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=zone_of(tz) if tz else pendulum.UTC)
        return parsed
    if isinstance(parsed, pendulum.Date):
        return parsed
    raise UserError(f"{what} {value!r} is not a date or a datetime")


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Build a sourced, interactive chronology from news articles.

    [bold]Examples[/]

      timeline build                          [dim]# the seed corpus in seeds/ -> site/[/]
      timeline build articles/ --out mysite   [dim]# a folder of saved articles[/]
      timeline tag article.txt --dct 2025-08-19 --format table
    """


# The input options shared by `build` and `read`.
SourcesArgument = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders, globs or URLs. Default: the seed corpus in seeds/."),
]
ManifestOption = Annotated[
    Path | None, typer.Option(help="A sources.yaml/sources.toml giving metadata for files that carry none.")
]
TimezoneOption = Annotated[
    str | None, typer.Option("--tz", help="Timezone of documents that state none, e.g. America/New_York or +05:30.")
]
PublishedOption = Annotated[
    str | None, typer.Option(help="Publication date for documents that state none (ISO 8601).")
]
StrictOption = Annotated[bool, typer.Option(help="Exit non-zero when any source could not be read.")]


@app.command("build")
def build_command(
    sources: SourcesArgument = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Where to write the site.")] = Path(DEFAULT_OUT),
    manifest: ManifestOption = None,
    tz: TimezoneOption = None,
    published: PublishedOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes that read and analyse documents (default: one per CPU; 1: none)."),
    ] = None,
    cdn: Annotated[bool, typer.Option(help="Load plotly.js from its CDN instead of writing it into the site.")] = False,
    strict: StrictOption = False,
) -> None:
    """Read articles, resolve their dates, merge events across sources, and write the site.

    [bold]Examples[/]

      timeline build
      timeline build saved/*.html feed.jsonl --out site --tz America/New_York
      timeline build https://example.org/story.html --published 2025-08-19
    """
    try:
        tz = parse_zone(tz)
        options = BuildOptions(
            manifest=manifest,
            timezone=tz,
            published=_as_published(parse_when(published, "--published", tz)) if published else None,
            workers=workers,
            cdn=cdn,
            strict=strict,
        )
        result = _build_with_progress(sources or list(DEFAULT_SOURCES), out_dir, options)
    except (UserError, SiteError) as exc:
        fail(str(exc))
    _print_problems(result.problems)
    timeline = result.timeline
    if not timeline.sources:
        fail("no document could be read; nothing was written", code=1)
    sources_count = len(timeline.sources)
    out.print(
        f"Read {sources_count} document{'s' * (sources_count != 1)}: "
        f"{len(timeline.events)} events, {len(timeline.undated)} undated statements."
    )
    out.print(f"Wrote {out_dir / 'index.html'} and {out_dir / 'timeline.json'}")
    if strict and any(p.severity == "error" for p in result.problems):
        raise typer.Exit(1)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        colour = "yellow" if problem.severity == "warning" else "red"
        err.print(f"[{colour}]{problem.severity}:[/] {problem}", highlight=False, soft_wrap=True)


class ReadFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("read")
def read_command(
    sources: SourcesArgument = None,
    manifest: ManifestOption = None,
    tz: TimezoneOption = None,
    published: PublishedOption = None,
    fmt: Annotated[ReadFormat, typer.Option("--format", "-f", help="Output format.")] = ReadFormat.table,
    strict: StrictOption = False,
) -> None:
    """Read articles and show the publication context found for each; nothing is built.

    Each value is followed by where it came from (front matter, manifest, meta tag, JSON-LD,
    htmldate, JSON Lines, text, inferred, command line, default).

    [bold]Examples[/]

      timeline read seeds/
      timeline read saved/ feed.jsonl --tz Europe/London --format json
    """
    from timeline.ingest import IngestOptions, read_documents
    from timeline.ingest.report import documents_json, documents_table

    try:
        tz = parse_zone(tz)
        options = IngestOptions(
            manifest=manifest,
            timezone=tz,
            published=_as_published(parse_when(published, "--published", tz)) if published else None,
        )
    except UserError as exc:
        fail(str(exc))
    documents, problems = read_documents(sources or list(DEFAULT_SOURCES), options)
    _print_problems(problems)
    if fmt is ReadFormat.json:
        sys.stdout.write(documents_json(documents, problems) + "\n")
    elif documents:
        out.print(documents_table(documents))
    if not documents:
        fail("no document could be read", code=1)
    if strict and any(p.severity == "error" for p in problems):
        raise typer.Exit(1)


def _as_published(value: pendulum.DateTime | pendulum.Date) -> datetime | date:
    """A datetime stays as parsed (aware); a date alone stays a date, read later as that day
    in each document's own zone (with day granularity)."""
    if isinstance(value, pendulum.DateTime):
        return value
    return date(value.year, value.month, value.day)


class _DocumentsColumn(ProgressColumn):
    """'1,200/20,000 documents', or '1,200 documents' while the total is not known."""

    def render(self, task: Task) -> Text:
        if task.total is None and not task.completed:
            return Text("")
        done = f"{int(task.completed):,}"
        total = f"/{int(task.total):,}" if task.total is not None else ""
        return Text(f"{done}{total} documents", style="progress.download")


class _RateColumn(ProgressColumn):
    """Documents per second, over the last seconds."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")


def _build_with_progress(sources: list[str], out_dir: Path, options: BuildOptions):
    """`build`, with a progress display on a terminal: a bar with the rate and the time left
    while documents are read and analysed, then what the build does (merging, writing). While
    the input is counted (shown only when counting takes a while), nothing to count yet."""
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        _DocumentsColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("Counting the input", total=None, visible=False)
        counted = threading.Event()

        def show_counting() -> None:
            if not counted.is_set():
                bar.update(task, visible=True)

        counting = threading.Timer(_COUNTING_SHOWN_AFTER, show_counting)
        counting.daemon = True
        if err.is_terminal:
            counting.start()

        def on_documents(count: int) -> None:
            counted.set()
            counting.cancel()
            bar.update(
                task, description="Reading and analysing", total=count,
                visible=count >= _PROGRESS_MIN_DOCUMENTS,
            )

        def on_stage(description: str) -> None:
            # A stage of its own: no count, no rate, a pulsing bar while it lasts.
            shown = any(t.visible for t in bar.tasks)
            for earlier in bar.task_ids:
                bar.update(earlier, visible=False)
            bar.add_task(description, total=None, visible=shown)

        try:
            return build(
                sources,
                out_dir,
                options,
                on_documents=on_documents,
                progress=lambda n: bar.advance(task, n),
                on_stage=on_stage,
            )
        finally:
            counting.cancel()


class TagFormat(StrEnum):
    json = "json"
    table = "table"
    timeml = "timeml"


@app.command("tag")
def tag_command(
    file: Annotated[Path, typer.Argument(help="A UTF-8 text file ('-' reads standard input).")],
    dct: Annotated[
        str | None, typer.Option(help="Document creation time, e.g. 2025-08-19 or 2025-08-19T16:32-04:00.")
    ] = None,
    tz: Annotated[str | None, typer.Option("--tz", help="The document's timezone, e.g. America/New_York or +05:30.")] = None,
    fmt: Annotated[TagFormat, typer.Option("--format", "-f", help="Output format.")] = TagFormat.table,
) -> None:
    """Find and resolve the time expressions in one text.

    JSON output is {"timexes": [{"start", "end", "text", "type", "value", ...}]}, with
    start/end as character offsets into the decoded text.

    [bold]Example[/]

      timeline tag seeds/000_dab2739ac07fd837.txt --dct 2025-08-19 --format json
    """
    try:
        tz = parse_zone(tz)
        text = _read_text(file)
        reference = parse_when(dct, "--dct", tz) if dct else None
    except UserError as exc:
        fail(str(exc))
    try:
        timexes = tag_text(text, reference, timezone=tz)
    except ValueError as exc:  # a reference the tagger cannot place
        fail(str(exc))
    if fmt is TagFormat.json:
        payload = {"timexes": [t.model_dump(mode="json", exclude_none=True) for t in timexes]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt is TagFormat.timeml:
        from timeline.temporal.timeml import to_timeml

        sys.stdout.write(to_timeml(text, timexes, reference))
    else:
        out.print(_timex_table(timexes))


eval_app = typer.Typer(help="Measure the tagger against annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("tempeval")
def tempeval_command(
    directory: Annotated[Path, typer.Argument(help="A folder of TimeML (.tml) files, searched recursively.")],
    errors: Annotated[bool, typer.Option("--errors", help="List every expression whose value or type is wrong.")] = False,
    missed: Annotated[bool, typer.Option("--missed", help="List gold expressions the tagger did not find.")] = False,
    spurious: Annotated[bool, typer.Option("--spurious", help="List expressions found that are not in the gold.")] = False,
) -> None:
    """TempEval-3 Task A figures: each document tagged with its own DCT, scored against its TIMEX3s.

    Prints strict and relaxed precision/recall/F1, type and value accuracy, and value F1
    (relaxed F1 x value accuracy), per subfolder and in total.

    [bold]Example[/]

      timeline eval tempeval ../shared/data/tempeval3 --errors
    """
    from timeline.temporal.evaluate import Counts, evaluate, timeml_files

    if not directory.is_dir():
        fail(f"{directory}: not a folder")
    files = timeml_files(directory)
    if not files:
        fail(f"{directory}: no .tml files found")
    groups: dict[str, list[Path]] = {}
    for path in files:
        groups.setdefault(str(path.parent.relative_to(directory)) if path.parent != directory else ".", []).append(path)
    table = Table("set", "docs", "gold", "found", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R",
                  "relaxed F1", "type acc", "value acc", "value F1")
    total = Counts()
    documents = 0
    for name, paths in sorted(groups.items()):
        result = evaluate(paths, _tempeval_tagger)
        for problem in result.problems:
            err.print(f"[yellow]warning:[/] {problem}", highlight=False, soft_wrap=True)
        table.add_row(name, str(result.documents), *_score_cells(result.counts))
        total.add(result.counts)
        documents += result.documents
    if len(groups) > 1:
        table.add_row("total", str(documents), *_score_cells(total), style="bold")
    if errors:
        for e in total.errors:
            out.print(f"{e.document} {e.start}-{e.end} {e.gold_text!r} gold {e.gold_type} {e.gold_value} | "
                      f"found {e.system_text!r} {e.system_type} {e.system_value}", highlight=False, soft_wrap=True)
    if missed:
        for document, t in total.missed:
            out.print(f"missed {document} {t.start}-{t.end} {t.text!r} {t.type} {t.value}", highlight=False, soft_wrap=True)
    if spurious:
        for document, t in total.spurious:
            out.print(f"spurious {document} {t.start}-{t.end} {t.text!r} {t.type} {t.value}", highlight=False, soft_wrap=True)
    Console(width=max(out.width, 150)).print(table)


def _tempeval_tagger(document):
    return tag_text(document.text, document.dct)


def _score_cells(counts) -> list[str]:
    from timeline.temporal.evaluate import scores

    s = scores(counts)
    figures = (s.strict_precision, s.strict_recall, s.strict_f1, s.relaxed_precision, s.relaxed_recall,
               s.relaxed_f1, s.type_accuracy, s.value_accuracy, s.value_f1)
    return [str(counts.gold), str(counts.system), *(f"{100 * f:.1f}" for f in figures)]


def _timex_table(timexes: list[Timex]) -> Table:
    table = Table("span", "text", "type", "value", "resolved against", "rule")
    for t in timexes:
        anchor = f"{t.anchor.kind} {t.anchor.value}" if t.anchor else ""
        table.add_row(f"{t.start}-{t.end}", t.text, t.type, t.value, anchor, t.rule)
    return table


@app.command("export")
def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="timelinejs, csv or ics.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: standard output).")
    ] = None,
    timeline_file: Annotated[
        Path, typer.Option("--timeline", help="The timeline.json to read.")
    ] = Path(DEFAULT_OUT) / "timeline.json",
    mentions: Annotated[bool, typer.Option(help="CSV: one row per mention instead of per event.")] = False,
) -> None:
    """Export a built timeline.json to another tool's format.

    timelinejs: Knight Lab's TimelineJS3 JSON. csv: one row per event (or per mention with
    --mentions; cells a spreadsheet would run as formulas get a leading apostrophe).
    ics: iCalendar, one VEVENT per dated event: clock times as timed events (UTC), days and
    parts of days as all-day events, weeks and months as all-day events spanning the period.

    [bold]Examples[/]

      timeline export --format timelinejs --out timelinejs.json
      timeline export --format csv --mentions > mentions.csv
      timeline export --format ics --timeline mysite/timeline.json --out events.ics
    """
    if mentions and fmt is not ExportFormat.csv:
        fail("--mentions applies to --format csv only")
    try:
        content = export(load_timeline(timeline_file), fmt, mentions=mentions)
        if out_file is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            write_atomically(out_file, content)
    except ExportError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{out_file}: cannot be written ({exc.strerror or exc})")


def _read_text(file: Path) -> str:
    if str(file) == "-":
        return sys.stdin.read()
    try:
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"{file}: no such file") from exc
    except IsADirectoryError as exc:
        raise UserError(f"{file}: is a directory, not a text file") from exc
    except OSError as exc:
        raise UserError(f"{file}: cannot be read ({exc.strerror})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{file}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x}); convert it to UTF-8"
        ) from exc


def main() -> None:
    app()


if __name__ == "__main__":
    main()
