"""The did-you-mean hint: one helper for every unknown name a user can misspell."""

from __future__ import annotations

import pytest

from launchgate.wording import closest, did_you_mean, you_mean


@pytest.mark.parametrize(
    ("word", "candidates", "cutoff", "hint"),
    [
        ("copy-lenght", ["copy-length", "copy-drift"], 0.6, "did you mean 'copy-length'?"),
        ("legl", {"legal": 1, "product": 2}, 0.6, "did you mean 'legal'?"),  # a mapping's keys
        ("zzz", ["legal", "product"], 0.6, None),
        ("x", [], 0.6, None),
        # Channels ask for a closer spelling (a ratio of 0.7, not 0.6).
        ("pu", ["push", "email"], 0.6, "did you mean 'push'?"),
        ("pu", ["push", "email"], 0.7, None),
        ("emial", ["email", "push"], 0.7, "did you mean 'email'?"),
    ],
)
def test_the_closest_candidate_is_named_when_close_enough(
    word: str, candidates: list[str], cutoff: float, hint: str | None
) -> None:
    assert did_you_mean(word, candidates, cutoff) == hint


def test_the_closest_of_several_wins() -> None:
    assert closest("en-GBB", ["en-US", "en-GB", "de-DE"]) == "en-GB"
    assert closest("nothing", ["alpha"]) is None


def test_a_name_is_quoted_as_python_would_show_it() -> None:
    assert you_mean("en-GB") == "did you mean 'en-GB'?"
    assert you_mean("it's") == 'did you mean "it\'s"?'
