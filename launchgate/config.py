""".launchgate.yml -> Config. Every key is optional; no file at all means the defaults."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, PositiveInt, field_validator, model_validator

from launchgate.errors import ConfigError
from launchgate.loader import DEFAULT_MAX_BYTES, Document, parse_document, read_document
from launchgate.models import Day, Strict, check_timezone
from launchgate.rule_names import RULE_NAMES
from launchgate.validate import validate

CONFIG_NAMES = (".launchgate.yml", ".launchgate.yaml")
DEFAULT_CONFIG_NAME = CONFIG_NAMES[0]  # where a repository without a config would put it
DIGEST_MAX_DAYS = 366  # a window over a year is a typo, and far-off dates overflow
RuleSetting = Literal["off", "error", "warning", "notice"]
Unit = Literal["utf16", "graphemes", "x_weighted", "threads", "wide2", "sms", "bytes"]


class Role(Strict):
    users: list[str] = Field(default_factory=list)
    teams: list[str] = Field(default_factory=list, description="org/team slugs")

    @field_validator("users", "teams")
    @classmethod
    def _without_at(cls, names: list[str]) -> list[str]:
        return [name.removeprefix("@") for name in names]

    recorded_by: list[str] = Field(
        default_factory=list,
        description="Roles whose members may record this role's sign-off in a manifest's "
        "signoff_records (for approvers who do not use GitHub)",
    )


class SignoffPolicy(Strict):
    stale: Literal["launch", "any-commit", "never"] = "launch"
    allow_contributors: bool = Field(
        False,
        description="count approvals by people who authored, committed or co-authored "
        "commits of the pull request",
    )
    mention: bool = Field(
        False, description="@mention who may sign off in the pull-request comment"
    )


class Freeze(Strict):
    start: Day = Field(alias="from")
    end: Day = Field(alias="to")
    reason: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Freeze:
        if self.end < self.start:
            raise ValueError(f"freeze ends ({self.end}) before it starts ({self.start})")
        return self


class CalendarConfig(Strict):
    holidays: list[str] = Field(default_factory=list, description="Country codes, e.g. US, DE-BY")
    freeze: list[Freeze] = Field(default_factory=list)


class ChannelSetting(Strict):
    """A channel of the repository's own (`changelog.title`), or a preset's limit changed."""

    max: PositiveInt | None = None
    max_segments: PositiveInt | None = Field(None, description="For sms: segments allowed.")
    unit: Unit | None = None
    kind: Literal["hard", "recommendation"] | None = None
    source: str | None = Field(
        None, min_length=1, description="Where the limit comes from: a URL or a few words"
    )
    note: str | None = Field(None, min_length=1, description="What else a writer should know")
    truncates: bool | None = Field(
        None, description="The platform cuts longer text off rather than refusing it"
    )
    merge_tags: bool | None = Field(
        None, description="The platform fills in personalisation such as {{first_name}}"
    )


# How sending platforms write a merge tag: {{first_name}} (Handlebars and Liquid: Braze,
# Customer.io, Klaviyo, HubSpot, Iterable, SendGrid), *|FNAME|* (Mailchimp),
# %recipient.first_name% (Mailgun), {first_name} (single braces).
MergeTagSyntax = Literal["handlebars", "mailchimp", "mailgun", "braces"]
MERGE_TAG_SYNTAXES: tuple[MergeTagSyntax, ...] = ("handlebars", "mailchimp", "mailgun", "braces")


class CopySettings(Strict):
    """How the team's copy is written and sent (the `copy:` section)."""

    merge_tags: list[MergeTagSyntax] = Field(
        default_factory=lambda: list(MERGE_TAG_SYNTAXES),
        description="The merge-tag syntaxes the team's sending platform fills in "
        "on channels that take merge tags (email, push, SMS); default: all of them",
    )


DEFAULT_VERSION_PATTERN = r"v?(\d+(?:\.\d+)+(?:-[0-9A-Za-z][0-9A-Za-z.-]*)?)"


class ReleaseConfig(Strict):
    branches: list[str] = Field(default_factory=lambda: ["release/*"])
    labels: list[str] = Field(default_factory=lambda: ["release"])
    features: str | None = Field(None, description="path#key of the feature flags mapping")
    version_pattern: str = Field(
        DEFAULT_VERSION_PATTERN,
        description="Regex finding the version in a release branch or title; group 1 if any",
    )
    dates: dict[str, Day] = Field(
        default_factory=dict, description="Version -> the day it ships, e.g. {4.2.0: 2026-12-01}"
    )
    ignore_flags: list[str] = Field(
        default_factory=list,
        description="Flags (globs) that need no launch, e.g. ops.* or flags older than launchgate",
    )

    @field_validator("version_pattern")
    @classmethod
    def _one_group(cls, pattern: str) -> str:
        import re

        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise ValueError(f"not a regular expression: {error}") from None
        if compiled.groups > 1:
            raise ValueError("use at most one group: the version is group 1, or the whole match")
        return pattern


class DigestConfig(Strict):
    """`launchgate digest` and the scheduled `launchgate ci` run (see the README's Digest)."""

    days: int = Field(
        7, ge=0, le=DIGEST_MAX_DAYS, description="the window: due within this many days"
    )
    issue: bool = Field(False, description="keep one tracking issue with the digest up to date")
    labels: list[str] = Field(default_factory=list, description="labels a new tracking issue gets")
    mention: bool = Field(False, description="@mention owners in the digest (pings them)")


# Rules no config can make waivable: a waiver cannot replace an approval, and a waiver's own
# findings (expired, unused, refused) are how waivers stay honest.
ALWAYS_UNWAIVABLE = ("signoff-*", "waiver-*")
DEFAULT_UNWAIVABLE = ("manifest-invalid", "duplicate-id")


class WaiverPolicy(Strict):
    """How waivers in manifests may be used (the README's "Waivers")."""

    max_days: int = Field(
        90,
        ge=0,
        le=DIGEST_MAX_DAYS,
        description="the longest a waiver may run, counted from the day of the check",
    )
    never: list[str] = Field(
        default_factory=lambda: list(DEFAULT_UNWAIVABLE),
        description="rules (or patterns like copy-*) no waiver may cover; signoff-* and "
        "waiver-* are always among them",
    )

    def waivable(self, rule: str) -> bool:
        from fnmatch import fnmatchcase

        return not any(fnmatchcase(rule, p) for p in (*ALWAYS_UNWAIVABLE, *self.never))


class Config(Strict):
    manifests: list[str] = Field(
        default_factory=lambda: ["launches/**/*.yaml", "launches/**/*.yml"]
    )
    checklists: str = "checklists/"
    glossary: str = "glossary.yaml"
    timezone: str = "UTC"
    roles: dict[str, Role] = Field(default_factory=dict)
    signoffs: SignoffPolicy = Field(default_factory=SignoffPolicy)
    calendar: CalendarConfig = Field(default_factory=CalendarConfig)
    channels: dict[str, ChannelSetting] = Field(default_factory=dict)
    copy_settings: CopySettings = Field(default_factory=CopySettings, alias="copy")
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    release: ReleaseConfig = Field(default_factory=ReleaseConfig)
    digest: DigestConfig = Field(default_factory=DigestConfig)
    max_file_size: PositiveInt = Field(DEFAULT_MAX_BYTES, description="bytes per YAML file")
    waivers: WaiverPolicy = Field(default_factory=WaiverPolicy)

    _check_timezone = field_validator("timezone")(check_timezone)

    def today(self) -> dt.date:
        """Today where the team is: the default `--today`."""
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(self.timezone)).date()


def config_name(config_file: str | None) -> str:
    """The config's file as messages name it: the one read, else the one to create."""
    return config_file or DEFAULT_CONFIG_NAME


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def load_config(root: Path) -> tuple[Config, str | None]:
    """The repository's config and the name of its file (None when it has none)."""
    path = find_config(root)
    if path is None:
        return Config(), None
    return _config_from(read_document(path, path.name)), path.name


def parse_config(raw: bytes, name: str) -> Config:
    """A config file's content (the base commit's, say) -> Config, as `load_config` reads it."""
    return _config_from(parse_document(raw, name))


def _config_from(document: Document) -> Config:
    name = document.path
    if not document.ok:
        problem = document.problems[0]
        raise ConfigError(f"{name}:{problem.line}:{problem.column}: {problem.message}")
    if document.data is None:
        return Config()
    config, problems = validate(document, Config)
    if config is None:
        lines = [f"{name}:{p.line}:{p.column}: {p.message}" for p in problems]
        raise ConfigError("invalid config:\n  " + "\n  ".join(lines))
    _check_rule_names(config, document)
    _check_unwaivable(config, document)
    _check_holidays(config, document)
    _check_channels(config, document)
    _check_recorders(config, document)
    return config


def _check_rule_names(config: Config, document: Document) -> None:
    from launchgate.wording import did_you_mean

    for name in config.rules:
        if name not in RULE_NAMES:
            close = did_you_mean(name, RULE_NAMES)
            hint = f" ({close})" if close else ""
            line, column = document.locate(("rules", name), key=True)
            raise ConfigError(
                f"{document.path}:{line}:{column}: invalid config: unknown rule {name!r}{hint}; "
                "`launchgate rules` lists them"
            )


def _check_unwaivable(config: Config, document: Document) -> None:
    from fnmatch import fnmatchcase

    from launchgate.wording import did_you_mean

    for index, pattern in enumerate(config.waivers.never):
        if not any(fnmatchcase(name, pattern) for name in RULE_NAMES):
            close = did_you_mean(pattern, RULE_NAMES)
            hint = f" ({close})" if close else ""
            line, column = document.locate(("waivers", "never", index))
            raise ConfigError(
                f"{document.path}:{line}:{column}: invalid config: waivers.never names no rule: "
                f"{pattern!r}{hint}; `launchgate rules` lists them"
            )


def _check_holidays(config: Config, document: Document) -> None:
    from launchgate.workdays import unknown_countries

    for index, code in unknown_countries(config.calendar.holidays):
        line, column = document.locate(("calendar", "holidays", index))
        raise ConfigError(
            f"{document.path}:{line}:{column}: invalid config: no holiday calendar for {code!r} "
            "(use an ISO 3166 country code like US or DE, or DE-BY for a subdivision)"
        )


def _check_channels(config: Config, document: Document) -> None:
    """A channel setting the engine could not use: say what to write, on its line."""
    for name, setting in config.channels.items():
        problem, key = _channel_problem(name, setting)
        if problem:
            line, column = document.locate(("channels", name, *key), key=True)
            raise ConfigError(
                f"{document.path}:{line}:{column}: invalid config: channels.{name}: {problem}"
            )


# What a channel id may hold: it appears in manifests, messages and Markdown code spans.
_CHANNEL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _channel_problem(name: str, setting: ChannelSetting) -> tuple[str, tuple[str, ...]]:
    """What is wrong with one channel setting, and the key it is on; ("", ()) when nothing."""
    from launchgate.channels import PRESETS, UNIT_LABELS, base_channel

    base = base_channel(name)
    unit = setting.unit or (base.unit if base else "utf16")
    if setting.max_segments is not None and unit != "sms":
        return (
            f"max_segments is for SMS, which counts segments; this channel counts "
            f"{UNIT_LABELS[unit]}: write max: {setting.max_segments}",
            ("max_segments",),
        )
    if setting.max is not None and unit == "sms":
        return (
            f"SMS counts segments (160 GSM-7 characters each), not characters: write "
            f"max_segments: with how many may be sent (max: {setting.max} would allow "
            f"{setting.max} segments)",
            ("max",),
        )
    if base is None:
        from launchgate.channel_names import same_channel

        meant = same_channel(name, PRESETS)
        if meant:  # "Email.Subject" would be a new channel, and email.subject left as it is
            return (
                f"the built-in channel is {meant!r}: write its id as it is to change it, "
                "or give a channel of your own a name of its own",
                (),
            )
    if not _CHANNEL_ID.fullmatch(name):
        return (
            f"{name!r} is not a channel id: use letters, digits, dots, underscores and "
            "hyphens, like web.hero_title",
            (),
        )
    if base is None and setting.max is None and setting.max_segments is None:
        from launchgate.wording import did_you_mean

        close = did_you_mean(name, PRESETS, cutoff=0.8)
        known = f"not a built-in channel ({close}); " if close else ""
        return f"{known}a new channel needs its limit, e.g. {{max: 60, unit: utf16}}", ()
    return "", ()


def _check_recorders(config: Config, document: Document) -> None:
    """`recorded_by` names other roles of this config: a typo would let nobody record."""
    from launchgate.wording import did_you_mean

    for role, setting in config.roles.items():
        for index, recorder in enumerate(setting.recorded_by):
            if recorder in config.roles and recorder != role:
                continue
            if recorder == role:
                why = "a role cannot record its own sign-off"
            else:
                close = did_you_mean(recorder, config.roles)
                why = f"{recorder!r} is not a role under roles:" + (f" ({close})" if close else "")
            line, column = document.locate(("roles", role, "recorded_by", index))
            raise ConfigError(
                f"{document.path}:{line}:{column}: invalid config: roles.{role}.recorded_by: "
                f"{why}; name the roles whose members record {role}'s sign-offs"
            )
