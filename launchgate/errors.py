"""One exception root and the documented exit codes."""

from __future__ import annotations

import enum
from typing import NamedTuple


class ExitCode(enum.IntEnum):
    READY = 0  # no finding at or above --fail-on
    NOT_READY = 1  # findings at or above --fail-on
    USAGE = 2  # bad arguments, or a config that cannot be read


class LaunchgateError(Exception):
    """Anything launchgate reports to the user as a message instead of a finding."""

    exit_code = ExitCode.USAGE


class UsageError(LaunchgateError):
    """The command line asks for something that cannot be done."""


class ConfigError(LaunchgateError):
    """`.launchgate.yml` is missing what it needs or cannot be read."""


class Unusable(NamedTuple):
    """Why something asked for cannot be had, in words for the user: a value, not an exception.

    Returned where the run goes on without the thing (a data file that cannot
    be read, a release pull request without a version) and the caller decides
    how to say so, usually as a finding. Not `loader.Problem`, which has a place.
    (A NamedTuple, not a dataclass: every command imports this module, and
    dataclasses costs the CLI's start-up six milliseconds.)
    """

    message: str
