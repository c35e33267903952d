"""Bytes -> YAML node tree -> plain data, with the line and column of every value.

Every input is untrusted. A file that is too large, binary, not UTF-8, not
valid YAML, nested absurdly deep, or that uses anchors, aliases, custom tags or
duplicate keys comes back as a `Document` with `problems` and no data: the
caller turns those into findings and goes on with the other files.

Scalars stay text (YAML 1.1 would turn the locale `NO` into false and the
version `4.10` into 4.1); the pydantic models type them. Only a plain `null`,
`~` or empty value becomes None.
"""

from __future__ import annotations

import contextlib
import gc
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Untyped:
    """Tag resolution that only knows null: everything else is text for the models to type.

    PyYAML's resolver runs a Python regex match on every scalar to guess ints,
    floats, booleans and dates we would throw away; skipping it makes composing
    cheaper than `yaml.compose` with the SafeLoader.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


try:  # libyaml's parser is several times faster than pure Python
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_Untyped, _SafeLoader):
    """Parses and composes; `_Untyped` replaces the resolver. Nothing is constructed."""


DEFAULT_MAX_BYTES = 1024 * 1024
# Real manifests nest about five deep. libyaml's composer recurses in C and crashes the
# process somewhere past 50,000 levels; our own walk recurses in Python.
MAX_DEPTH = 200

# Harmless tags; any other (`!!python/object`, `!custom`) was written to make mischief.
_IMPLICIT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
# An anchor (&a) or alias (*a) where YAML allows one; "Q&A" or "5 * 3" in text does not match.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\[\]{},]", re.MULTILINE)
# Block nesting needs indentation or "- - -" at the start of a line: a lead this long
# could hide deep nesting.
_LONG_LINE_LEAD = re.compile(rf"^[ \t?-]{{{MAX_DEPTH // 2},}}", re.MULTILINE)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    column: int  # 1-based
    message: str


@dataclass
class Document:
    """One loaded YAML file: its data, and where each value stands in the file.

    `positions` holds line, column pairs for every node in document order (a
    mapping, then each key followed by its value's subtree; a sequence, then its
    items). That is a few bytes a node, where keeping PyYAML's node tree alive
    would cost three objects a node, and it crosses process boundaries cheaply.
    """

    path: str  # as shown to the user: relative to the checked repository, with /
    data: Any = None
    positions: array[int] = field(default_factory=lambda: array("I"))
    problems: list[Problem] = field(default_factory=list)
    _sizes: dict[int, int] | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest ancestor that exists.

        With `key=True` and a mapping key last in the path, the key itself.
        """
        if not self.positions:
            return 1, 1
        if self._sizes is None:
            self._sizes = {}
            _measure(self.data, self._sizes)
        sizes = self._sizes
        node, at = self.data, 0  # `at`: the node's index in `positions`
        last = len(path) - 1
        for depth, step in enumerate(path):
            if isinstance(node, dict) and step in node:
                at += 1
                for name, value in node.items():
                    if name == step:
                        break
                    at += 1 + sizes.get(id(value), 1)
                if key and depth == last:
                    break  # `at` is the key's own position
                node, at = node[step], at + 1
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                at += 1 + sum(sizes.get(id(item), 1) for item in node[:step])
                node = node[step]
            else:
                break
        return self.positions[2 * at], self.positions[2 * at + 1]


def _measure(data: Any, sizes: dict[int, int]) -> int:
    """How many positions each container's subtree holds, by id, for `locate` to skip over."""
    if isinstance(data, dict):
        size = 1 + sum(1 + _measure(value, sizes) for value in data.values())
    elif isinstance(data, list):
        size = 1 + sum(_measure(item, sizes) for item in data)
    else:
        return 1
    sizes[id(data)] = size
    return size


@contextlib.contextmanager
def bulk_loading() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of node trees pile up.

    Every YAML node is a tracked object and the trees stay alive as source maps,
    so the collector would rescan a growing heap again and again: with it
    running, composing 2,000 manifests takes four times as long. Afterwards the
    survivors are frozen, so later collections (while the rules run) skip them.
    Node trees hold no reference cycles; reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def read_document(file: Path, shown_as: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and parse one file; an unreadable or oversized file is a Problem, not an exception."""
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return _failed(shown_as, 1, 1, f"file is {size:,} bytes, over the {max_bytes:,} limit")
        raw = file.read_bytes()
    except OSError as error:
        return _failed(shown_as, 1, 1, f"cannot read file: {error.strerror or error}")
    return parse_document(raw, shown_as, max_bytes)


# Below this many files, starting a second process costs more than it saves.
PARALLEL_FROM = 200


def read_documents(files: list[tuple[Path, str]], max_bytes: int) -> list[Document]:
    """`read_document` for each (file, shown_as), in order, on several cores when there are many.

    Parsing is most of a large check's time and each file stands alone.
    """
    from launchgate.parallel import split_map

    def read(start: int, stop: int) -> list[Document]:
        return [read_document(file, shown, max_bytes) for file, shown in files[start:stop]]

    return split_map(read, len(files), PARALLEL_FROM)


def parse_document(raw: bytes, shown_as: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if len(raw) > max_bytes:
        return _failed(shown_as, 1, 1, f"file is {len(raw):,} bytes, over the {max_bytes:,} limit")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return _failed(shown_as, line, 1, "binary file (contains a NUL byte), expected YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return _failed(shown_as, line, 1, f"not UTF-8 text (byte 0x{raw[error.start]:02x})")
    return parse_text(text, shown_as)


def parse_text(text: str, shown_as: str) -> Document:
    problem = _refuse_structure(text)
    if problem is not None:
        return Document(shown_as, problems=[problem])
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "invalid YAML"
        if error.context:
            reason = f"{error.context}: {reason}"
        return _failed(shown_as, line, column, f"invalid YAML: {reason}")
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        return _failed(shown_as, 1, 1, f"invalid YAML: {_first_line(str(error))}")
    if root is None:
        return Document(shown_as)  # empty, or only comments: each caller says what that means
    problems: list[Problem] = []
    positions: list[int] = []
    data = _to_data(root, problems, positions)
    if problems:
        return Document(shown_as, problems=problems)
    return Document(shown_as, data=data, positions=array("I", positions))


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                yield event
    finally:
        loader.dispose()


def _failed(shown_as: str, line: int, column: int, message: str) -> Document:
    return Document(shown_as, problems=[Problem(line, column, message)])


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unreadable"


def _refuse_structure(text: str) -> Problem | None:
    """Anchors, aliases and deep nesting, found from the event stream before composing.

    Aliases are how an "alias bomb" expands a small file into billions of
    nodes, and libyaml's composer recurses in C, so a deeply nested file would
    crash the process. Both checks cost one extra parse, so they only run when a
    cheap look at the text says they could matter.
    """
    could_alias = ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text) is not None
    could_nest = (
        text.count("[") + text.count("{") > MAX_DEPTH or _LONG_LINE_LEAD.search(text) is not None
    )
    if not (could_alias or could_nest):
        return None
    depth = 0
    try:
        for event in _events(text):
            mark = event.start_mark
            assert mark is not None  # libyaml and PyYAML mark every event
            if isinstance(event, yaml.AliasEvent):
                return Problem(mark.line + 1, mark.column + 1, "aliases (*name) are not allowed")
            if getattr(event, "anchor", None):
                return Problem(mark.line + 1, mark.column + 1, "anchors (&name) are not allowed")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(
                        mark.line + 1, mark.column + 1, f"nested deeper than {MAX_DEPTH} levels"
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # compose reports the syntax error with its position
    return None


def _to_data(node: yaml.Node, problems: list[Problem], positions: list[int]) -> Any:
    mark = node.start_mark
    positions += (mark.line + 1, mark.column + 1)
    tag = node.tag
    if tag not in _IMPLICIT_TAGS:
        _report(problems, node, f"explicit tags like {tag!r} are not allowed")
        return None
    if isinstance(node, yaml.ScalarNode):
        if tag == _NULL_TAG:  # only a plain ~, null or nothing resolves to null
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, problems, positions) for item in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            _report(problems, key_node, "keys must be plain text, not a list or mapping")
            continue
        key = key_node.value
        if key in mapping:
            _report(problems, key_node, f"duplicate key {key!r}")
            continue
        mark = key_node.start_mark
        positions += (mark.line + 1, mark.column + 1)
        mapping[key] = _to_data(value_node, problems, positions)
    return mapping


def _report(problems: list[Problem], node: yaml.Node, message: str) -> None:
    problems.append(Problem(node.start_mark.line + 1, node.start_mark.column + 1, message))
