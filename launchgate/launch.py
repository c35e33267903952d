"""A launch as the rules, the reporters and the GitHub run see it: the domain type.

A `Launch` is one manifest that loaded: its validated model, the document it
came from (for line numbers), the checklist it follows, and the values left
out because they were invalid. The loader builds launches; the rules read
them; nothing here imports the rules.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from launchgate.channel_locales import scoped_locales
from launchgate.findings import NO_SUBJECT, Subject
from launchgate.loader import Document, PathKey
from launchgate.models import Checklist, Manifest
from launchgate.salvage import Gaps

# What a rule across launches (`check_across`) may read of a manifest; see Launch.for_rules_across.
ACROSS_FIELDS = frozenset(
    {"id", "name", "checklist", "owners", "release", "announce", "timezone", "features", "signoffs"}
    | {"waivers"}  # applied once every finding is made, whatever process made it
)


@dataclass
class Launch:
    """One manifest that loaded: its model, its document, its checklist and what was left out.

    Rules read launches and never change them; `locate` turns a key path into
    the line and column a finding points at.
    """

    manifest: Manifest
    document: Document
    checklist: Checklist | None = None
    checklist_name: str | None = None
    gaps: Gaps | None = None  # invalid values left out of the manifest; see launchgate.salvage

    @property
    def file(self) -> str:
        return self.document.path

    def for_rules_across(self) -> Launch:
        """This launch as rules across launches see it: identity, dates, owners, features.

        Copy and collateral are left out. They are most of a launch's size, and
        a launch checked in another process comes back in this form: sending it
        whole would cost more than checking it did.
        """
        # None, not an empty list: a rule across launches that reads a left-out field fails loudly
        # in the tests (test_parallel) instead of quietly seeing nothing.
        left_out = {name: None for name in Manifest.model_fields if name not in ACROSS_FIELDS}
        return Launch(
            self.manifest.model_copy(update=left_out),
            self.document.only(ACROSS_FIELDS),  # what is left of it still locates as before
            self.checklist,
            self.checklist_name,
            self.gaps,
        )

    def locate(self, path: PathKey, key: bool = False) -> tuple[int, int]:
        """Line and column in the file of a path into the manifest (items left out counted)."""
        return self.document.locate(self.gaps.original(path) if self.gaps else path, key=key)

    def subject_at(self, path: PathKey) -> Subject:
        """What a path into the manifest is about: a copy item's channel and locale, a
        collateral item's or a feature's id, the role of a sign-off or an owner."""
        if len(path) < 2:
            return NO_SUBJECT
        key, step = path[0], path[1]
        manifest = self.manifest
        if key == "owners" and isinstance(step, str):
            return Subject(role=step)
        if not isinstance(step, int) or step < 0:
            return NO_SUBJECT
        if key == "copy" and step < len(manifest.copy_items or ()):
            item = manifest.copy_items[step]
            return _copy_subject(item.channel, item.locale or self.primary_locale)
        if key == "collateral" and step < len(manifest.collateral or ()):
            return Subject(collateral=manifest.collateral[step].id)
        if key == "features" and step < len(manifest.features or ()):
            return Subject(feature=manifest.features[step].id)
        if key == "signoffs" and step < len(manifest.signoffs or ()):
            return Subject(role=manifest.signoffs[step])
        return NO_SUBJECT

    @functools.cached_property
    def folded_copy(self) -> str:
        """All copy text, case-folded: where rules look before they run a pattern per item."""
        return "\n\n".join(item.text for item in self.manifest.copy_items).casefold()

    @property
    def locales(self) -> list[str]:
        """The locales the launch must have copy in: its checklist's, then its own."""
        wanted = list(self.checklist.locales) if self.checklist else []
        wanted += [locale for locale in self.manifest.locales if locale not in wanted]
        return wanted

    def locales_for(self, channel: str) -> list[str]:
        """The locales a channel's copy must be in: as `channel_locales:` scopes it (the
        manifest's over the checklist's), else every locale the launch requires."""
        found = self._locales_by_channel.get(channel)
        if found is None:
            scopes = [self.manifest.channel_locales]
            if self.checklist:
                scopes.append(self.checklist.channel_locales)
            scoped = scoped_locales(channel, scopes)
            found = self._locales_by_channel[channel] = self.locales if scoped is None else scoped
        return found

    @functools.cached_property
    def _locales_by_channel(self) -> dict[str, list[str]]:
        return {}  # asked once per copy item by some rules: kept

    @functools.cached_property
    def primary_locale(self) -> str:
        """The locale of copy items that name none (asked once per copy finding: kept)."""
        locales = self.locales
        return locales[0] if locales else "en-US"

    @property
    def required_roles(self) -> list[str]:
        roles = list(self.checklist.signoffs) if self.checklist else []
        roles += [role for role in self.manifest.signoffs if role not in roles]
        return roles

    @property
    def deadline(self) -> dt.date | None:
        """The day collateral must be ready by: the announcement, else the release."""
        manifest = self.manifest
        if manifest.announce and manifest.announce.date:
            return manifest.announce.date
        return manifest.release.date if manifest.release else None


@dataclass(frozen=True)
class SourceText:
    """A string the product ships, read from the repository before the rules run."""

    text: str | None
    error: str | None = None


@functools.lru_cache(maxsize=1024)
def _copy_subject(channel: str, locale: str) -> Subject:
    """One Subject per channel and locale: most findings are about copy, and the same object
    each time is written once when findings cross to another process (pickle's memo)."""
    return Subject(channel=channel, locale=locale)
