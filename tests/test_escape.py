"""Text from a manifest cannot break the Markdown it lands in."""

from __future__ import annotations

import pytest

from launchgate.escape import md_code, md_text


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("<!-- launchgate -->", "<!--"),
        ("<img src=x onerror=alert(1)>", "<img"),
        ("a | b | c", " | "),
        ("hi @ann and @acme/team", "@ann"),
        ("line one\nline two", "\n"),
        ("[click](https://evil.example)", "[click]("),
        ("**bold** _it_", "**"),
    ],
)
def test_md_text_neutralises(text: str, forbidden: str) -> None:
    assert forbidden not in md_text(text)


def test_md_text_keeps_the_words() -> None:
    assert md_text("Know how your content performs") == "Know how your content performs"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "`plain`"),
        ("a `tick` inside", "``a `tick` inside``"),
        ("``double``", "``` ``double`` ```"),
        ("a|b", "`a\\|b`"),
        ("two\nlines", "`two lines`"),
    ],
)
def test_md_code_fences_any_text(text: str, expected: str) -> None:
    assert md_code(text) == expected
