"""What a rule is, and what it is given.

A rule yields `Violation`s: what is wrong and where (a key path into the
manifest, or a place in another file). The engine turns the path into a line
and column, sets the rule's name and severity and what the finding is about,
so a rule never prints, reads files, asks the clock or touches the network: it
gets all of that in `Context`, with what the run supplies besides the
manifests (the files that did not load, the release, the sign-offs GitHub
gave).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from launchgate.channels import Channel
from launchgate.config import DEFAULT_CONFIG_NAME, Config
from launchgate.findings import CopyFit, Severity, Subject
from launchgate.launch import Launch, SourceText
from launchgate.loader import PathKey
from launchgate.models import Glossary
from launchgate.workdays import Workdays

if TYPE_CHECKING:
    from launchgate.release_target import ReleaseInput
    from launchgate.repository import LoadProblem
    from launchgate.signoff_state import LaunchRoles


@dataclass(frozen=True)
class Place:
    """A place outside any launch's manifest: a config, a flags file, a file that did not load."""

    file: str
    line: int = 1
    column: int = 1
    launch: str | None = None  # the launch id, when the file says it


@dataclass(frozen=True)
class Violation:
    """What a rule found wrong, and where: a key path into the launch's manifest, or a place."""

    path: PathKey
    message: str
    severity: Severity | None = None  # None: the rule's own default
    at_key: bool = False  # point at the key rather than its value
    # What it is about, when the path does not say it (a locale that has no copy at all);
    # None: the engine reads it off the path (the copy item's channel and locale, say).
    subject: Subject | None = None
    at: Place | None = None  # set for a violation outside any launch's manifest
    fit: CopyFit | None = None  # copy over its limit: where the limit falls


def elsewhere(message: str, place: Place) -> Violation:
    """A violation at a place outside any launch's manifest (its key path is never read)."""
    return Violation((), message, at=place)


@dataclass
class Context:
    """What every rule is given: the config, the day, the calendar, the channels and more.

    The last three fields are what the run supplies beyond the manifests; a rule
    that needs one (`Rule.only`) is skipped when it is absent.
    """

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
    # Files that could not be read as what they should be, or not read at all.
    problems: Sequence[LoadProblem] = ()
    # The release the run checks (`check --release`, a release pull request).
    release: ReleaseInput | None = None
    # The state of each required role, read from a pull request's reviews (`launchgate ci`).
    signoffs: Sequence[LaunchRoles] | None = None
    # (manifest file, index) of each waiver whose approval the run verified; None: not
    # verified by this run (offline). See engine.Supplied.
    waiver_approvals: Collection[tuple[str, int]] | None = None
    # (manifest file, index) of each waiver that covered a finding: set once the engine has
    # applied the waivers, for the rules that run after that (`Rule.after_waivers`).
    waivers_used: Collection[tuple[str, int]] = frozenset()

    def supplies(self, needed: Only | None) -> bool:
        """Does this run supply what a rule with this `only` needs?"""
        if needed == "pull-request":
            return self.signoffs is not None
        if needed == "release":
            return self.release is not None
        return True


# Rules that a plain `launchgate check` leaves out, and where they run instead: each
# needs an input the run supplies only there (the reviews, the release).
Only = Literal["pull-request", "release"]
RUNS: dict[Only | None, str] = {
    None: "checked by `launchgate check` and `launchgate ci`",
    "pull-request": "checked by `launchgate ci` on a pull request (it reads the reviews)",
    "release": "checked on a release: `launchgate check --release VERSION`, "
    "or a release pull request in `launchgate ci`",
}

LaunchCheck = Callable[[Launch, Context], Iterable[Violation]]
# A rule across launches: sees every launch (as Launch.for_rules_across gives it), and
# says which one each violation is about; None for a violation with its own `at` place.
AcrossCheck = Callable[[list[Launch], Context], Iterable[tuple["Launch | None", Violation]]]


@dataclass(frozen=True)
class Rule:
    """A rule: its name, default severity, documentation, and the check that finds violations.

    `doc` defaults to the check's docstring: one text for `launchgate explain`,
    docs/rules.md and SARIF. A rule has a check about one launch (`check`) or
    one across launches (`check_across`).
    """

    name: str
    severity: Severity
    check: LaunchCheck | None = None
    check_across: AcrossCheck | None = None
    doc: str = ""
    only: Only | None = None  # None: every check runs it
    # The top-level manifest keys the rule reads as a whole, beyond the item it reports on:
    # it sits out a launch with an invalid value left out of one (launchgate.salvage).
    # None: it may read any, so it sits out every launch with a value left out.
    reads: Collection[str] | None = None
    # Runs once the waivers are applied, across launches: it reads which waivers covered a finding.
    after_waivers: bool = False

    def __post_init__(self) -> None:
        text = (
            self.doc
            or (self.check and self.check.__doc__)
            or (self.check_across and self.check_across.__doc__)
            or ""
        )
        object.__setattr__(self, "doc", inspect.cleandoc(text))
        if self.reads is not None:
            object.__setattr__(self, "reads", frozenset(self.reads))

    def configured(self, config: Config) -> Severity | Literal["off"] | None:
        """The severity the config sets for every finding of this rule: "off", or None if unset."""
        setting = config.rules.get(self.name)
        if setting == "off":
            return "off"
        return Severity.parse(setting) if setting else None

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
