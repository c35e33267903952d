"""Which waivers a pull request adds or changes: a waiver is known by its content."""

from __future__ import annotations

from typing import Any

from launchgate.github.waiver_approvals import added_or_changed, base_waivers
from launchgate.models import Waiver

X_POST: dict[str, Any] = {
    "rule": "copy-locale-missing",
    "where": {"channel": ["x.post"], "locale": ["de-DE"]},
    "reason": "English only on X",
    "approved_by": "marketing",
    "expires": "2026-12-31",
}


def head(*items: dict[str, Any]) -> list[Waiver]:
    return [Waiver.model_validate(item) for item in items]


def test_a_new_manifest_adds_every_waiver() -> None:
    assert added_or_changed(head(X_POST, X_POST), None) == [0, 1]


def test_an_unchanged_waiver_is_matched_wherever_it_moved() -> None:
    other = {**X_POST, "rule": "copy-term"}
    assert added_or_changed(head(other, X_POST), {"waivers": [X_POST]}) == [0]


def test_the_same_waiver_written_another_way_is_unchanged() -> None:
    written = {**X_POST, "where": {"channel": "x.post", "locale": "de-de"}}
    assert added_or_changed(head(written), {"waivers": [X_POST]}) == []


def test_a_change_to_any_part_makes_it_new() -> None:
    changes: list[dict[str, Any]] = [
        {"rule": "copy-term"},
        {"where": {"channel": ["x.post", "sms"]}},
        {"where": None},
        {"reason": "English only"},
        {"approved_by": "product"},
        {"expires": "2026-12-20"},
    ]
    for change in changes:
        assert added_or_changed(head({**X_POST, **change}), {"waivers": [X_POST]}) == [0], change


def test_each_base_waiver_stands_for_one_head_waiver() -> None:
    assert added_or_changed(head(X_POST, X_POST), {"waivers": [X_POST]}) == [1]


def test_base_waivers_that_do_not_validate_match_nothing() -> None:
    broken = {**X_POST, "expires": "someday"}
    assert base_waivers({"waivers": [broken, X_POST, "text"]}) == head(X_POST)
    assert base_waivers({"waivers": "not a list"}) == []
    assert added_or_changed(head(X_POST), {"waivers": [broken]}) == [0]
