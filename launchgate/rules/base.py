"""What a rule is, and what it is given.

A rule yields `Violation`s: what is wrong and where (a key path into the
manifest). The engine turns the path into a line and column and sets the
rule's name and severity, so a rule never prints, reads files, asks the clock
or touches the network: it gets all of that in `Context`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from launchgate.channels import Channel
from launchgate.config import DEFAULT_CONFIG_NAME, Config
from launchgate.findings import Severity
from launchgate.launch import Launch, SourceText
from launchgate.loader import PathKey
from launchgate.models import Glossary
from launchgate.workdays import Workdays


@dataclass(frozen=True)
class Violation:
    path: PathKey
    message: str
    severity: Severity | None = None  # None: the rule's own default
    at_key: bool = False  # point at the key rather than its value


@dataclass
class Context:
    config: Config
    today: dt.date
    workdays: Workdays
    channels: Callable[[str], Channel | None]
    glossary: Glossary | None = None
    sources: dict[str, SourceText] = field(default_factory=dict)
    # The config's file name, for messages that tell the user where to change something.
    config_file: str = DEFAULT_CONFIG_NAME
    # The roles every repository knows: those the built-in checklists require.
    builtin_roles: frozenset[str] = frozenset()
    # Work a rule does once per run (a compiled pattern, say), keyed by rule name.
    memo: dict[str, Any] = field(default_factory=dict)


# Rules that a plain `launchgate check` leaves out, and where they run instead.
Only = Literal["pull-request", "release"]
RUNS: dict[Only | None, str] = {
    None: "checked by `launchgate check` and `launchgate ci`",
    "pull-request": "checked by `launchgate ci` on a pull request (it reads the reviews)",
    "release": "checked on a release: `launchgate check --release VERSION`, "
    "or a release pull request in `launchgate ci`",
}

LaunchCheck = Callable[[Launch, Context], Iterable[Violation]]
AcrossCheck = Callable[[list[Launch], Context], Iterable[tuple[Launch, Violation]]]


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    doc: str
    check: LaunchCheck | None = None
    check_across: AcrossCheck | None = None  # sees launches as Launch.for_rules_across gives
    only: Only | None = None  # None: every check runs it
    # The top-level manifest keys the rule reads as a whole, beyond the item it reports on:
    # it sits out a launch with an invalid value left out of one (launchgate.salvage).
    # None: it may read any, so it sits out every launch with a value left out.
    reads: frozenset[str] | None = None

    def severity_in(self, config: Config) -> Severity | None:
        """The severity the config grades this rule's findings with; None when it is off."""
        setting = config.rules.get(self.name)
        if setting == "off":
            return None
        return Severity.parse(setting) if setting else self.severity

    @property
    def needs_github(self) -> bool:
        return self.only == "pull-request"

    @property
    def runs(self) -> str:
        """Where the rule is checked, as the docs say it."""
        return RUNS[self.only]

    @property
    def tag(self) -> str:
        """A note for rule listings: where a rule that not every check runs is checked."""
        return {None: "", "pull-request": "launchgate ci", "release": "releases"}[self.only]

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]


def rule(
    name: str,
    severity: Severity,
    check: LaunchCheck | None = None,
    check_across: AcrossCheck | None = None,
    doc: str | None = None,
    only: Only | None = None,
    reads: Iterable[str] | None = None,
) -> Rule:
    """A Rule whose documentation is its check's docstring (what `launchgate explain` prints)."""
    text = doc or (check and check.__doc__) or (check_across and check_across.__doc__) or ""
    fields = None if reads is None else frozenset(reads)
    return Rule(name, severity, inspect.cleandoc(text), check, check_across, only, fields)
