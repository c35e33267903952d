"""docs/rules.md is generated from the rule docstrings and committed: it must not drift."""

from __future__ import annotations

import yaml

from launchgate.docs import DOCS_FILE, parse, render
from launchgate.rules import ALL
from tests.conftest import ROOT


def test_committed_rule_docs_match_the_docstrings() -> None:
    committed = (ROOT / DOCS_FILE).read_text(encoding="utf-8")
    assert committed == render(), (
        "docs/rules.md differs from the rule docstrings: run `python -m launchgate.docs` "
        "from the repository root and commit the result"
    )


def test_every_rule_has_a_section_with_its_severity_and_how_to_regrade_it() -> None:
    page = render()
    for rule in ALL:
        section = page.split(f"\n## {rule.name}\n", 1)[1].split("\n## ", 1)[0]
        assert f"Default severity: **{rule.severity.label}**" in section
        assert f"rules:\n  {rule.name}: " in section
        assert f"| [{rule.name}](#{rule.name}) | {rule.severity.label} |" in page


def test_examples_are_yaml_and_come_in_pairs_for_offline_rules() -> None:
    for rule in ALL:
        doc = parse(rule)
        kinds = [example.kind for example in doc.examples]
        if rule.only is None:
            assert kinds.count("Fails") >= 1 and kinds.count("Passes") >= 1, rule.name
        for example in doc.examples:
            assert isinstance(yaml.safe_load(example.yaml), dict), (rule.name, example.yaml)
        assert "Fails" not in doc.description and "Passes" not in doc.description, rule.name


def test_parse_keeps_the_condition_of_an_example() -> None:
    (fails, passes) = parse(next(r for r in ALL if r.name == "copy-locale-missing")).examples
    assert fails.kind == "Fails"
    assert fails.condition == "the checklist requires en-US and de-DE"
    assert passes.condition == ""
    assert passes.yaml.startswith("channel_locales: {x.post: [en-US]}")
