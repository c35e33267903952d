"""`path#key`: one way to follow a key into a data file, for `source:` and `release.features`."""

from __future__ import annotations

from typing import Any

import pytest

from launchgate.data_keys import follow, split_ref

STRINGS: dict[str, Any] = {
    "onboarding": {"title": "See what works"},
    "settings.title": "Settings",
    "a.b": {"c": "Deep"},
    "a": {"b": {"c": "Shallow"}, "x": "A x"},
    "menu": {"items": ["one"], "none": None},
}


@pytest.mark.parametrize(
    ("key", "steps", "value"),
    [
        ("onboarding.title", ("onboarding", "title"), "See what works"),
        ("settings.title", ("settings.title",), "Settings"),
        # The longest key that exists wins at each step, so a flat key shadows a nested one.
        ("a.b.c", ("a.b", "c"), "Deep"),
        ("a.x", ("a", "x"), "A x"),
        ("menu.items", ("menu", "items"), ["one"]),
        ("menu.none", ("menu", "none"), None),
        ("", (), STRINGS),
    ],
)
def test_a_key_is_followed_literal_keys_first(key: str, steps: tuple[str, ...], value: Any) -> None:
    assert follow(STRINGS, key) == (steps, value)


@pytest.mark.parametrize(
    "key", ["onboarding.subtitle", "settings", "onboarding.title.more", "menu.items.0", "x", "a."]
)
def test_a_key_that_names_nothing_is_none(key: str) -> None:
    assert follow(STRINGS, key) is None


def test_a_document_that_is_not_a_mapping_has_no_keys() -> None:
    assert follow(["a"], "a") is None
    assert follow("text", "") == ((), "text")


def test_a_reference_splits_at_the_first_hash() -> None:
    assert split_ref("app/en.json#onboarding.title") == ("app/en.json", "onboarding.title")
    assert split_ref("app/en.json") == ("app/en.json", "")
    assert split_ref("#key") == ("", "key")
    assert split_ref("a.json#b#c") == ("a.json", "b#c")
