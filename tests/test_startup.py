"""Commands that read no documents start without loading what only reading needs."""

import subprocess
import sys


def _loaded_after(statement: str, modules: tuple[str, ...]) -> list[str]:
    probe = f"import sys; {statement}; print(' '.join(m for m in {modules!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_tagger_loads_no_other_stage_and_no_scipy():
    loaded = _loaded_after("import timeline.temporal", ("timeline.pipeline", "timeline.ingest", "scipy", "datasketch"))
    assert loaded == []


def test_the_api_is_still_reached_from_the_package():
    loaded = _loaded_after("import timeline; timeline.build", ("timeline.pipeline",))
    assert loaded == ["timeline.pipeline"]


def test_the_command_line_loads_no_scipy_before_a_build():
    assert _loaded_after("import timeline.cli", ("scipy", "datasketch")) == []
