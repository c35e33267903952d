"""Bytes -> YAML node tree -> plain data, with the line and column of every value.

Every input is untrusted. A file that is too large, binary, not UTF-8, not
valid YAML, nested absurdly deep, or that uses anchors, aliases, custom tags (on
a value or a key) or duplicate keys comes back as a `Document` with `problems`
and no data: the caller turns those into findings and goes on with the other
files. A syntax error is told in words with its fix (launchgate.yaml_mistakes).

Scalars stay text (YAML 1.1 would turn the locale `NO` into false and the
version `4.10` into 4.1); the pydantic models type them. Only a plain `null`,
`~` or empty value becomes None.
"""

from __future__ import annotations

import contextlib
import gc
import re
import sys
from array import array
from collections.abc import Iterator, Mapping
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
# An anchor (&a) or alias (*a) where YAML allows one: at the start, or after a space or
# [ { , : ? -, or a BOM (libyaml skips one at the start of any line; in a flow collection
# an anchor may follow it). "?" is a key indicator in a flow collection even when no space
# follows it: "[?&a x]". "Q&A" or "5 * 3" in text does not match. Each pattern starts with
# its own character, so the search skips ahead to it in C (one pattern for both was 100 µs
# a file).
_ANCHOR_OR_ALIAS_FIRST = re.compile(r"[&*][^\s\[\]{},]")
_ANCHOR = re.compile(r"&(?<=[\s\[{,:?\ufeff-]&)[^\s\[\]{},]")
_ALIAS = re.compile(r"\*(?<=[\s\[{,:?\ufeff-]\*)[^\s\[\]{},]")
# Block nesting needs indentation or "- - -" at the start of a line: a lead this long
# could hide deep nesting. A line starts the text or follows a LF or a lone CR (YAML reads
# both as line breaks). Not a MULTILINE "^" pattern, nor one that starts with [\r\n]: those
# try every position, and were the slowest part of reading a manifest. These start with one
# character, so the search skips ahead to it in C.
_LEAD = rf"[ \t?-]{{{MAX_DEPTH // 2}}}"
_LONG_FIRST_LEAD = re.compile(_LEAD)
_LONG_LEAD_AFTER_LF = re.compile("\n" + _LEAD)
_LONG_LEAD_AFTER_CR = re.compile("\r" + _LEAD)
# libyaml breaks lines at NEL, LS and PS too, and skips a BOM at the start of a line (the
# BOM still counts as a column of indentation). Rare in manifests: looked for only in a
# text that holds one of them.
_LONG_LEAD_AFTER_RARE = re.compile("[\r\n\x85\u2028\u2029\ufeff]\ufeff?" + _LEAD)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based
    column: int  # 1-based
    message: str


# In `Document.keys`, what a container entry is; a mapping key's entry holds the key itself.
MAPPING, SEQUENCE = 1, 2


@dataclass
class Document:
    """One loaded YAML file: its data, and where each value stands in the file.

    Every node, and every mapping key, is an entry in document order (a
    mapping, then each key followed by its value's entries; a sequence, then
    its items). For entry i, `positions[2*i:2*i+2]` is its line and column (0-based,
    as PyYAML counts: `locate` adds one),
    `sizes[i]` how many entries its subtree spans, and `keys[i]` the key text,
    MAPPING or SEQUENCE, or None for a scalar. That is enough to find any
    path's line without the data, which callers may drop once the models hold
    the values, and it crosses process boundaries cheaply.
    """

    path: str  # as shown to the user: relative to the checked repository, with /
    data: Any = None
    positions: array[int] = field(default_factory=lambda: array("I"))
    sizes: array[int] = field(default_factory=lambda: array("I"))
    keys: list[str | int | None] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # What loaded, but maybe not as meant (copy text a " #" cut short): reported, not fatal.
    notes: list[Problem] = field(default_factory=list)
    # Container entry -> its children's entries, filled in as `locate` needs them.
    _index: dict[int, dict[str | int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def ok(self) -> bool:
        return not self.problems

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest ancestor that exists.

        With `key=True` and a mapping key last in the path, the key itself.
        """
        if not self.positions:
            return 1, 1
        keys = self.keys
        at = 0  # the entry of the node reached so far
        last = len(path) - 1
        for depth, step in enumerate(path):
            if keys[at] == MAPPING and isinstance(step, str):
                child = self._children(at).get(step)
                if child is None:
                    break
                at = child if key and depth == last else child + 1
            elif keys[at] == SEQUENCE and isinstance(step, int) and step >= 0:
                child = self._children(at).get(step)
                if child is None:
                    break
                at = child
            else:
                break
        return self.positions[2 * at] + 1, self.positions[2 * at + 1] + 1

    def only(self, names: frozenset[str]) -> Document:
        """This document without its data, and with the entries of those top-level keys only.

        Every path under those keys locates as it did: a subtree's entries keep
        their sizes, which count within the subtree.
        """
        keys = self.keys
        if not keys or keys[0] != MAPPING:
            return Document(self.path, None, self.positions, self.sizes, keys, self.problems)
        sizes, positions = self.sizes, self.positions
        new_positions, new_sizes, new_keys = positions[:2], sizes[:1], keys[:1]  # the root
        child, end = 1, sizes[0]
        while child < end:
            stop = child + 1 + sizes[child + 1]  # past the key and its value's subtree
            if keys[child] in names:
                new_positions += positions[2 * child : 2 * stop]
                new_sizes += sizes[child:stop]
                new_keys += keys[child:stop]
            child = stop
        new_sizes[0] = len(new_keys)
        return Document(self.path, None, new_positions, new_sizes, new_keys, self.problems)

    def _children(self, at: int) -> dict[str | int, int]:
        """The container at entry `at`: each key's entry (a mapping) or each item's (a sequence).

        Built once per container, so that locating every item of a long list (a finding
        on each of 20,000 items) costs linear time, not quadratic.
        """
        index = self._index.get(at)
        if index is not None:
            return index
        index = {}
        sizes, keys = self.sizes, self.keys
        child, end = at + 1, at + sizes[at]
        if keys[at] == MAPPING:
            while child < end:
                name = keys[child]
                if isinstance(name, str):  # always: a mapping's children start with their key
                    index.setdefault(name, child)
                child += 1 + sizes[child + 1]  # past the key and its value
        else:
            while child < end:
                index[len(index)] = child
                child += sizes[child]
        self._index[at] = index
        return index


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


def parse_documents(files: Mapping[str, bytes], max_bytes: int) -> list[Document]:
    """Files held in memory (as shown -> content), parsed in the mapping's order: what
    `read_documents` gives for the same files on disk, and no file is read."""
    from launchgate.parallel import split_map

    items = list(files.items())

    def parse(start: int, stop: int) -> list[Document]:
        return [parse_document(raw, shown, max_bytes) for shown, raw in items[start:stop]]

    return split_map(parse, len(items), PARALLEL_FROM)


def parse_document(raw: bytes, shown_as: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One file's content -> its Document; the one parse every file goes through, from disk
    (`read_document`) or from memory."""
    if len(raw) > max_bytes:
        return _failed(shown_as, 1, 1, f"file is {len(raw):,} bytes, over the {max_bytes:,} limit")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return _failed(shown_as, line, 1, "binary file (contains a NUL byte), expected YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}): the file was saved in another "
            "encoding (curly quotes or accents from an older editor, say): save it as UTF-8"
        )
        return _failed(shown_as, line, column, message)
    return parse_text(text, shown_as)


def parse_text(text: str, shown_as: str) -> Document:
    problem = _refuse_structure(text)
    if problem is not None:
        return Document(shown_as, problems=[problem])
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        from launchgate.yaml_mistakes import explain  # only for a broken file

        return _failed(shown_as, *explain(text, error))
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        from launchgate.yaml_mistakes import explain_reader_error

        return _failed(shown_as, *explain_reader_error(text, error))
    if root is None:
        return Document(shown_as)  # empty, or only comments: each caller says what that means
    problems: list[Problem] = []
    entries = _Entries()
    data = _to_data(root, problems, entries)
    if problems:
        return Document(shown_as, problems=problems)
    return Document(
        shown_as,
        data=data,
        notes=_cut_copy_texts(root, text) if " #" in text or "\t#" in text else [],
        positions=array("I", entries.positions),
        sizes=array("I", entries.sizes),
        keys=entries.keys,
    )


def _cut_copy_texts(root: yaml.Node, text: str) -> list[Problem]:
    """Copy texts that end where a " #" starts a comment: `text: Launch day! #SmartReports`
    is read as "Launch day!", and the hashtag would vanish without a word.

    Only unquoted copy texts in block style: in a flow item ({...}) the comment also
    swallows the closing bracket, which is a syntax error told on its own.
    """
    notes: list[Problem] = []
    copy = next((v for k, v in _pairs(root) if k.value == "copy"), None)
    items = copy.value if isinstance(copy, yaml.SequenceNode) else []
    for number, item in enumerate(items, 1):
        value = next((v for k, v in _pairs(item) if k.value == "text"), None)
        if not isinstance(value, yaml.ScalarNode) or value.style or not value.value:
            continue  # quoted, a block scalar, or no text
        end = value.end_mark.index
        line_end = min(
            (i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0), default=len(text)
        )
        rest = text[end:line_end]
        comment = rest.lstrip(" \t")
        if not comment.startswith("#"):
            continue
        column = value.end_mark.column + len(rest) - len(comment) + 1
        meant = f"{value.value} {comment.rstrip()}".replace('"', '\\"')
        notes.append(
            Problem(
                value.end_mark.line + 1,
                column,
                f"copy item {number}: the text stops at {_clip(comment)!r}: after a space, "
                f"# starts a comment in YAML, so the copy checked is {_clip(value.value)!r}. "
                f'If the # is part of the copy, quote the whole text: text: "{_clip(meant, 80)}"; '
                "if it is a note, quote the text before it",
            )
        )
    return notes


def _pairs(node: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
    return node.value if isinstance(node, yaml.MappingNode) else []


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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


def _could_alias(text: str) -> bool:
    return (
        _ANCHOR_OR_ALIAS_FIRST.match(text) is not None
        or ("&" in text and _ANCHOR.search(text) is not None)
        or ("*" in text and _ALIAS.search(text) is not None)
    )


def _long_lead(text: str) -> bool:
    return (
        _LONG_FIRST_LEAD.match(text) is not None
        or _LONG_LEAD_AFTER_LF.search(text) is not None
        or ("\r" in text and _LONG_LEAD_AFTER_CR.search(text) is not None)
        or (
            not text.isascii()
            and ("\x85" in text or "\u2028" in text or "\u2029" in text or "\ufeff" in text)
            and _LONG_LEAD_AFTER_RARE.search(text) is not None
        )
    )


def _refuse_structure(text: str) -> Problem | None:
    """Anchors, aliases and deep nesting, found from the event stream before composing.

    Aliases are how an "alias bomb" expands a small file into billions of
    nodes, and libyaml's composer recurses in C, so a deeply nested file would
    crash the process. Both checks cost one extra parse, so they only run when a
    cheap look at the text says they could matter.
    """
    could_alias = _could_alias(text)
    could_nest = text.count("[") + text.count("{") > MAX_DEPTH or _long_lead(text)
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
        # Newer libyaml builds stop deep flow nesting in their scanner, before the parser
        # has sent the events counted above: say it in our words, whatever the version.
        return _flow_too_deep(text) if could_nest else None  # else compose reports it
    return None


# Flow brackets, and the quoted scalars whose brackets are text.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FLOW_BRACKET = re.compile(r"[\[\]{}]|\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")


def _flow_too_deep(text: str) -> Problem | None:
    """Where flow brackets first nest deeper than MAX_DEPTH, read from the text alone.

    Runs only after libyaml refused the text, so a rough reading (a quote inside
    a plain scalar) costs at most our own message in place of libyaml's.
    """
    depth = 0
    for match in _FLOW_BRACKET.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                at = match.start()
                breaks = _LINE_BREAK.findall(text, 0, at)
                line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
                return Problem(
                    len(breaks) + 1, at - line_start + 1, f"nested deeper than {MAX_DEPTH} levels"
                )
        elif bracket in "]}":
            depth = max(depth - 1, 0)
    return None


class _Entries:
    """The positions, sizes and keys of a document, filled in while its data is built."""

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.sizes: list[int] = []
        self.keys: list[str | int | None] = []


_Scalar, _Sequence = yaml.ScalarNode, yaml.SequenceNode


def _to_data(node: yaml.Node, problems: list[Problem], entries: _Entries) -> Any:
    """The node's data, its entries added as `Document` describes them.

    This runs for every node of every manifest, so it is written for speed: exact
    type checks, the lists bound to locals, and a mapping's text values added inline.
    """
    tag = node.tag
    if tag not in _IMPLICIT_TAGS:
        _report(problems, node, _tag_message(tag))
        return None
    positions, sizes, keys = entries.positions, entries.sizes, entries.keys
    mark = node.start_mark
    positions += (mark.line, mark.column)
    entry = len(sizes)
    sizes.append(1)  # a container's is set once its children are in
    kind = type(node)
    if kind is _Scalar:
        keys.append(None)
        return None if tag == _NULL_TAG else node.value  # only a plain ~, null or nothing
    if kind is _Sequence:
        keys.append(SEQUENCE)
        items = [_to_data(item, problems, entries) for item in node.value]
        sizes[entry] = len(sizes) - entry
        return items
    keys.append(MAPPING)
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not _Scalar:
            _report(problems, key_node, "keys must be plain text, not a list or mapping")
            continue
        if key_node.tag not in _IMPLICIT_TAGS:  # `!!python/object:os.system key: v`
            _report(problems, key_node, _tag_message(key_node.tag))
            continue
        key = sys.intern(key_node.value)  # "channel", "text": thousands of times each
        if key in mapping:
            first = next(k for k, _ in node.value if k.value == key).start_mark.line + 1
            _report(problems, key_node, f"duplicate key {key!r} (first written on line {first})")
            continue
        mark = key_node.start_mark
        if value_node.tag == _STR_TAG and type(value_node) is _Scalar:
            value_mark = value_node.start_mark
            positions += (mark.line, mark.column, value_mark.line, value_mark.column)
            sizes += (1, 1)
            keys += (key, None)
            mapping[key] = value_node.value
        else:
            positions += (mark.line, mark.column)
            sizes.append(1)
            keys.append(key)
            mapping[key] = _to_data(value_node, problems, entries)
    sizes[entry] = len(sizes) - entry
    return mapping


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag
    return f"remove {shown}: explicit tags (a ! before a key or value) are not allowed"


def _report(problems: list[Problem], node: yaml.Node, message: str) -> None:
    problems.append(Problem(node.start_mark.line + 1, node.start_mark.column + 1, message))
