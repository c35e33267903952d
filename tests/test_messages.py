"""Messages a product or marketing manager understands: what is wrong, where, and what to write.

Each case is a mistake a person editing a manifest by hand made, checked the
way their run does (the CLI on real files): the finding's rule and line, and
launchgate's own wording. No message repeats pydantic's or PyYAML's words, or
names a class of ours.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from launchgate.config import Config, load_config
from launchgate.errors import ConfigError
from launchgate.loader import parse_document, parse_text
from launchgate.models import Checklist, Glossary, Manifest
from launchgate.validate import _model_inside, validate
from tests.conftest import TODAY, run_cli, write_tree

# Words of the implementation that must never reach a user.
LEAKS = (
    "Input should be",
    "while scanning",
    "while parsing",
    "expected <block end>",
    "dictionary",
    "instance of",
    "cannot start any token",
    "did not find expected",
    "could not find expected",
    "mapping values are not allowed",
    "ChannelSetting",
    "Manifest",
    "Collateral",
    "CopyItem",
    "Checklist",
    "Glossary",
    "Config",
    "pydantic",
    "Value error",
    "[0]",
    "\\x",  # a Python escape: '\\xa0' for a non-breaking space
    "\\u",
)


def assert_plain(message: str) -> None:
    leaked = [word for word in LEAKS if word in message]
    assert not leaked, f"{leaked} in {message!r}"


# file -> (text, line, what the message must say)
CASES: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "day-out-of-range": (
        "id: a\ncollateral:\n  - {id: post, type: blog_post, due: 2026-02-30}\n",
        3,
        ("collateral item 1 (post), due", "30 February 2026 does not exist", "YYYY-MM-DD"),
    ),
    "day-first": (
        "id: a\nrelease:\n  date: 08.12.2026\n",
        3,
        ("release.date", "write 2026-12-08", "YYYY-MM-DD"),
    ),
    "month-first": (
        "id: a\nrelease:\n  date: 03/15/2027\n",
        3,
        ("release.date", "written month first: write 2027-03-15"),
    ),
    "no-month-13": ("id: a\nannounce: {date: 2026-13-01}\n", 2, ("there is no month 13",)),
    "embargo-words": (
        "id: a\nannounce: {date: 2026-12-02, embargo_until: '2026-12-02 9am'}\n",
        2,
        ("announce.embargo_until", "2026-12-02T09:00:00+01:00"),
    ),
    "embargo-impossible-day": (
        "id: a\nannounce:\n  embargo_until: 2026-02-30T09:00:00+01:00\n",
        3,
        ("30 February 2026 does not exist", "2026-12-02T09:00:00+01:00"),
    ),
    "tab-before-item": (
        "id: a\ncollateral:\n\t- {id: post, type: blog_post}\n",
        3,
        ("tab", "spaces"),
    ),
    "curly-quotes-in-flow": (
        "id: a\ncopy:\n  - {channel: web.title, text: \u201cKnow how, summed up by AI\u201d}\n",
        3,
        ("curly quotes", "straight quotes"),
    ),
    "curly-quotes-in-block": (
        "id: a\ncopy:\n  - channel: web.title\n    text: \u201cNote: this\u201d\n",
        4,
        ("curly quotes", "straight quotes"),
    ),
    "colon-in-flow-text": (
        "id: a\ncopy:\n  - {channel: web.title, text: Note: this}\n",
        3,
        ("colon", 'text: "'),
    ),
    "colon-in-block-text": ("id: a\nname: Note: this\n", 2, ("colon", 'name: "')),
    "no-space-after-colon": (
        "id: a\nrelease:\n  version: '1'\n  date:2026-12-01\n",
        4,
        ("space is missing after the colon", "date: 2026-12-01"),
    ),
    "item-indented-one-off": (
        "id: a\ncollateral:\n  - id: a\n    type: b\n   - id: c\n     type: d\n",
        5,
        ("indented", "same column"),
    ),
    "handle-unquoted": ("id: a\nowners:\n  product: @ann\n", 3, ("in quotes", '"@ann"')),
    "unclosed-bracket": (
        "id: a\nowners: {product: '@ann'\nname: x\n",
        2,
        ("{", "not closed"),
    ),
    "duplicate-key": (
        "id: a\nrelease: {version: '1'}\nname: x\nrelease: {version: '2'}\n",
        4,
        ("duplicate key 'release'", "line 2"),
    ),
    "sign-starting-a-value": (
        "id: a\nfeatures:\n  - {id: f, flag: &reports.v2}\n",
        3,
        ("in quotes", '"&reports.v2"'),
    ),
    "item-on-its-key-line": (
        "id: a\nfeatures:  - {id: f}\n",
        2,
        ("list item", "own line"),
    ),
    "no-space-after-dash": (
        "id: a\ncopy:\n  - channel: web.title\n    text: hi\n  -channel: og.title\n",
        5,
        ("space after its '-'",),
    ),
    "text-of-no-key": ("'Smart reports'\nid: a\n", 1, ("belongs to no key",)),
    "first-key-indented": ("# Smart\n  name: Smart\nid: a\n", 2, ("first column",)),
    "stray-colon": ("id: a\ncopy:\n  - channel:] web.title\n", 3, ("copy item 1", "channel, text")),
    "custom-tag-on-key": ("id: a\n!!python/object:os.system k: v\n", 2, ("explicit tags",)),
    "non-breaking-indent": (
        "id: a\nrelease:\n\u00a0\u00a0version: '1'\n",
        3,
        ("unknown key 'version'", "non-breaking space", "ordinary space"),
    ),
    "non-breaking-item": (
        "id: a\ncopy:\n\u00a0\u00a0- {channel: web.title, text: hi}\n",
        3,
        ("non-breaking space", "ordinary space"),
    ),
    "non-breaking-after-date": (
        "id: a\nrelease: {version: '1', date: 2026-12-01\u00a0}\n",
        2,
        ("release.date", "non-breaking space", "ordinary space"),
    ),
    "zero-width-before-key": (
        "id: a\n\u200bname: Smart\n",
        2,
        ("unknown key 'name'", "zero-width space"),
    ),
    "hash-in-flow-text": (
        "id: a\ncopy:\n  - {channel: web.title, text: We are #1 in reports}\n",
        3,
        ("comment", "in quotes"),
    ),
    "date-range": (
        "id: a\nrelease: {date: 2026-12-01 to 2026-12-03}\n",
        2,
        ("release.date", "is not a date", "YYYY-MM-DD"),
    ),
    "embargo-zone-abbreviation": (
        "id: a\nannounce: {date: 2026-12-02, embargo_until: 2026-12-02T09:00 CET}\n",
        2,
        ("CET is not an offset", "+01:00"),
    ),
    "wrong-type": (
        "id: a\ncopy:\n  - {channel: in_app, text: hi, max: lots}\n",
        3,
        ("copy item 1, max", "whole number"),
    ),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One run over every case (a file each): one process for them all."""
    repo = tmp_path_factory.mktemp("messages")
    write_tree(repo, {f"launches/{name}.yaml": text for name, (text, _, _) in CASES.items()})
    result = run_cli("check", str(repo), "--today", TODAY, "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", list(CASES))
def test_a_hand_editing_mistake_is_named_in_plain_words(report: dict[str, Any], name: str) -> None:
    _, line, says = CASES[name]
    found = [f for f in report["findings"] if f["file"] == f"launches/{name}.yaml"]
    invalid = [f for f in found if f["rule"] == "manifest-invalid"]
    assert invalid, f"no manifest-invalid finding for {name}"
    first = invalid[0]
    assert first["line"] == line
    for words in says:
        assert words in first["message"], first["message"]
    for finding in found:
        assert_plain(finding["message"])


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ("channels:\n  web.hero: 60\n", ("channels.web.hero", "max")),
        ("channels:\n  web.hero: {max: -1}\n", ("channels.web.hero.max", "more than 0")),
        ("channels:\n  web.hero: {unit: chars}\n", ("'chars' is not one of", "utf16")),
        ("roles:\n  legal: lee\n", ("roles.legal", "users")),
        ("calendar:\n  freeze: [{from: 24.12.2026, to: 2027-01-02}]\n", ("write 2026-12-24",)),
    ],
)
def test_a_config_mistake_is_named_in_plain_words(
    tmp_path: Path, config: str, says: tuple[str, ...]
) -> None:
    write_tree(tmp_path, {".launchgate.yml": config})
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    message = str(raised.value)
    assert ".launchgate.yml:2:" in message
    for words in says:
        assert words in message
    assert_plain(message)


# --- every error the models and the loader can produce -------------------------------------

BAD_VALUES: list[Any] = [
    "",
    " ",
    "x",
    "-3",
    "0",
    "1.5",
    "99999999999999999999999",
    "2026-02-30",
    "08.12.2026",
    "2026-12-01T10:00:00+01:00",
    "2026-12-02 9am",
    "yes",
    {"k": "v"},
    ["x"],
    {},
    [],
    None,
]


def _bad_documents(model: type[BaseModel]) -> list[Any]:
    """Data with each bad value at each field, and an unknown key in each mapping, of a model."""
    found: list[Any] = []

    def visit(current: type[BaseModel], wrap: Any) -> None:
        found.append(wrap({"no_such_key": "x"}))
        found.append(wrap({}))  # the required keys missing
        for name, field in current.model_fields.items():
            key = field.alias or name
            found.extend(wrap({key: value}) for value in BAD_VALUES)
            inner = _model_inside(field.annotation)
            if inner is None or inner is current:
                continue
            origin = typing.get_origin(field.annotation)
            options = [typing.get_origin(arg) for arg in typing.get_args(field.annotation)]
            if origin is list or list in options:
                visit(inner, lambda data, key=key, wrap=wrap: wrap({key: [data]}))
            elif origin is dict:
                visit(inner, lambda data, key=key, wrap=wrap: wrap({key: {"k": data}}))
            else:
                visit(inner, lambda data, key=key, wrap=wrap: wrap({key: data}))

    visit(model, lambda data: data)
    return found


MODELS: list[type[BaseModel]] = [Manifest, Checklist, Glossary, Config]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_no_validation_error_reaches_a_user_in_implementation_words(
    model: type[BaseModel],
) -> None:
    kinds: set[str] = set()
    for data in _bad_documents(model):
        text = json.dumps(data)  # JSON is YAML: every value stays text, as in a manifest
        document = parse_text(text, "x.yaml")
        assert document.ok, text
        try:
            model.model_validate(document.data)
        except ValidationError as error:
            kinds |= {item["type"] for item in error.errors()}
        _, problems = validate(document, model)
        for problem in problems:
            assert_plain(problem.message)
            assert "is not valid here" not in problem.message, (text, problem.message)
    # The inputs above reach the kinds of error a user can make: each has its own wording.
    assert {"extra_forbidden", "string_type", "list_type", "value_error"} <= kinds
    if model is Manifest:
        assert {"missing", "literal_error", "int_parsing", "greater_than", "model_type"} <= kinds
        assert {"date_from_datetime_parsing", "datetime_from_date_parsing"} <= kinds


LOADER_CASES: list[str | bytes] = [
    *(text for text, _, _ in CASES.values()),
    b"id: x\x00",
    b"id: caf\xe9\n",
    b"id: " + b"x" * 2_000_000,
    "a: &x 1\nb: *x\n",
    "a: *x\n",
    "[" * 1000 + "]" * 1000,
    "- " * 1000 + "x\n",
    "id: x\n---\nid: y\n",
    "id: x\nname: a\x07b\n",
    "id: x\n[a, b]: c\n",
    "id: x\nname: 'open\n",
    'id: x\nname: "abc" def\n',
    "id: x\n- a\n",
    "id: x\n  name: y\n",
    "id: x\nname: %x\n",
    "id: x\n? a\n? a\n",
    "id: [x\n",
    "id: }\n",
    "key without colon\nid: x\n",
]


@pytest.mark.parametrize("text", LOADER_CASES, ids=range(len(LOADER_CASES)))
def test_no_loader_problem_reaches_a_user_in_implementation_words(text: str | bytes) -> None:
    raw = text.encode() if isinstance(text, str) else text
    document = parse_document(raw, "x.yaml")
    problems = document.problems or validate(document, Manifest)[1]
    assert problems
    for problem in problems:
        assert_plain(problem.message)
        assert problem.line >= 1
