"""Text from a manifest cannot break the Markdown it lands in."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.escape import md_code, md_text, terminal_text
from tests.conftest import run_cli, write_tree


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


def test_terminal_text_shows_control_characters_instead_of_obeying_them() -> None:
    assert terminal_text("ok\x1b[2J\rREADY\u202egnp.exe\x00") == (
        "ok\\x1b[2J\\rREADY\\u202egnp.exe\\x00"
    )
    assert terminal_text("Grüße 🚀 日本") == "Grüße 🚀 日本"


def test_the_text_report_does_not_pass_escape_sequences_to_the_terminal(tmp_path: Path) -> None:
    write_tree(tmp_path, {"launches/x.yaml": 'id: x\nname: "\\e[2J\\e[32mall ready"\n'})
    done = run_cli("check", str(tmp_path), "--today", "2026-11-23")
    assert "\x1b" not in done.stdout
    assert "\\x1b[2J\\x1b[32mall ready (x, launches/x.yaml)" in done.stdout
