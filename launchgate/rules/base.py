"""What a rule is, and what it is given.

A rule yields `Violation`s: what is wrong and where (a key path into the
manifest). The engine turns the path into a line and column and sets the
rule's name and severity, so a rule never prints, reads files, asks the clock
or touches the network: it gets all of that in `Context`.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from launchgate.channels import Channel
from launchgate.config import Config
from launchgate.findings import Severity
from launchgate.loader import Document, PathKey
from launchgate.models import Checklist, Glossary, Manifest
from launchgate.salvage import Gaps
from launchgate.workdays import Workdays


@dataclass(frozen=True)
class Violation:
    path: PathKey
    message: str
    severity: Severity | None = None  # None: the rule's own default
    at_key: bool = False  # point at the key rather than its value


# What a rule across launches (`check_all`) may read of a manifest; see Launch.for_project_rules.
PROJECT_FIELDS = frozenset(
    {"id", "name", "checklist", "owners", "release", "announce", "timezone", "features", "signoffs"}
)


@dataclass
class Launch:
    manifest: Manifest
    document: Document
    checklist: Checklist | None = None
    checklist_name: str | None = None
    gaps: Gaps | None = None  # invalid values left out of the manifest; see launchgate.salvage

    @property
    def file(self) -> str:
        return self.document.path

    def for_project_rules(self) -> Launch:
        """This launch as rules across launches see it: identity, dates, owners, features.

        Copy and collateral are left out. They are most of a launch's size, and
        a launch checked in another process comes back in this form: sending it
        whole would cost more than checking it did.
        """
        # None, not an empty list: a project rule that reads a left-out field fails loudly
        # in the tests (test_parallel) instead of quietly seeing nothing.
        left_out = {name: None for name in Manifest.model_fields if name not in PROJECT_FIELDS}
        return Launch(
            self.manifest.model_copy(update=left_out),
            self.document.only(PROJECT_FIELDS),  # what is left of it still locates as before
            self.checklist,
            self.checklist_name,
            self.gaps,
        )

    def locate(self, path: PathKey, key: bool = False) -> tuple[int, int]:
        """Line and column in the file of a path into the manifest (items left out counted)."""
        return self.document.locate(self.gaps.original(path) if self.gaps else path, key=key)

    @functools.cached_property
    def folded_copy(self) -> str:
        """All copy text, case-folded: where rules look before they run a pattern per item."""
        return "\n\n".join(item.text for item in self.manifest.copy_items).casefold()

    @property
    def locales(self) -> list[str]:
        """The locales the launch must have copy in: its checklist's, then its own."""
        wanted = list(self.checklist.locales) if self.checklist else []
        wanted += [locale for locale in self.manifest.locales if locale not in wanted]
        return wanted

    @property
    def primary_locale(self) -> str:
        """The locale of copy items that name none."""
        locales = self.locales
        return locales[0] if locales else "en-US"

    @property
    def required_roles(self) -> list[str]:
        roles = list(self.checklist.signoffs) if self.checklist else []
        roles += [role for role in self.manifest.signoffs if role not in roles]
        return roles

    @property
    def deadline(self) -> dt.date | None:
        """The day collateral must be ready by: the announcement, else the release."""
        manifest = self.manifest
        if manifest.announce and manifest.announce.date:
            return manifest.announce.date
        return manifest.release.date if manifest.release else None


@dataclass(frozen=True)
class SourceText:
    """A string the product ships, read from the repository before the rules run."""

    text: str | None
    error: str | None = None


@dataclass
class Context:
    config: Config
    today: dt.date
    workdays: Workdays
    channels: Callable[[str], Channel | None]
    glossary: Glossary | None = None
    sources: dict[str, SourceText] = field(default_factory=dict)
    # The config's file name, for messages that tell the user where to change something.
    config_file: str = ".launchgate.yml"
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
ProjectCheck = Callable[[list[Launch], Context], Iterable[tuple[Launch, Violation]]]


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    doc: str
    check: LaunchCheck | None = None
    check_all: ProjectCheck | None = None  # sees launches as Launch.for_project_rules gives
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
    check_all: ProjectCheck | None = None,
    doc: str | None = None,
    only: Only | None = None,
    reads: Iterable[str] | None = None,
) -> Rule:
    """A Rule whose documentation is its check's docstring (what `launchgate explain` prints)."""
    text = doc or (check and check.__doc__) or (check_all and check_all.__doc__) or ""
    fields = None if reads is None else frozenset(reads)
    return Rule(name, severity, inspect.cleandoc(text), check, check_all, only, fields)
