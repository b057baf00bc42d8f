"""Run every benchmark module in this package, or those named: python -m bench [NAME ...]."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(names: list[str]) -> None:
    found = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_"))
    for name in names or found:
        module = importlib.import_module(f"bench.{name}")
        if hasattr(module, "run"):
            print(f"\n== {name} ==", flush=True)
            module.run()


if __name__ == "__main__":
    main(sys.argv[1:])
