"""`Rule`: what a rule is made of, its documentation taken from its check."""

from __future__ import annotations

from collections.abc import Iterator

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.rules.base import Context, Rule, Violation


def check_one(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """One line of summary.

    Indented detail.
    """
    yield from ()


def check_many(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch | None, Violation]]:
    """Across launches."""
    yield from ()


def undocumented(launch: Launch, ctx: Context) -> Iterator[Violation]:
    yield from ()


def test_a_rule_takes_its_documentation_from_its_check() -> None:
    made = Rule("x-one", Severity.WARNING, check_one, reads=["copy", "checklist"])
    assert made.doc == "One line of summary.\n\nIndented detail."
    assert (made.check, made.check_across, made.only) == (check_one, None, None)
    assert made.reads == frozenset({"copy", "checklist"})
    assert isinstance(made.reads, frozenset)
    assert made.summary == "One line of summary."


def test_a_rule_across_launches_takes_its_documentation_from_that_check() -> None:
    made = Rule("x-many", Severity.ERROR, check_across=check_many, only="release", reads=())
    assert (made.doc, made.check, made.check_across) == ("Across launches.", None, check_many)
    assert (made.only, made.reads) == ("release", frozenset())


def test_a_check_without_a_docstring_leaves_it_to_the_check_across_launches() -> None:
    made = Rule("x-both", Severity.ERROR, undocumented, check_many)
    assert made.doc == "Across launches."


def test_a_rule_without_a_check_has_the_documentation_it_is_given() -> None:
    made = Rule("x-doc", Severity.NOTICE, doc="Given here.\n\n    Detail.", only="pull-request")
    assert (made.doc, made.reads, made.needs_github) == ("Given here.\n\nDetail.", None, True)


def test_a_rule_without_any_documentation_has_none() -> None:
    assert Rule("x-bare", Severity.NOTICE).doc == ""


def test_the_config_grades_a_rule_or_turns_it_off() -> None:
    from launchgate.config import Config

    made = Rule("copy-length", Severity.ERROR)
    assert made.configured(Config()) is None
    assert made.configured(Config(rules={"copy-length": "warning"})) is Severity.WARNING
    assert made.configured(Config(rules={"copy-length": "off"})) == "off"
