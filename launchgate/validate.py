"""Loaded YAML -> a pydantic model, or problems that point at the offending line."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from launchgate.loader import Document, Problem

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(document: Document, model: type[ModelT]) -> tuple[ModelT | None, list[Problem]]:
    if document.data is None:
        return None, [Problem(1, 1, "the file is empty")]
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        return None, [Problem(1, 1, f"expected a mapping of keys at the top, found {kind}")]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, [_describe(document, model, item) for item in error.errors()]


def _describe(document: Document, model: type[BaseModel], error: Any) -> Problem:
    from launchgate import wording

    kind = error["type"]
    loc = clean_location(error)
    if kind == "extra_forbidden":
        unknown = str(loc[-1])
        where = wording.where(loc[:-1], document.data)
        message = (f"{where}: " if where else "") + f"unknown key {wording.visible(unknown)!r}"
        close = wording.did_you_mean(unknown, keys_at(model, loc[:-1]))
        odd_space = wording.odd_space(unknown)
        if odd_space:
            message += f": {odd_space}"
        elif any(quote in unknown for quote in wording.CURLY_QUOTES):
            message += (
                f" (the curly quotes {wording.CURLY_QUOTES[:2]} pasted from a document are not "
                'quotes in YAML: type straight quotes, text: "...", and a comma inside them '
                "stays part of the text)"
            )
        elif close:
            message += f" ({close})"
        line, column = document.locate(loc, key=True)
    elif kind == "missing":
        where = wording.where(loc[:-1], document.data)
        message = (f"{where}: " if where else "") + f"missing required key {str(loc[-1])!r}"
        line, column = document.locate(loc[:-1])
    else:
        accepted = keys_at(model, loc) if isinstance(error.get("input"), str | list) else []
        text = wording.explain(kind, error.get("input"), error.get("ctx") or {}, accepted)
        value = error.get("input")
        odd_space = wording.odd_space(value) if isinstance(value, str) else None
        if odd_space:  # `2026-12-08` with a non-breaking space after it looks right, and is not
            text = f"{wording.found(wording.visible(value))}: {odd_space}"
        where = wording.where(loc, document.data)
        message = f"{where}: {text}" if where else text
        line, column = document.locate(loc)
    return Problem(line, column, message)


def clean_location(error: Any) -> tuple[Any, ...]:
    """The path of an error in the data, without the union branches pydantic adds."""
    steps = tuple(error["loc"])
    # An unknown key ends the location as written, even one named "str" or "[draft]".
    key = steps[-1:] if error["type"] == "extra_forbidden" else ()
    loc = tuple(step for step in steps[: len(steps) - len(key)] if not _is_union_branch(step))
    return loc + key


def _is_union_branch(step: Any) -> bool:
    # pydantic inserts the branch name ("str", "function-after[...]") into the location
    return isinstance(step, str) and ("[" in step or step in {"str", "int", "bool", "none"})


def keys_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model accepts at `loc`, to suggest one for a misspelt key."""
    current: Any = model
    skip_dict_key = False
    for step in loc:
        if isinstance(step, int) or skip_dict_key:
            skip_dict_key = False
            continue  # a list index or dict key: the item type was already unwrapped below
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = next(
            (f for name, f in current.model_fields.items() if step in (name, f.alias)), None
        )
        if field is None:
            return []
        skip_dict_key = typing.get_origin(field.annotation) is dict
        current = _model_inside(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _model_inside(annotation: Any) -> Any:
    """The BaseModel inside `X | None`, `list[X]` or `dict[str, X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType, list, dict):
        for arg in typing.get_args(annotation):
            inner = _model_inside(arg)
            if inner is not None:
                return inner
    return None
