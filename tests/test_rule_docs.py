"""Each rule's documented examples are true: "Fails" fires the rule, "Passes" does not.

`launchgate explain` prints these docstrings, so a wrong example would teach
users the wrong thing. Every example is merged into one small repository whose
config, checklist and glossary are the ones the examples mention.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from launchgate.config import load_config
from launchgate.engine import check_loaded
from launchgate.repository import load_repository
from launchgate.rules import ALL, Rule
from tests.conftest import write_tree

CONFIG = """\
roles:
  product: {users: [ann]}
  marketing: {users: [david]}
  legal: {users: [lee], recorded_by: [legal-ops]}
  legal-ops: {users: [olga]}
calendar:
  freeze: [{from: 2026-12-21, to: 2027-01-04}]
"""
CHECKLIST = """\
signoffs: [product, marketing]
locales: [en-US, de-DE]
collateral:
  - {type: blog_post, lead_time: 5bd}
  - {type: sales_deck, lead_time: 10bd}
copy: {channels: [web.meta_description]}
metrics: {north_star: required}
conflicts: same-day
"""
GLOSSARY = """\
metrics: {weekly_engaged_teams: Teams with three or more members active in seven days}
terms:
  - {use: sign in, instead_of: [login, log in]}
  - {ban: [revolutionary]}
"""
BASE: dict[str, Any] = {
    "id": "example",
    "checklist": "doc",
    "owners": {"product": "@ann", "marketing": "@david"},
}


class _Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where `on:` (a sign-off record's day) is the boolean true and
    yes/no/off are booleans too; launchgate keeps them as text, so these examples do."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool" or first in "tTfF"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EXAMPLE = re.compile(r"^(Fails|Passes)\b[^\n]*:\n\n((?:(?: {4}.*)?\n)+)", re.MULTILINE)


def examples(rule: Rule) -> list[tuple[str, str]]:
    return [(kind, body) for kind, body in EXAMPLE.findall(rule.doc + "\n")]


def manifests(body: str) -> dict[str, dict[str, Any]]:
    """One example -> manifests by file: `# launches/a.yaml` comments split several."""
    text = "\n".join(line[4:] for line in body.splitlines())
    parts = re.split(r"^# (launches/\S+)\n", text, flags=re.MULTILINE)
    if len(parts) == 1:
        return {"launches/example.yaml": {**BASE, **yaml.load(text, _Loader)}}
    files = {}
    for name, chunk in zip(parts[1::2], parts[2::2], strict=True):
        stem = Path(name).stem
        files[name] = {**BASE, "id": stem, **yaml.load(chunk, _Loader)}
    return files


def fired(rule: Rule, body: str, tmp_path: Path) -> bool:
    files: dict[str, str | bytes] = {
        ".launchgate.yml": CONFIG,
        "checklists/doc.yaml": CHECKLIST,
        "glossary.yaml": GLOSSARY,
        "app/locales/en.json": '{"onboarding": {"title": "See what\'s new"}}',
    }
    for name, data in manifests(body).items():
        files[name] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    write_tree(tmp_path, files)
    config, config_file = load_config(tmp_path)
    report = check_loaded(load_repository(tmp_path, config, config_file), dt.date(2026, 11, 23))
    return any(f.rule == rule.name for f in report.findings)


OFFLINE = [r for r in ALL if r.only is None]


@pytest.mark.parametrize("rule", OFFLINE, ids=[r.name for r in OFFLINE])
def test_rule_documents_a_failing_and_a_passing_example(rule: Rule) -> None:
    kinds = [kind for kind, _ in examples(rule)]
    assert "Fails" in kinds and "Passes" in kinds, f"{rule.name} needs both examples"


CASES = [
    pytest.param(rule, kind, body, id=f"{rule.name}-{kind.lower()}")
    for rule in OFFLINE
    for kind, body in examples(rule)
]


@pytest.mark.parametrize(("rule", "kind", "body"), CASES)
def test_documented_example_behaves_as_documented(
    rule: Rule, kind: str, body: str, tmp_path: Path
) -> None:
    assert fired(rule, body, tmp_path) is (kind == "Fails")
