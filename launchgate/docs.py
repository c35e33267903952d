"""The rule reference, docs/rules.md, written from the rule docstrings, and docs/channels.md.

The docstrings are what `launchgate explain` prints, so the page and the
command cannot disagree; the SARIF report reuses each rule's section as its
help. docs/channels.md is what `launchgate channels --format markdown` prints
for a repository without channels of its own. Both pages are committed and a
test fails when one drifts. Regenerate both from the repository root with
`python -m launchgate.docs`.
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from launchgate.rules import ALL, Rule

DOCS_FILE = Path("docs/rules.md")  # from the repository root
CHANNELS_FILE = Path("docs/channels.md")
# Where to read on, for a rule that has more elsewhere: (what to run, the page, what it has).
SEE_ALSO: dict[str, tuple[str, str, str]] = {
    "copy-length": (
        "launchgate channels",
        "channels.md",
        "every channel with its limit, unit, hard or guidance, and source",
    ),
}
# "Fails:" or "Passes (the checklist requires en-US and de-DE):" on a line of its own.
_EXAMPLE_HEAD = re.compile(r"^(Fails|Passes)(?: \((.+)\))?:$")
# In the re-grade example: a grade other than the default, or off for a notice.
_REGRADE = {"error": "warning", "warning": "error", "notice": "off"}


@dataclass(frozen=True)
class Example:
    kind: str  # "Fails" or "Passes"
    condition: str  # what the example assumes ("the checklist requires de-DE"), or ""
    yaml: str


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    description: str  # the paragraphs between the summary and the examples
    examples: tuple[Example, ...]


def parse(rule: Rule) -> RuleDoc:
    """A rule's docstring in parts: summary line, description, then its examples."""
    lines = rule.doc.splitlines()
    prose: list[str] = []
    examples: list[Example] = []
    index = 1
    while index < len(lines):
        head = _EXAMPLE_HEAD.match(lines[index])
        if head is None:
            if not examples:
                prose.append(lines[index])
            index += 1
            continue
        body: list[str] = []
        index += 1
        while index < len(lines) and (not lines[index] or lines[index].startswith("    ")):
            body.append(lines[index])
            index += 1
        text = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
        examples.append(Example(head.group(1), head.group(2) or "", text))
    return RuleDoc(lines[0], "\n".join(prose).strip(), tuple(examples))


def rule_markdown(rule: Rule) -> str:
    """One rule's section, without its heading: what SARIF viewers show as the rule's help."""
    doc = parse(rule)
    out = [doc.summary, "", f"Default severity: **{rule.severity.label}**; {rule.runs}.", ""]
    if doc.description:
        out += [doc.description, ""]
    for example in doc.examples:
        head = (
            f"**{example.kind}** ({example.condition}):"
            if example.condition
            else f"**{example.kind}:**"
        )
        out += [head, "", "```yaml", example.yaml.rstrip("\n"), "```", ""]
    out += [
        "Re-grade it (`error`, `warning`, `notice`) or turn it off (`off`) in `.launchgate.yml`:",
        "",
        "```yaml",
        "rules:",
        f"  {rule.name}: {_REGRADE[rule.severity.label]}",
        "```",
    ]
    return "\n".join(out) + "\n"


def render(rules: Sequence[Rule] = ALL) -> str:
    """The whole page: an index of the rules, then a section per rule."""
    out = [
        "<!-- Generated from the rule docstrings by `python -m launchgate.docs`: do not edit. -->",
        "",
        "# Rules",
        "",
        "Every rule `launchgate` runs, with its default severity, what it checks, and a",
        "manifest that fails it next to one that passes. `launchgate explain RULE` prints",
        "the same text. Examples show only the keys that matter; a real manifest also",
        "has an `id` and `owners`.",
        "",
        "Any rule can be re-graded or turned off in `.launchgate.yml`, for one project:",
        "",
        "```yaml",
        "rules:",
        "  copy-term: error             # a glossary slip blocks the launch here",
        "  date-non-working-day: off    # this team ships on weekends",
        "```",
        "",
        "| rule | default | checks |",
        "| --- | --- | --- |",
    ]
    for rule in rules:
        ci = f" ({rule.tag})" if rule.tag else ""
        out.append(f"| [{rule.name}](#{rule.name}) | {rule.severity.label} | {rule.summary}{ci} |")
    for rule in rules:
        out += ["", f"## {rule.name}", "", rule_markdown(rule).rstrip("\n")]
        if rule.name in SEE_ALSO:
            command, page, what = SEE_ALSO[rule.name]
            out += ["", f"See also [docs/{page}]({page}) (`{command}`): {what}."]
    return "\n".join(out) + "\n"


def see_also(rule: Rule) -> str:
    """The "See also" line `launchgate explain` ends with, or "" for a rule without one."""
    if rule.name not in SEE_ALSO:
        return ""
    command, page, what = SEE_ALSO[rule.name]
    return f"See also: `{command}` (or docs/{page}): {what}."


def main(argv: Sequence[str] | None = None) -> int:
    """Write both pages, into docs/ or the folder given."""
    from launchgate.channel_docs import builtin_page

    args = sys.argv[1:] if argv is None else list(argv)
    folder = Path(args[0]) if args else DOCS_FILE.parent
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((DOCS_FILE.name, render()), (CHANNELS_FILE.name, builtin_page())):
        (folder / name).write_text(text, encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
