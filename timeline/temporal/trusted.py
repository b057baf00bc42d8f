"""Models built from values the engine has already checked, without pydantic's validation.

Validating every `Timex` (and its interval) would cost more than finding it. The engine only
builds values it guarantees valid: offsets into the text, values that passed `is_value`,
aware datetimes. Set TIMELINE_VALIDATE_MODELS=1 (the tests do) to validate each one anyway.
"""

from __future__ import annotations

import os
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__


def trusted(cls: type[M], fields: dict[str, Any]) -> M:
    """An instance of `cls` holding `fields` (every field of the model, by name), as
    `cls.model_construct` would build it, at a fraction of the cost."""
    model = cls.__new__(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", set(fields))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    if _VALIDATE:
        cls.model_validate(fields)
    return model


_VALIDATE = os.environ.get("TIMELINE_VALIDATE_MODELS", "") not in ("", "0")
