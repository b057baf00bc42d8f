"""`timeline.json` and its JSON Schema, both generated from the models in `timeline.types`.

The schema ships with the package (`timeline/render/timeline.schema.json`) and is written next to
every `timeline.json`. Regenerate the packaged copy after changing the types:

    python -m timeline.render.schema
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from timeline.types import SCHEMA_VERSION, Timeline

PACKAGED_SCHEMA = Path(__file__).with_name("timeline.schema.json")
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def timeline_schema() -> dict[str, Any]:
    """The JSON Schema of `timeline.json` at `SCHEMA_VERSION`.

    The schema names its version in `$id`, and a file validates only against the schema of
    the version it declares in `schema_version`.
    """
    generated = Timeline.model_json_schema()
    properties = dict(generated["properties"])
    properties["schema_version"] = {**properties["schema_version"], "const": SCHEMA_VERSION}
    # A default makes the field optional for the model, but an embedder needs it in every file.
    required = ["schema_version", *(r for r in generated.get("required", []) if r != "schema_version")]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"urn:timeline:timeline.schema.json:{SCHEMA_VERSION}",
        **generated,
        "properties": properties,
        "required": required,
    }


def schema_text() -> str:
    return dumps(timeline_schema())


def canonical(timeline: Timeline) -> Timeline:
    """`timeline` with its mappings in a fixed key order, so equal timelines dump to equal bytes."""
    sources = tuple(
        source.model_copy(update={"provenance": dict(sorted(source.provenance.items()))})
        for source in timeline.sources
    )
    return timeline.model_copy(update={"sources": sources})


def timeline_text(timeline: Timeline) -> str:
    """The text of `timeline.json` (pydantic's own JSON writer: the same text as json.dumps
    with indent=2, many times faster)."""
    return canonical(timeline).model_dump_json(indent=2) + "\n"


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    PACKAGED_SCHEMA.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {PACKAGED_SCHEMA}")


if __name__ == "__main__":
    main()
