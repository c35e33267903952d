"""`rule()`: what a rule is made of, its documentation taken from its check."""

from __future__ import annotations

from collections.abc import Iterator

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.rules.base import Context, Rule, Violation, rule


def check_one(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """One line of summary.

    Indented detail.
    """
    yield from ()


def check_many(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    """Across launches."""
    yield from ()


def test_a_rule_takes_its_documentation_from_its_check() -> None:
    made = rule("x-one", Severity.WARNING, check_one, reads=["copy", "checklist"])
    assert made == Rule(
        "x-one",
        Severity.WARNING,
        "One line of summary.\n\nIndented detail.",
        check_one,
        None,
        None,
        frozenset({"copy", "checklist"}),
    )
    assert made.summary == "One line of summary."


def test_a_rule_across_launches_takes_its_documentation_from_that_check() -> None:
    made = rule("x-many", Severity.ERROR, check_across=check_many, only="release", reads=())
    assert (made.doc, made.check, made.check_across) == ("Across launches.", None, check_many)
    assert (made.only, made.reads) == ("release", frozenset())


def test_a_rule_without_a_check_has_the_documentation_it_is_given() -> None:
    made = rule("x-doc", Severity.NOTICE, doc="Given here.\n\n    Detail.", only="pull-request")
    assert (made.doc, made.reads, made.needs_github) == ("Given here.\n\nDetail.", None, True)


def test_a_rule_without_any_documentation_has_none() -> None:
    assert rule("x-bare", Severity.NOTICE).doc == ""
