"""A manifest with invalid values -> the launch without them, so one bad value hides nothing else.

One impossible `due:` date used to turn the whole manifest into
`manifest-invalid` findings, and no rule looked at that launch: its copy could
be twice too long and nobody would hear of it until the date was fixed.

So the manifest is validated, and each invalid value is left out: the value
itself when its key is optional (a collateral item's `due`, `release.date`)
and nothing but "none" stands in for it (an invalid `status` would read as
`planned`), else the list item it is in (a copy item without valid `text`), else its
top-level key. That is validated again. The invalid values are still
`manifest-invalid` findings; the rules run on what is left. Only an invalid
or missing `id` leaves no launch at all.

What is left out looks to a rule like something never written, and a rule
could report what is not so: "has no owner" because the owner was invalid,
"the checklist requires a blog_post" because the blog-post item was left out,
a lead time counted from the release because the announcement date was. Two
guards keep those out (`Gaps`):

- a finding at, inside or around a left-out value is dropped: the
  manifest-invalid finding already points there;
- a rule that reads a top-level key as a whole (`Rule.reads`: date-order
  reads `release` and `announce` to know the deadline) does not run on a
  launch with something left out of that key.

A left-out list item leaves a gap in the list the rules see; their paths are
mapped back to the file's items, so every finding keeps its line.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticUndefined

from launchgate.loader import Document, PathKey, Problem
from launchgate.models import Manifest
from launchgate.validate import _model_inside, clean_location, keys_at, validate
from launchgate.wording import closest

# Each round leaves out more (a value, then what holds it when that is required): a bound.
_ROUNDS = 6


@dataclass(frozen=True)
class Gaps:
    """What was left out of a launch's manifest, as paths into the file."""

    left_out: frozenset[PathKey]
    # A list the model holds with items left out -> the file's index of each item it holds.
    kept: tuple[tuple[PathKey, tuple[int, ...]], ...] = ()

    def touches(self, reads: Collection[str] | None) -> bool:
        """Does anything left out lie under one of these top-level keys (None: any key)?"""
        return reads is None or any(path[0] in reads for path in self.left_out)

    def original(self, path: PathKey) -> PathKey:
        """The file's path for a path into the manifest the rules see."""
        kept = self._kept
        out: list[str | int] = []
        for step in path:
            if isinstance(step, int):
                items = kept.get(tuple(out))
                if items is not None and 0 <= step < len(items):
                    step = items[step]
            out.append(step)
        return tuple(out)

    def place(self, path: PathKey) -> PathKey | None:
        """The file's path for a rule's path, or None when it meets something left out."""
        placed = self.original(path)
        if placed in self._around:  # at or around something left out
            return None
        if any(placed[:length] in self.left_out for length in range(1, len(placed))):
            return None  # inside something left out
        return placed

    @functools.cached_property
    def _kept(self) -> dict[PathKey, tuple[int, ...]]:
        return dict(self.kept)

    @functools.cached_property
    def _around(self) -> frozenset[PathKey]:
        """Every path left out, and every path that holds one: a set, as thousands may be."""
        return frozenset(gap[:length] for gap in self.left_out for length in range(len(gap) + 1))


def salvage(document: Document) -> tuple[Manifest | None, list[Problem], Gaps | None]:
    """The manifest (with what is invalid left out), every problem, and what was left out."""
    manifest, problems = validate(document, Manifest)
    if manifest is not None or not problems or not isinstance(document.data, dict):
        return manifest, problems, None
    left_out: set[PathKey] = set()
    data: Any = document.data
    kept: dict[PathKey, tuple[int, ...]] = {}
    for _ in range(_ROUNDS):
        gaps = _gaps(left_out, kept)
        try:
            return Manifest.model_validate(data), problems, gaps
        except ValidationError as error:
            errors = error.errors()
        more = {_to_leave_out(item, gaps) for item in errors}
        if None in more or not more - left_out:
            return None, problems, None  # the id, or nothing more that can go
        left_out |= {path for path in more if path is not None}
        left_out |= {gaps.original(path) for path in _meant(errors)}
        data, kept = _without(document.data, left_out)
    return None, problems, None


def _gaps(left_out: set[PathKey], kept: dict[PathKey, tuple[int, ...]]) -> Gaps:
    return Gaps(frozenset(left_out), tuple(sorted(kept.items(), key=str)))


def _to_leave_out(error: Any, gaps: Gaps) -> PathKey | None:
    """The file's path of what to leave out for one error; None when the launch cannot stand.

    An invalid value goes, or an unknown key; for a missing key, what should hold it.
    When what goes was itself required, the next round finds it missing and
    climbs one level: from a value to its list item, or to its top-level key.
    """
    loc = clean_location(error)
    if error["type"] == "missing":
        loc = loc[:-1]
    elif error["type"] == "extra_forbidden":
        # An unknown key in a list item is a misspelt or a garbled one (a comma inside
        # curly quotes splits a text in two): the whole item goes, not just the key.
        items = [index for index, step in enumerate(loc) if isinstance(step, int)]
        loc = loc[: items[-1] + 1] if items else loc
    elif len(loc) > 1 and _default_stands_in(loc):
        # Left out, `status: Done` would read as the default `planned`: an "overdue" the
        # user never wrote. What holds it goes instead.
        loc = loc[:-1]
    if not loc or loc == ("id",):
        return None
    return gaps.original(loc)


def _default_stands_in(loc: PathKey) -> bool:
    """Would leaving out the value at `loc` put a default other than nothing in its place?"""
    model: Any = Manifest
    names = [step for step in loc if not isinstance(step, int)]  # items: their model is unwrapped
    for number, name in enumerate(names):
        fields = model.model_fields if model is not None else {}
        field = next((f for key, f in fields.items() if name in (key, f.alias)), None)
        if field is None:
            return False  # a key of a mapping such as owners: no default
        if number == len(names) - 1:
            return field.default is not None and field.default is not PydanticUndefined
        model = _model_inside(field.annotation)
    return False


def _meant(errors: Iterable[Any]) -> set[PathKey]:
    """The keys that misspelt keys were meant to be: `colateral:` means collateral.

    The launch holds no collateral then, and rules that read it would say so.
    """
    meant: set[PathKey] = set()
    for error in errors:
        loc = clean_location(error)
        if error["type"] == "extra_forbidden":
            known = keys_at(Manifest, loc[:-1])
            close = closest(str(loc[-1]), known)
            meant |= {(*loc[:-1], close)} if close else set()
    return meant


def _without(data: Any, left_out: set[PathKey]) -> tuple[Any, dict[PathKey, tuple[int, ...]]]:
    """A copy of the data without the values at those paths, and the items each list kept."""
    kept: dict[PathKey, tuple[int, ...]] = {}

    def copy(node: Any, path: PathKey) -> Any:
        if isinstance(node, dict):
            return {
                key: copy(value, (*path, key))
                for key, value in node.items()
                if (*path, key) not in left_out
            }
        if isinstance(node, list):
            indices = tuple(i for i in range(len(node)) if (*path, i) not in left_out)
            if len(indices) < len(node):
                kept[path] = indices
            return [copy(node[i], (*path, i)) for i in indices]
        return node

    return copy(data, ()), kept
