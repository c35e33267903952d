"""Manifest, Checklist and Glossary: what a user's YAML files mean, typed.

Unknown keys are errors (a misspelt `colateral:` must not pass silently), and
every model validates from the loader's text scalars.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    field_validator,
    model_validator,
)

from launchgate.rule_names import RULE_NAMES
from launchgate.workdays import LEAD_TIME

FINISHED_STATUSES = frozenset({"done", "published"})


def _plausible(value: dt.date) -> dt.date:
    # Launch plans live in this millennium; far-off years are typos (2206 for 2026), and
    # date arithmetic near year 1 or 9999 would overflow.
    if not 1970 <= value.year <= 2999:
        raise ValueError(f"{value.isoformat()} is not a plausible launch date (years 1970 to 2999)")
    return value


# A calendar date, or a date-time, within the years a launch plan can mean.
Day = Annotated[dt.date, AfterValidator(_plausible)]
Moment = Annotated[dt.datetime, AfterValidator(_plausible)]

Status = Literal["planned", "draft", "in_review", "approved", "done", "published"]


class Strict(BaseModel):
    # No whitespace stripping: YAML trims plain scalars itself, and the spaces a user
    # quotes on purpose count toward a channel's limit.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def check_timezone(name: str | None) -> str | None:
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when a zone is named

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r} (use an IANA name like Europe/Berlin)"
        ) from None
    return name


@functools.lru_cache(maxsize=256)  # a repository uses a handful of tags, thousands of times
def canonical_locale(tag: str) -> str:
    """`de-de`, `DE_de` -> `de-DE`: BCP 47 tags ignore case, so compare them in one form."""
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script: Latn, Hant
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())  # region: DE, 419
        else:
            out.append(part.lower())
    return "-".join(out)


def _canonical_locales(tags: list[str]) -> list[str]:
    return [canonical_locale(tag) for tag in tags]


# Channel (`x.post`) or family of channels (`push.*`) -> the locales its copy needs;
# see launchgate.channel_locales.
ChannelLocales = dict[str, list[str]]


def _canonical_scope(scope: ChannelLocales) -> ChannelLocales:
    return {channel: _canonical_locales(tags) for channel, tags in scope.items()}


class Feature(Strict):
    id: str
    name: str | None = None
    flag: str | None = Field(None, description="The feature flag that turns it on, if any.")


class CopyItem(Strict):
    channel: str = Field(description="Where the copy appears, e.g. app_store.subtitle.")
    text: str
    locale: str | None = Field(None, description="BCP 47 tag such as en-US.")
    id: str | None = Field(None, description="Tells apart several items of one channel.")
    max: PositiveInt | None = Field(
        None, description="A limit of this item's own (required for in_app)."
    )
    _locale = field_validator("locale")(
        lambda tag: canonical_locale(tag) if tag is not None else None
    )
    source: str | None = Field(
        None, description="The string the product ships, as path#dotted.key in a JSON or YAML file."
    )


class Collateral(Strict):
    id: str
    type: str = Field(description="e.g. blog_post, sales_deck, press_release.")
    owner: str | None = Field(None, description="GitHub handle, e.g. @david.")
    due: Day | None = None
    status: Status = "planned"
    name: str | None = None
    link: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class Target(Strict):
    metric: str
    owner: str | None = None
    target: str | None = None


class Metrics(Strict):
    north_star: str | None = None
    targets: list[Target] = Field(default_factory=list)


class Release(Strict):
    version: str | None = None
    date: Day | None = None


class Announce(Strict):
    date: Day | None = None
    embargo_until: Moment | None = Field(
        None, description="ISO 8601 date-time; without an offset, the launch's time zone."
    )
    pre_announce: bool = Field(False, description="Allows the announcement before the release.")


def _names(value: str | list[str]) -> list[str]:
    # `channel: sms` reads as well as `channel: [sms]`; one form from here on.
    return [value] if isinstance(value, str) else value


Names = Annotated[str | list[str], AfterValidator(_names)]


class WaiverWhere(Strict):
    """What a waiver narrows to: each part a name or a list, matched on the finding's subject."""

    channel: Names | None = None
    locale: Names | None = None
    collateral: Names | None = Field(None, description="Collateral ids.")
    feature: Names | None = Field(None, description="Feature ids.")

    _locale = field_validator("locale")(
        lambda tags: _canonical_locales(_names(tags)) if tags is not None else None
    )


def _rule_name(name: str) -> str:
    if name not in RULE_NAMES:
        from launchgate.wording import did_you_mean

        hint = did_you_mean(name, RULE_NAMES)
        raise ValueError(
            f"unknown rule {name!r}{f' ({hint})' if hint else ''}; `launchgate rules` lists them"
        )
    return name


def _said(text: str) -> str:
    # A blank reason or approver is no accountability at all.
    if not text.strip():
        raise ValueError("cannot be blank")
    return text


class Waiver(Strict):
    """An accepted exception to a rule in this launch: why, approved by whom, until when."""

    rule: Annotated[str, AfterValidator(_rule_name)]
    where: WaiverWhere | None = Field(
        None, description="Narrows the findings waived: channel, locale, collateral, feature."
    )
    reason: Annotated[str, AfterValidator(_said)]
    approved_by: Annotated[str, AfterValidator(_said)] = Field(
        description="A role in .launchgate.yml roles."
    )
    expires: Day = Field(description="The last day the waiver applies.")


class SignoffRecord(Strict):
    """A sign-off given outside GitHub (by e-mail, in a ticket), recorded in the manifest.

    It counts only when a member of a role the config lists under the role's
    `recorded_by` approves the pull request that adds it (github/approvals.py).
    """

    role: str = Field(description="The role signed off, e.g. legal.")
    by: Annotated[str, AfterValidator(_said)] = Field(description="Who signed off.")
    on: Day = Field(description="The day they signed off.")
    evidence: Annotated[str, AfterValidator(_said)] = Field(
        description="Where it is written down: a ticket URL, or words such as an e-mail's subject."
    )


class Manifest(Strict):
    """One launch."""

    id: str = Field(min_length=1)
    name: str | None = None
    checklist: str | None = Field(None, description="Name of a checklist, e.g. major.")
    owners: dict[str, str | None] = Field(
        default_factory=dict, description="Role -> GitHub handle, e.g. {product: '@ann'}."
    )
    release: Release | None = None
    announce: Announce | None = None
    timezone: str | None = None
    locales: list[str] = Field(default_factory=list, description="Adds to the checklist's locales.")
    features: list[Feature] = Field(default_factory=list)
    copy_items: list[CopyItem] = Field(default_factory=list, alias="copy")
    collateral: list[Collateral] = Field(default_factory=list)
    metrics: Metrics | None = None
    signoffs: list[str] = Field(default_factory=list, description="Adds to the checklist's roles.")
    signoff_records: list[SignoffRecord] = Field(
        default_factory=list, description="Sign-offs given outside GitHub, recorded by a role."
    )
    waivers: list[Waiver] = Field(default_factory=list)

    _check_timezone = field_validator("timezone")(check_timezone)
    _locales = field_validator("locales")(_canonical_locales)

    @property
    def title(self) -> str:
        return self.name or self.id

    channel_locales: ChannelLocales = Field(
        default_factory=dict,
        description="Channel (x.post) or family (push.*) -> the locales its copy needs, "
        "over the checklist's; e.g. {x.post: [en-US]}.",
    )
    _channel_locales = field_validator("channel_locales")(_canonical_scope)


def _lead_time(text: str) -> str:
    if LEAD_TIME.match(text) is None:
        raise ValueError(
            f"lead time {text!r} is not like 5bd (business days), 10d (days) or 2w (weeks)"
        )
    return text


class ChecklistCollateral(Strict):
    type: str
    lead_time: Annotated[str, AfterValidator(_lead_time)] | None = None


class ChecklistCopy(Strict):
    channels: list[str] = Field(default_factory=list)


class ChecklistMetrics(Strict):
    north_star: Literal["required", "optional"] = "optional"


class Checklist(Strict):
    name: str | None = None
    signoffs: list[str] = Field(default_factory=list)
    locales: list[str] = Field(default_factory=list)
    collateral: list[ChecklistCollateral] = Field(default_factory=list)

    _locales = field_validator("locales")(_canonical_locales)
    copy_rules: ChecklistCopy = Field(default_factory=ChecklistCopy, alias="copy")
    metrics: ChecklistMetrics = Field(default_factory=ChecklistMetrics)
    conflicts: Literal["same-day", "none"] = "none"
    channel_locales: ChannelLocales = Field(default_factory=dict)

    _channel_locales = field_validator("channel_locales")(_canonical_scope)


def _word(text: str) -> str:
    # A blank word would match between any two words of every piece of copy.
    if not text.split():
        raise ValueError("a glossary word cannot be blank")
    return text


Word = Annotated[str, AfterValidator(_word)]


def _locale_tag(tag: str) -> str:
    from launchgate.locales import locale_problem

    problem = locale_problem(tag)
    if problem is not None:
        raise ValueError(f"locale {tag!r} {problem}")
    return canonical_locale(tag)


# A locale a glossary is scoped to: `de` covers de-DE, de-AT and every other German;
# `de-DE` covers only itself (and longer tags that start with it, such as de-DE-1996).
ScopeLocale = Annotated[str, AfterValidator(_locale_tag)]


class Term(Strict):
    """Words to replace (`instead_of`, with the word to `use`) or to `ban`, in some locales."""

    use: str | None = None
    instead_of: list[Word] = Field(default_factory=list)
    ban: list[Word] = Field(default_factory=list)
    locales: list[ScopeLocale] | None = Field(
        None, description="The copy this term applies to, e.g. [de-DE]; default: the glossary's."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Term:
        if self.ban and (self.use or self.instead_of):
            raise ValueError("a term either bans words or says what to use instead, not both")
        if not self.ban and not (self.use and self.instead_of):
            raise ValueError("a term needs `use` with `instead_of`, or `ban`")
        return self


class Glossary(Strict):
    """One vocabulary: metric definitions, and terms the copy must (not) use."""

    locale: ScopeLocale | None = Field(
        None,
        description="The copy the terms apply to, e.g. en (every English locale); "
        "default: each launch's first locale.",
    )
    metrics: dict[str, str] = Field(default_factory=dict)
    terms: list[Term] = Field(default_factory=list)
