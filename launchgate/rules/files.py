"""Rules about the files themselves: ones that did not load, and launches no pattern reads.

Their violations come from what loading the repository found (`ctx.problems`),
each at its own place in its file.
"""

from __future__ import annotations

from collections.abc import Iterator

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.rules.base import Context, Place, Rule, Violation, elsewhere


def check_invalid(launches: list[Launch], ctx: Context) -> Iterator[tuple[None, Violation]]:
    return _problems("manifest-invalid", ctx)


def check_unmatched(launches: list[Launch], ctx: Context) -> Iterator[tuple[None, Violation]]:
    return _problems("manifest-unmatched", ctx)


def _problems(rule: str, ctx: Context) -> Iterator[tuple[None, Violation]]:
    """Each problem loading found under this rule, at its own place."""
    for found in ctx.problems:
        if found.rule == rule:
            problem = found.problem
            place = Place(found.file, problem.line, problem.column, found.launch)
            yield None, elsewhere(problem.message, place)


MANIFEST_INVALID = Rule(
    "manifest-invalid",
    Severity.ERROR,
    check_across=check_invalid,
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

MANIFEST_UNMATCHED = Rule(
    "manifest-unmatched",
    Severity.NOTICE,
    check_across=check_unmatched,
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
