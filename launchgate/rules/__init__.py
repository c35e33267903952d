"""The rule registry: every rule by name, in the order `launchgate rules` lists them.

No discovery: a rule exists when it is listed here.
"""

from __future__ import annotations

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.rules import checklist, copy, dates, ids, owners, release, signoffs
from launchgate.rules.base import Context, Rule, Violation, rule

MANIFEST_INVALID = rule(
    "manifest-invalid",
    Severity.ERROR,
    doc="""A manifest, checklist or glossary cannot be read as what it should be.

    Not YAML, not UTF-8, binary, over the size limit (`max_file_size`, 1 MiB by
    default), anchors or aliases (they make "alias bombs"), explicit tags,
    duplicate keys, unknown keys (with a "did you mean"), wrong types,
    impossible dates, or a reference to a checklist that does not exist. The
    other launches are still checked, and so is the rest of this one: an
    invalid value is left out, and every rule that does not read it still
    reports on the launch (only an invalid or missing `id` leaves none).
    Unquoted copy text with " #" in it is one too: YAML reads the rest of the
    line as a comment, so `text: Launch day! #SmartReports` would be checked,
    and published, as "Launch day!". Quote it.

    Fails:

        id: smart-reports
        colateral: []

    Passes:

        id: smart-reports
        collateral: []""",
)

MANIFEST_UNMATCHED = rule(
    "manifest-unmatched",
    Severity.NOTICE,
    doc="""A file looks like a launch, but no pattern in the config's `manifests` matches it.

    It is not checked at all, so it could never fail. Looked for: every YAML
    file in the folders the patterns start from (a `.YAML`, or a launch one
    folder deeper than `launches/*.yaml` reaches), and YAML files in the
    repository's root or one folder down whose top-level keys are a launch's
    (`id:` with `checklist:` or `release:`). Rename the file, widen
    `manifests:`, or turn the rule off if the file is not a launch. The
    default patterns take `.yaml` and `.yml` files anywhere under `launches/`.

    Fails:

        # launches/smart-reports.yaml
        name: Smart Reports
        # launches/team-goals.YAML
        name: Team goals

    Passes:

        # launches/smart-reports.yaml
        name: Smart Reports
        # launches/team-goals.yml
        name: Team goals""",
)

ALL: tuple[Rule, ...] = (
    MANIFEST_INVALID,
    MANIFEST_UNMATCHED,
    ids.DUPLICATE_ID,
    signoffs.MISSING,
    signoffs.STALE,
    signoffs.REJECTED,
    signoffs.UNVERIFIED,
    signoffs.ROLE_UNKNOWN,
    copy.LENGTH,
    copy.EMPTY,
    copy.EXPANSION,
    copy.PLACEHOLDER,
    copy.TERM,
    copy.LOCALE_MISSING,
    copy.LOCALE_UNKNOWN,
    copy.DRIFT,
    dates.ORDER,
    dates.LEAD_TIME,
    dates.OVERDUE,
    dates.FREEZE,
    dates.NON_WORKING_DAY,
    dates.CONFLICT,
    owners.MISSING,
    owners.UNKNOWN,
    checklist.INCOMPLETE,
    checklist.METRIC_MISSING,
    checklist.METRIC_UNKNOWN,
    release.MISMATCH,
)

RULES: dict[str, Rule] = {r.name: r for r in ALL}

__all__ = ["ALL", "RULES", "Context", "Launch", "Rule", "Violation"]
