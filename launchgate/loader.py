"""Bytes -> YAML node tree -> plain data, keeping the nodes as the source map.

Every input is untrusted. A file that is too large, binary, not UTF-8, not
valid YAML, nested absurdly deep, or that uses anchors, aliases, custom tags or
duplicate keys comes back as a `Document` with `problems` and no data: the
caller turns those into findings and goes on with the other files.

Scalars stay text (YAML 1.1 would turn the locale `NO` into false and the
version `4.10` into 4.1); the pydantic models type them. Only a plain `null`,
`~` or empty value becomes None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's parser is several times faster; fall back to pure Python where missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64  # real manifests nest about five deep; libyaml's composer recurses in C

_NULL_TAG = "tag:yaml.org,2002:null"
# Tags the resolver assigns on its own. Anything else was written explicitly.
_IMPLICIT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
# An anchor (&a) or alias (*a) where YAML allows one; "Q&A" or "5 * 3" in text does not match.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\[\]{},]", re.MULTILINE)
# The run of indentation and block indicators that starts a line bounds block nesting.
_LINE_LEAD = re.compile(r"^[ \t?-]*", re.MULTILINE)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    column: int  # 1-based
    message: str


@dataclass
class Document:
    """One loaded YAML file: its data, and the nodes that say where each value stands."""

    path: str  # as shown to the user: relative to the checked repository, with /
    data: Any = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at `path`, or of its nearest ancestor that exists.

        With `key=True` and a mapping key last in the path, the key itself.
        """
        node = self.root
        if node is None:
            return 1, 1
        last = len(path) - 1
        for index, step in enumerate(path):
            child, key_node = _child(node, step)
            if child is None:
                break
            if key and key_node is not None and index == last:
                node = key_node
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return value_node, key_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return node.value[step], None
    return None, None


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
        root = yaml.compose(text, Loader=_Loader)
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
        return _failed(shown_as, 1, 1, "the file is empty")
    problems: list[Problem] = []
    data = _to_data(root, problems)
    if problems:
        return Document(shown_as, root=root, problems=problems)
    return Document(shown_as, data=data, root=root)


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
    could_alias = _ANCHOR_OR_ALIAS.search(text) is not None
    block_depth = 2 * (max(map(len, _LINE_LEAD.findall(text)), default=0) + 1)
    could_nest = text.count("[") + text.count("{") + block_depth > MAX_DEPTH
    if not (could_alias or could_nest):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
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


def _to_data(node: yaml.Node, problems: list[Problem]) -> Any:
    tag = node.tag
    if tag not in _IMPLICIT_TAGS:
        _report(problems, node, f"explicit tags like {tag!r} are not allowed")
        return None
    if isinstance(node, yaml.ScalarNode):
        if tag == _NULL_TAG:  # only a plain ~, null or nothing resolves to null
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, problems) for item in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            _report(problems, key_node, "keys must be plain text, not a list or mapping")
            continue
        key = key_node.value
        if key in mapping:
            _report(problems, key_node, f"duplicate key {key!r}")
            continue
        mapping[key] = _to_data(value_node, problems)
    return mapping


def _report(problems: list[Problem], node: yaml.Node, message: str) -> None:
    problems.append(Problem(node.start_mark.line + 1, node.start_mark.column + 1, message))


def iter_paths(data: Any, prefix: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Every (path, value) pair below `data`, depth first, for rules that search all text."""
    yield prefix, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_paths(value, (*prefix, index))
