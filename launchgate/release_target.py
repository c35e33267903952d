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
from typing import Any

from launchgate.config import Config
from launchgate.data_keys import follow, split_ref
from launchgate.errors import Unusable
from launchgate.findings import ReleaseSummary
from launchgate.launch import Launch

_ON = frozenset({"true", "on", "yes", "1", "enabled"})
_OFF = frozenset({"false", "off", "no", "0", "disabled", "null", "~", ""})


@dataclass(frozen=True)
class ReleaseInput:
    """What a run knows of the release it checks, for `release-mismatch`.

    The target (version, day), the product's feature flags as read from the
    checkout (None when the config names none), or why the release could not
    be told at all (a release pull request with no version).
    """

    target: ReleaseTarget | None
    flags: FeatureFlags | None = None
    problem: str = ""  # why there is no target


def release_input(
    root: Path, config: Config, target: ReleaseTarget | Unusable | None
) -> ReleaseInput | None:
    """The release a run checks, its flags read from ROOT; None when the run checks none."""
    if target is None:
        return None
    if isinstance(target, Unusable):
        return ReleaseInput(None, problem=target.message)
    return ReleaseInput(target, read_flags(root, config))


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


def earlier_or_same(a: str, b: str) -> bool:
    left, right = _version(a), _version(b)
    if left is None or right is None:
        return a.strip() == b.strip()
    return bool(left <= right)


def in_release(launches: list[Launch], version: str) -> list[Launch]:
    """The launches whose `release.version` is `version`."""
    return [launch for launch in launches if same_version(version_of(launch) or "", version)]


def version_of(launch: Launch) -> str | None:
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


def release_summary(launches: list[Launch], target: ReleaseTarget) -> ReleaseSummary:
    shipping = sorted(launch.manifest.id for launch in in_release(launches, target.version))
    date = target.date.isoformat() if target.date else None
    return ReleaseSummary(target.version, date, tuple(shipping), target.why)
