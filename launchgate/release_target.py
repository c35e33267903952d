"""Releases: which pull request is one, what it ships, and where its launches disagree.

A release is a version and, when known, the day it ships. Its launches are
those whose `release.version` is that version. `release-mismatch` compares
them with the product's feature flags (`release.features: path#key`):

- a flag the release enables that no launch of this or an earlier version
  declares ships unannounced (or before the later launch that declares it);
- a launch of this version whose flag is off is announced but not shipping;
- a launch of this version dated after the release has slipped.

Offline this runs for `launchgate check --release VERSION`; `launchgate ci`
runs it on a release pull request. Both read the flags from the checkout.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from launchgate.config import Config, config_name
from launchgate.data_keys import follow, split_ref
from launchgate.errors import Unusable
from launchgate.findings import Finding, ReleaseSummary
from launchgate.launch import Launch
from launchgate.rules.release import MISMATCH

if TYPE_CHECKING:
    from launchgate.repository import Repository

_ON = frozenset({"true", "on", "yes", "1", "enabled"})
_OFF = frozenset({"false", "off", "no", "0", "disabled", "null", "~", ""})


@dataclass(frozen=True)
class ReleaseTarget:
    """The version a release ships, the day it ships (if known), and how we know."""

    version: str
    date: dt.date | None = None
    why: str = ""  # "branch release/4.2.0", "--release 4.2.0"


def target_for(
    version: str, config: Config, why: str, date: dt.date | None = None
) -> ReleaseTarget:
    """A release of `version`, dated by `date` or else by the config's `release.dates`."""
    if date is None:
        date = next(
            (day for v, day in config.release.dates.items() if same_version(v, version)), None
        )
    return ReleaseTarget(version, date, why)


def pull_request_release(
    branch: str, title: str, labels: tuple[str, ...], due: str | None, config: Config
) -> ReleaseTarget | Unusable | None:
    """The release a pull request ships; None for no release PR; Unusable without a version.

    The day is the pull request's milestone's due date, else `release.dates`.
    """
    why = release_reason(branch, labels, config)
    if why is None:
        return None
    version = version_in([branch, title], config)
    if version is None:
        return Unusable(
            f"this is a release pull request ({why}), but neither its branch nor its title "
            "names a version that release.version_pattern finds"
        )
    date = None
    if due:
        with contextlib.suppress(ValueError):
            date = dt.date.fromisoformat(due)
    return target_for(version, config, why, date)


def release_reason(branch: str, labels: tuple[str, ...], config: Config) -> str | None:
    """Why a pull request is a release PR (its branch or a label), or None."""
    for pattern in config.release.branches:
        if fnmatch.fnmatchcase(branch, pattern):
            return f"branch {branch}"
    wanted = {label.lower() for label in config.release.labels}
    for label in labels:
        if label.lower() in wanted:
            return f"label {label}"
    return None


def version_in(texts: list[str], config: Config) -> str | None:
    """The first version `release.version_pattern` finds in the texts (branch, then title)."""
    pattern = re.compile(config.release.version_pattern)
    for text in texts:
        found = pattern.search(text)
        # An optional group that did not take part leaves the whole match; an empty
        # match (a pattern like `v?`) names no version.
        version = found and ((found.group(1) if pattern.groups else None) or found.group(0))
        if version and version.strip():
            return version.strip()
    return None


def same_version(a: str, b: str) -> bool:
    """`v4.2` and `4.2.0` are one version; text that is no version must match exactly."""
    left, right = _version(a), _version(b)
    if left is None or right is None:
        return a.strip() == b.strip()
    return left == right


def _version(text: str) -> Any:
    from packaging.version import InvalidVersion, Version  # only for releases

    try:
        return Version(text.strip())
    except InvalidVersion:
        return None


def _earlier_or_same(a: str, b: str) -> bool:
    left, right = _version(a), _version(b)
    if left is None or right is None:
        return a.strip() == b.strip()
    return bool(left <= right)


def in_release(launches: list[Launch], version: str) -> list[Launch]:
    """The launches whose `release.version` is `version`."""
    return [launch for launch in launches if same_version(_version_of(launch) or "", version)]


def _version_of(launch: Launch) -> str | None:
    release = launch.manifest.release
    return release.version if release else None


@dataclass
class FeatureFlags:
    """The product's flags as `release.features` points at them: flag -> enabled."""

    file: str
    enabled: dict[str, bool] = field(default_factory=dict)
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    problem: str | None = None  # why the flags could not be read


def read_flags(root: Path, config: Config) -> FeatureFlags | None:
    """The flags `release.features` names, or None when the config names none."""
    from launchgate.repository import read_data_file

    spec = config.release.features
    if not spec:
        return None
    file, key = split_ref(spec)
    flags = FeatureFlags(file)
    parsed = read_data_file(root, file, config.max_file_size) if file else Unusable("no file named")
    if isinstance(parsed, Unusable):
        flags.problem = f"release.features {spec!r}: {parsed.message}"
        return flags
    found = follow(parsed.data, key)
    if found is None:
        flags.problem = f"{file} has no key {key!r} (release.features)"
        return flags
    steps, node = found
    if not isinstance(node, dict):
        flags.problem = f"{spec} is not a mapping of flag -> enabled"
        return flags
    for name, value in node.items():
        state = _enabled(value)
        if state is None:
            flags.problem = f"{spec}: {name} is {value!r}, neither on nor off"
            return flags
        flags.enabled[str(name)] = state
        flags.lines[str(name)] = parsed.locate((*steps, str(name)))
    return flags


def _enabled(value: Any) -> bool | None:
    """A flag's value: a boolean (kept as text by the loader), or a mapping with `enabled`."""
    if isinstance(value, dict) and "enabled" in value:
        value = value["enabled"]
    if isinstance(value, bool) or value is None:
        return bool(value)
    text = str(value).strip().lower()
    return True if text in _ON else False if text in _OFF else None


def release_findings(repo: Repository, target: ReleaseTarget) -> list[Finding]:
    """`release-mismatch` for a repository, its flags read from its checkout."""
    config = repo.config
    flags = read_flags(repo.root, config)
    return mismatch_findings(repo.launches, target, flags, config, config_name(repo.config_file))


def release_summary(launches: list[Launch], target: ReleaseTarget) -> ReleaseSummary:
    shipping = sorted(launch.manifest.id for launch in in_release(launches, target.version))
    date = target.date.isoformat() if target.date else None
    return ReleaseSummary(target.version, date, tuple(shipping), target.why)


def mismatch_findings(
    launches: list[Launch],
    target: ReleaseTarget,
    flags: FeatureFlags | None,
    config: Config,
    config_file: str,
) -> list[Finding]:
    """`release-mismatch` for one release, graded by the config."""
    severity = MISMATCH.severity_in(config)
    if severity is None:
        return []
    return [
        Finding(file, line, column, MISMATCH.name, severity, message, launch)
        for file, line, column, message, launch in _mismatches(
            launches, target, flags, config, config_file
        )
    ]


def _mismatches(
    launches: list[Launch],
    target: ReleaseTarget,
    flags: FeatureFlags | None,
    config: Config,
    config_file: str,
) -> list[tuple[str, int, int, str, str | None]]:
    version = target.version
    shipping = in_release(launches, version)
    found: list[tuple[str, int, int, str, str | None]] = []
    if target.date is not None:
        for launch in shipping:
            release = launch.manifest.release
            if release and release.date and release.date > target.date:
                line, column = launch.document.locate(("release", "date"))
                found.append(
                    (
                        launch.file,
                        line,
                        column,
                        f"{launch.manifest.id} is dated {release.date.isoformat()}, after the "
                        f"{version} release on {target.date.isoformat()}: the launch slipped; "
                        "move it to a later version or bring its date back",
                        launch.manifest.id,
                    )
                )
    if flags is None:
        return found
    if flags.problem is not None:
        return [
            *found,
            (config_file, 1, 1, f"cannot check the release's flags: {flags.problem}", None),
        ]
    for launch in shipping:
        for index, feature in enumerate(launch.manifest.features):
            if feature.flag and not flags.enabled.get(feature.flag, False):
                state = "off" if feature.flag in flags.enabled else "not in"
                line, column = launch.locate(("features", index, "flag"))
                found.append(
                    (
                        launch.file,
                        line,
                        column,
                        f"{feature.flag} is {state} {flags.file}, so {feature.id} is announced "
                        f"for {version} but does not ship in it",
                        launch.manifest.id,
                    )
                )
    declared: dict[str, list[Launch]] = {}
    for launch in launches:
        for feature in launch.manifest.features:
            if feature.flag:
                declared.setdefault(feature.flag, []).append(launch)
    for flag, on in sorted(flags.enabled.items()):
        if not on or any(fnmatch.fnmatchcase(flag, glob) for glob in config.release.ignore_flags):
            continue
        owners = declared.get(flag, [])
        if any(_earlier_or_same(_version_of(o) or "", version) for o in owners if _version_of(o)):
            continue
        line, column = flags.lines.get(flag, (1, 1))
        if owners:
            elsewhere = ", ".join(
                f"{o.manifest.id} ({_version_of(o) or 'no version'})" for o in owners
            )
            message = (
                f"{flag} is on in {version}, but only launches outside this release declare "
                f"it: {elsewhere}; it ships before it is announced"
            )
        else:
            message = (
                f"{flag} is on in {version}, but no launch declares it (features[].flag): "
                "it ships unannounced. Add it to a launch, or to release.ignore_flags "
                f"in {config_file} if it needs none"
            )
        found.append((flags.file, line, column, message, None))
    return found
