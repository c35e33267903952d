"""Release rules: they need a release, so they run for `check --release` and release PRs."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.release_target import earlier_or_same, in_release, version_of
from launchgate.rules.base import Context, Place, Rule, Violation, elsewhere


def check_mismatch(
    launches: list[Launch], ctx: Context
) -> Iterator[tuple[Launch | None, Violation]]:
    """`release-mismatch` for the release the run checks (ctx.release)."""
    release = ctx.release
    if release is None:
        return
    if release.target is None:  # a release pull request whose version cannot be found
        yield None, elsewhere(release.problem, Place(ctx.config_file))
        return
    target = release.target
    version = target.version
    shipping = in_release(launches, version)
    if target.date is not None:
        for launch in shipping:
            dated = launch.manifest.release
            if dated and dated.date and dated.date > target.date:
                yield (
                    launch,
                    Violation(
                        ("release", "date"),
                        f"{launch.manifest.id} is dated {dated.date.isoformat()}, after the "
                        f"{version} release on {target.date.isoformat()}: the launch slipped; "
                        "move it to a later version or bring its date back",
                    ),
                )
    flags = release.flags
    if flags is None:
        return
    if flags.problem is not None:
        message = f"cannot check the release's flags: {flags.problem}"
        yield None, elsewhere(message, Place(ctx.config_file))
        return
    for launch in shipping:
        for index, feature in enumerate(launch.manifest.features):
            if feature.flag and not flags.enabled.get(feature.flag):
                state = "off" if feature.flag in flags.enabled else "not in"
                yield (
                    launch,
                    Violation(
                        ("features", index, "flag"),
                        f"{feature.flag} is {state} {flags.file}, so {feature.id} is announced "
                        f"for {version} but does not ship in it",
                    ),
                )
    declared: dict[str, list[Launch]] = {}
    for launch in launches:
        for feature in launch.manifest.features:
            if feature.flag:
                declared.setdefault(feature.flag, []).append(launch)
    for flag, on in sorted(flags.enabled.items()):
        if not on or any(
            fnmatch.fnmatchcase(flag, glob) for glob in ctx.config.release.ignore_flags
        ):
            continue
        owners = declared.get(flag, [])
        versions = [v for v in map(version_of, owners) if v]
        if any(earlier_or_same(v, version) for v in versions):
            continue
        line, column = flags.lines[flag]
        if owners:
            declared_by = ", ".join(
                f"{o.manifest.id} ({version_of(o) or 'no version'})" for o in owners
            )
            message = (
                f"{flag} is on in {version}, but only launches outside this release declare "
                f"it: {declared_by}; it ships before it is announced"
            )
        else:
            message = (
                f"{flag} is on in {version}, but no launch declares it (features[].flag): "
                "it ships unannounced. Add it to a launch, or to release.ignore_flags "
                f"in {ctx.config_file} if it needs none"
            )
        yield None, elsewhere(message, Place(flags.file, line, column))


MISMATCH = Rule(
    "release-mismatch",
    Severity.ERROR,
    check_across=check_mismatch,
    only="release",
    doc="""A release ships features, or dates, that its launches disagree with.

    A release is a version: `launchgate check --release 4.2.0`, or a release
    pull request (a branch in `release.branches` or a label in
    `release.labels`, the version found by `release.version_pattern`). Its
    launches are those whose `release.version` is that version. With
    `release.features: path#key` pointing at the product's feature flags
    (flag -> enabled), it reports:

    - a flag on in the release that no launch of this or an earlier version
      declares under `features[].flag`: it ships unannounced, or before the
      later launch that announces it (`release.ignore_flags` lists flags that
      need no launch);
    - a flag of a launch of this version that is off or missing: the launch is
      announced but does not ship;
    - a launch of this version dated after the release's day (from
      `release.dates`, `--release-date`, or the pull request's milestone):
      it slipped.""",
)
