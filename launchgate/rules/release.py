"""Release rules: they need a release, so they run for `check --release` and release PRs."""

from __future__ import annotations

from launchgate.findings import Severity
from launchgate.rules.base import rule

MISMATCH = rule(
    "release-mismatch",
    Severity.ERROR,
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
