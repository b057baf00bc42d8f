"""Run every benchmark module in this package, or those named: python -m bench [NAME ...].

With several modules, each runs in its own process, so that each one's peak-memory figure is
its own and not the largest seen so far.
"""

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path


def _modules() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))


def main(names: list[str]) -> int:
    names = names or _modules()
    if len(names) > 1:
        failed = [n for n in names if subprocess.call([sys.executable, "-m", "bench", n]) != 0]
        if failed:
            print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1 if failed else 0
    (name,) = names
    module = importlib.import_module(f"bench.{name}")
    print(f"\n== {name} ==", flush=True)
    module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
