"""Rules about messaging copy: length, placeholders, glossary terms, locales, drift."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from launchgate.channel_names import suggest_channel
from launchgate.channels import PRESETS, UNIT_LABELS, Channel, count, sms_detail
from launchgate.findings import Severity, Subject
from launchgate.launch import Launch
from launchgate.models import CopyItem, Glossary, Term
from launchgate.rules.base import Context, Rule, Violation
from launchgate.rules.copy_fit import advice, copy_fit

# Translation expansion by English source length (IBM's globalization guidelines),
# the low end of each band: what a translator will typically need, not the worst case.
_EXPANSION = ((10, 2.0), (20, 1.8), (30, 1.6), (50, 1.4), (70, 1.5))
_EXPANSION_LONG = 1.3


def describe(item: CopyItem) -> str:
    """`app_store.subtitle (de-DE)`: how messages name a copy item."""
    name = item.channel + (f"#{item.id}" if item.id else "")
    return f"{name} ({item.locale})" if item.locale else name


def check_length(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Copy must fit its channel, counted the way that platform counts.

    Each channel has a limit and a unit: App Store fields count UTF-16
    characters, push titles count graphemes (an emoji with modifiers is one),
    X counts a weighted length (URLs 23, CJK and emoji 2), Google Ads counts
    East Asian wide characters twice, SMS counts GSM-7 or UCS-2 segments. Over
    a platform's hard limit is an error (the store rejects it); over a
    recommendation (search titles, e-mail subjects, push) is a warning (it gets
    cut off). A `max:` on the item is a hard limit of its own and is required
    for `in_app`. Add or override channels under `channels:` in the config.

    The finding says how much to cut, in the unit that counts, and which
    characters count more than they look ("ä, ö, ü take 2 bytes each"); the
    reports show the text up to the limit and what is over it, and for a
    channel that cuts text off, what readers see.

    Fails:

        copy:
          - {channel: app_store.subtitle, text: "See how each of your reports performs"}

    Passes:

        copy:
          - {channel: app_store.subtitle, locale: en-US, text: "Know how your content performs"}
    """
    for index, item in enumerate(launch.manifest.copy_items):
        path = ("copy", index)
        channel = ctx.channels(item.channel)
        if channel is None:
            known = sorted(set(PRESETS) | set(ctx.config.channels))
            hint = suggest_channel(item.channel, known) or (
                f"add it under channels: in {ctx.config_file}"
            )
            yield Violation(
                (*path, "channel"), f"unknown channel {item.channel!r} ({hint})", Severity.ERROR
            )
            continue
        limit = item_limit(item, channel)
        if not limit:
            yield Violation(path, f"{describe(item)} needs a max: (the channel has no fixed limit)")
            continue
        used = count(item.text, channel.unit)
        if used <= limit:
            continue
        hard = channel.hard or item.max is not None
        detail = ""
        if channel.unit == "sms":
            encoding, units = sms_detail(item.text)
            detail = f" ({encoding}, {units} {'septets' if encoding == 'GSM-7' else 'units'})"
        help_ = advice(item.text, channel.unit, limit, item.locale)
        yield Violation(
            (*path, "text"),
            f"{describe(item)} is {used} of {limit} {UNIT_LABELS[channel.unit]}{detail}: {help_}",
            None if hard else Severity.WARNING,
            fit=copy_fit(item.text, channel, limit),
        )


# Characters that take no space: a text of these alone (pasted from a document or a
# web page) is as blank as an empty one. str.strip() keeps them; none is printable, so
# only a text that holds something unprintable is looked at twice.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))


def check_empty(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Copy has words in it.

    An empty `text:` (or one of spaces alone) fits every limit and holds no
    placeholder, so no other rule would say a word about it; yet it would ship
    a blank subtitle, title or push. Write the copy, or remove the item until
    it is written.

    Fails:

        copy:
          - {channel: web.title, locale: en-US, text: ""}

    Passes:

        copy:
          - {channel: web.title, locale: en-US, text: "Smart Reports: see what works"}
    """
    for index, item in enumerate(launch.manifest.copy_items):
        text = item.text.strip()
        if not text or (not text.isprintable() and not text.translate(_INVISIBLE).strip()):
            yield Violation(
                ("copy", index, "text"),
                f"{describe(item)} has no text: write the copy, or remove the item until it is",
            )


def item_limit(item: CopyItem, channel: Channel) -> int:
    """The item's own `max:` tightens any limit, and loosens only a recommendation."""
    if item.max and channel.max and channel.hard:
        return min(item.max, channel.max)
    return item.max or channel.max


def check_expansion(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """English copy that fills most of a short limit will not fit once translated.

    Translations usually run longer than English: up to three times for
    strings under ten characters, about 1.3 times over seventy (IBM's
    figures). When a launch needs locales that have no copy yet for a channel
    (as `channel_locales:` scopes it), English copy whose length times the
    typical expansion exceeds the limit is worth rewording before it goes to
    translation.

    Fails (the launch's checklist requires en-US and de-DE):

        copy:
          - {channel: app_store.subtitle, locale: en-US, text: "Reports that explain"}

    Passes:

        copy:
          - {channel: app_store.subtitle, locale: en-US, text: "Clear reports"}
    """
    primary = launch.primary_locale
    present: dict[tuple[str, str | None], set[str]] = {}
    for item in launch.manifest.copy_items:
        present.setdefault((item.channel, item.id), set()).add(item.locale or primary)
    for index, item in enumerate(launch.manifest.copy_items):
        if not _english(item.locale or primary):
            continue
        translated = present[(item.channel, item.id)]
        untranslated = [
            locale
            for locale in launch.locales_for(item.channel)
            if not _english(locale) and locale not in translated
        ]
        channel = ctx.channels(item.channel)
        if not untranslated or channel is None or channel.unit == "sms":
            continue
        limit = item_limit(item, channel)
        used = count(item.text, channel.unit)
        factor = next((f for upto, f in _EXPANSION if used <= upto), _EXPANSION_LONG)
        if not limit or used > limit or used * factor <= limit:
            continue
        yield Violation(
            ("copy", index, "text"),
            f"{describe(item)} uses {used} of {limit} {UNIT_LABELS[channel.unit]}; "
            f"translations of text this long typically run {factor:g}x longer "
            f"and {', '.join(untranslated)} has none yet",
        )


def _english(locale: str) -> bool:
    return locale.lower().startswith("en")


_LEFTOVER_TEXT = (
    r"(?<![\w])(?:TODO|TBD|TBC|TKTK|FIXME|XXX+)(?![\w])"  # upper case only: "todo list" is fine
    r"|(?<!\w)(?i:lorem ipsum)"
    r"|\[(?i:placeholder|insert\b)[^\]]*\]"
    r"|<(?i:placeholder|insert\b)[^>]*>"
)
_LEFTOVER = re.compile(_LEFTOVER_TEXT)
# A merge-tag variable: first_name, contact.firstname, customer.first_name.
_VARIABLE = r"[A-Za-z_]\w*(?:\.\w+)*"
_PLACEHOLDER = re.compile(
    # Every match starts with one of these: the engine skips other characters at once,
    # where it would try each alternative (and its look-behinds) at every position.
    r"(?=[{*%\[<TFXLl])(?:"
    # Handlebars and Liquid: {{first_name}}, {{ contact.firstname }}, {{{first_name}}},
    # {{first_name | default: 'there'}}, Braze's {{${first_name}}}, blocks {{#if x}} {{/if}}.
    r"(?P<handlebars>\{\{\{?[-~]?\s*"
    rf"(?:[#/]\s*{_VARIABLE}(?:\s[^{{}}]*)?|(?:\$\{{{_VARIABLE}\}}|{_VARIABLE})(?:\s*\|[^{{}}]*)?)"
    r"\s*[-~]?\}?\}\})"
    r"|(?P<slot>\{\{[^{}]*\}\})"  # any other template slot: {{}}, {{insert name}}
    rf"|(?P<mailchimp>\*\|{_VARIABLE}(?::[^|*\s]*)*\|\*)"  # *|FNAME|*, *|MC:SUBJECT|*
    rf"|(?P<mailgun>(?<![\w%])%{_VARIABLE}%(?![\w%]))"  # %recipient.first_name%
    rf"|(?P<braces>(?<![\w{{$])\{{{_VARIABLE}\}}(?!\}}))"  # {first_name}
    rf"|(?P<leftover>{_LEFTOVER_TEXT})"
    r")"
)
# Case-folded text every match contains: a launch without any of these has nothing to find.
_PLACEHOLDER_HINTS = (
    "todo",
    "tbd",
    "tbc",
    "tktk",
    "fixme",
    "xxx",
    "lorem",
    "{",
    "*|",
    "%",
    "[",
    "<",
)
# A leftover starts with its word (TBD, [insert quote], lorem ipsum), and so does a merge
# tag that names one: {{ TBD }}, *|todo|*, {{insert_name}}.
_LEFTOVER_NAME = re.compile(
    r"[^A-Za-z_]*(?i:tbd|tbc|todo|tktk|fixme|xxx+|insert|placeholder|lorem)(?![A-Za-z0-9])"
)
# Each syntax by what a writer calls it, and how it writes a first name.
_SYNTAXES: dict[str, tuple[str, str]] = {
    "handlebars": ("Handlebars or Liquid", "{{first_name}}"),
    "mailchimp": ("Mailchimp", "*|FNAME|*"),
    "mailgun": ("Mailgun", "%recipient.first_name%"),
    "braces": ("single-brace", "{first_name}"),
}


def check_placeholder(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Copy must not ship with placeholders, nor merge tags its channel can't fill in.

    Flags TODO, TBD, TBC, TKTK, FIXME and XXX (in capitals, as whole words),
    "lorem ipsum" in any case, bracketed prompts like `[insert quote]` or
    `<placeholder>`, and template slots that name no variable: `{{}}`,
    `{{insert name}}`, `{{ TBD }}`.

    Merge tags are personalisation the sending platform fills in: `{{first_name}}`
    and `{{ contact.firstname | default: 'there' }}` (Handlebars and Liquid: Braze,
    Customer.io, Klaviyo, HubSpot, Iterable, SendGrid), `*|FNAME|*` (Mailchimp),
    `%recipient.first_name%` (Mailgun) and `{first_name}`. They pass on channels
    that take merge tags (email, push and SMS, and any channel with
    `merge_tags: true` under `channels:` in the config). Elsewhere a merge tag is
    an error: an App Store subtitle is shown as written. List the syntaxes your
    sending platform uses under `copy: {merge_tags: [handlebars]}` (default: all
    four: handlebars, mailchimp, mailgun, braces), and a tag in another syntax is
    an error too. Single braces are also how apps write their own placeholders
    (`{count}` in a product string), so they are looked at only on channels that
    take merge tags. A leftover inside or next to a merge tag is still an error.

    Fails:

        copy:
          - {channel: web.title, locale: en-US, text: "Smart Reports: TBD"}
          - {channel: app_store.subtitle, locale: en-US, text: "Reports for {{first_name}}"}
          - {channel: email.subject, locale: en-US, text: "Hi {{ TBD }}, see your reports"}

    Passes:

        copy:
          - {channel: web.title, locale: en-US, text: "Smart Reports: see what works"}
          - {channel: email.subject, locale: en-US, text: "Hi {{first_name}}, see your reports"}
          - {channel: sms, locale: en-US, text: "*|FNAME|*, your weekly report is ready"}
    """
    if not _may_hold(launch, _PLACEHOLDER_HINTS):
        return
    for index, item in enumerate(launch.manifest.copy_items):
        for match in _PLACEHOLDER.finditer(item.text):
            problem = _placeholder_problem(match, item, ctx)
            if problem:
                yield Violation(("copy", index, "text"), problem)
                break  # one finding per item: fixing the first shows the next


def _placeholder_problem(match: re.Match[str], item: CopyItem, ctx: Context) -> str | None:
    """What is wrong with one match in `item`'s text, or None for a merge tag that works."""
    found = match.group(0)
    syntax = str(match.lastgroup)  # every alternative is a named group
    if syntax == "slot" or _LEFTOVER_NAME.match(found):
        return f"{describe(item)} still holds a placeholder: {found!r}"
    inner = _LEFTOVER.search(found)  # in a filter: {{first_name | default: 'TBD'}}
    if inner:
        return f"{describe(item)} still holds a placeholder: {inner.group(0)!r}"
    channel = ctx.channels(item.channel)
    if channel is None:
        return None  # copy-length reports the unknown channel; what it takes is unknown
    if not channel.merge_tags:
        if syntax == "braces":
            return None  # an app's own placeholder ({count}), filled in by the app
        return (
            f"{describe(item)} can't fill in {found!r}: readers would see it as written "
            f"(write the words out, or if the tool that sends {item.channel} fills in merge "
            f"tags, add {item.channel}: {{merge_tags: true}} under channels: in {ctx.config_file})"
        )
    allowed = ctx.config.copy_settings.merge_tags
    if syntax in allowed:
        return None
    uses = ", ".join(f"{name} {_SYNTAXES[name][1]}" for name in allowed) or "none"
    return (
        f"{describe(item)} holds {found!r}, a {_SYNTAXES[syntax][0]} merge tag the sending "
        f"platform does not fill in (merge_tags: under copy: in {ctx.config_file} lists "
        f"{uses}); write it in a listed syntax, or add {syntax} to that list"
    )


def _may_hold(launch: Launch, hints: tuple[str, ...]) -> bool:
    """A cheap look before a pattern runs on each item: most launches have nothing to find.

    A pattern can only match where one of its `hints` (case-folded text that every
    match contains) appears in the launch's copy.
    """
    folded = launch.folded_copy
    return any(hint in folded for hint in hints)


class _Glossary:
    """The glossary as a run uses it: its hints, and one compiled pattern per locale."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        words = [word for term in glossary.terms for word in (*term.instead_of, *term.ban)]
        self.hints = tuple({_hint(word) for word in words})
        self._compiled: dict[tuple[str, str], _Terms] = {}

    def terms_for(self, locale: str, default: str) -> _Terms:
        """The terms for copy in `locale`; `default` scopes a glossary without `locale:`."""
        key = (locale, self.glossary.locale or default)
        terms = self._compiled.get(key)
        if terms is None:
            scope = [key[1]]
            applies = [
                term
                for term in self.glossary.terms
                if any(_covers(tag, locale) for tag in term.locales or scope)
            ]
            terms = self._compiled[key] = _term_pattern(applies)
        return terms


def _covers(scope: str, locale: str) -> bool:
    """A glossary locale covers copy in it and in longer tags: `de` covers `de-AT`."""
    return locale == scope or locale.startswith(scope + "-")


def _term_pattern(terms: list[Term]) -> _Terms:
    """One regex for every replaced or banned term, and what each match means."""
    advice: dict[str, str] = {}
    words: list[str] = []  # as written: case-folding "ß" to "ss" would never match "ß"
    for term in terms:
        for word in term.instead_of:
            advice[_normal(word)] = f"the glossary says {term.use!r} instead"
            words.append(word)
        for word in term.ban:
            advice[_normal(word)] = "the glossary bans it"
            words.append(word)
    if not advice:
        return _Terms(None, advice, ())
    words.sort(key=len, reverse=True)  # longest first: "log in" before "log"
    body = "|".join(_as_pattern(word) for word in words)
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return _Terms(pattern, advice, tuple(words))


def _hint(word: str) -> str:
    """What the case-folded copy holds wherever `word` matches: its first word, folded.

    IGNORECASE folds one character at a time, casefold() may make one of them two
    ("İ" is "i" plus a combining dot, yet matches "i"): such a word has no hint ("",
    found in any copy), or a ban on "İyi" would never look at "iyi".
    """
    if any(len(char.casefold()) > 1 for char in word):
        return ""
    return _normal(word).split()[0]


def _as_pattern(word: str) -> str:
    return re.escape(" ".join(word.split())).replace(r"\ ", r"\s+")


class _Terms(NamedTuple):
    pattern: re.Pattern[str] | None
    advice: dict[str, str]  # by normalised word
    words: tuple[str, ...]  # as written

    def advice_for(self, matched: str) -> str:
        found = self.advice.get(_normal(matched))
        if found is not None:
            return found
        # IGNORECASE folds one character at a time, and casefold() may disagree: a ban on
        # "İ" matches "i", but casefolds to "i" plus a combining dot. Find the word again.
        word = next(w for w in self.words if re.fullmatch(_as_pattern(w), matched, re.I))
        return self.advice[_normal(word)]


def _normal(word: str) -> str:
    return " ".join(word.casefold().split())


def check_term(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Copy speaks the glossary's language.

    The glossary's `terms` list words to avoid (`instead_of`, with the word to
    `use`) and words that are banned outright. Matching ignores case and takes
    whole words only, so a ban on "login" does not touch "logins" or "blogin".

    A glossary is written for one language: its terms apply to copy in the
    glossary's `locale:` (at the top of glossary.yaml), and when it has none, to
    copy in each launch's first locale (its checklist's first, else its own
    first, else en-US: where a copy item without `locale:` is). A term's own
    `locales: [de-DE]` applies it to those locales instead. A language alone
    covers every region: `en` applies to en-US and en-GB, `de` to de-DE and
    de-AT; `de-DE` applies to de-DE only. So an English glossary leaves German
    copy that says "Login" alone.

    Fails (glossary: `{use: sign in, instead_of: [login, log in]}`; locales en-US, de-DE):

        copy:
          - {channel: email.subject, locale: en-US, text: "Log in to see your new reports"}

    Passes:

        copy:
          - {channel: email.subject, locale: en-US, text: "Sign in to see your new reports"}
          - {channel: email.subject, locale: de-DE, text: "Login genügt: Ihre Berichte sind da"}
    """
    if ctx.glossary is None:
        return
    glossary = ctx.memo.get("copy-term")
    if glossary is None:  # hints worked out once per run, patterns once per locale
        glossary = ctx.memo["copy-term"] = _Glossary(ctx.glossary)
    if not _may_hold(launch, glossary.hints):
        return
    primary = launch.primary_locale
    for index, item in enumerate(launch.manifest.copy_items):
        terms: _Terms = glossary.terms_for(item.locale or primary, primary)
        if terms.pattern is None:
            continue
        seen: set[str] = set()
        for match in terms.pattern.finditer(item.text):
            word = _normal(match.group(0))
            if word not in seen:
                seen.add(word)
                yield Violation(
                    ("copy", index, "text"),
                    f"{describe(item)} uses {match.group(0)!r}: {terms.advice_for(match.group(0))}",
                )


def check_locale_missing(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Every piece of copy exists in every locale the launch requires of its channel.

    The required locales are the checklist's `locales` plus the manifest's own
    `locales`, unless `channel_locales:` scopes a channel to its own list: in
    the checklist for every launch that follows it, in the manifest for one
    launch (the manifest's entry wins). A key is a channel (`x.post`) or a
    family of channels (`push.*`); the channel's own id wins over a family.
    Copy items are grouped by channel and `id`; each group needs one item per
    required locale, and each locale it lacks is a finding of its own. An item
    without `locale:` is in the launch's first locale. A key that names no
    channel is an error (it would scope nothing).

    Fails (the checklist requires en-US and de-DE):

        copy:
          - {channel: app_store.subtitle, locale: en-US, text: "Know how your content performs"}
          - {channel: app_store.subtitle, locale: de-DE, text: "Wissen, was Inhalte leisten"}
          - {channel: x.post, locale: en-US, text: "Reports that explain themselves."}

    Passes:

        channel_locales: {x.post: [en-US]}   # our social posts are English only
        copy:
          - {channel: app_store.subtitle, locale: en-US, text: "Know how your content performs"}
          - {channel: app_store.subtitle, locale: de-DE, text: "Wissen, was Inhalte leisten"}
          - {channel: x.post, locale: en-US, text: "Reports that explain themselves."}
    """
    from launchgate.channel_locales import key_problems

    scope = launch.manifest.channel_locales
    for key, message in key_problems(scope, ctx.config, ctx.config_file):
        yield Violation(("channel_locales", key), message, at_key=True)
    primary = launch.primary_locale
    groups: dict[tuple[str, str | None], tuple[int, set[str]]] = {}
    for index, item in enumerate(launch.manifest.copy_items):
        first, locales = groups.setdefault((item.channel, item.id), (index, set()))
        locales.add(item.locale or primary)
    for (channel, item_id), (first, locales) in groups.items():
        required = launch.locales_for(channel)
        name = channel + (f"#{item_id}" if item_id else "")
        for locale in required:
            if locale not in locales:
                yield Violation(
                    ("copy", first),
                    f"{name} has no copy in {locale} (required: {', '.join(required)})",
                    subject=Subject(channel=channel, locale=locale),
                )


def check_locale_unknown(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """A locale is a real language tag, and one the launch asks for.

    Each copy item's `locale:` and each of the manifest's `locales:` must be a
    BCP 47 tag (`en-US`, `pt-BR`, `zh-Hant-TW`) whose language exists: `jp-JP`
    is an error (Japanese is `ja`). A well-formed locale that neither the
    launch's checklist nor its `locales:` lists is a warning: nothing requires
    that copy, and a misspelt region (`en-UK` for `en-GB`) leaves the locale it
    was meant for without copy. Add the locale to `locales:` or fix the tag.

    Fails (the checklist requires en-US and de-DE):

        copy:
          - {channel: app_store.subtitle, locale: en-US, text: "Know how your content performs"}
          - {channel: app_store.subtitle, locale: dk-DE, text: "Wissen, was Inhalte leisten"}

    Passes:

        copy:
          - {channel: app_store.subtitle, locale: en-US, text: "Know how your content performs"}
          - {channel: app_store.subtitle, locale: de-DE, text: "Wissen, was Inhalte leisten"}
    """
    from launchgate.channel_locales import tag_problems
    from launchgate.locales import locale_problem, nearest

    wanted = launch.locales
    for index, listed in enumerate(launch.manifest.locales):
        problem = locale_problem(listed)
        if problem is not None:
            hint = nearest(listed, wanted)
            yield Violation(("locales", index), f"locale {listed!r} {problem}{hint}")
    for key, index, message in tag_problems(launch.manifest.channel_locales, wanted):
        yield Violation(("channel_locales", key, index), message)
    for index, item in enumerate(launch.manifest.copy_items):
        tag = item.locale
        if tag is None or tag in wanted:
            continue
        asked = launch.locales_for(item.channel)
        if tag in asked:
            continue
        known = [*wanted, *(locale for locale in asked if locale not in wanted)]
        problem = locale_problem(tag)
        if problem is not None:
            message = f"{describe(item)}: locale {tag!r} {problem}{nearest(tag, known)}"
            yield Violation(("copy", index, "locale"), message)
        elif known:
            yield Violation(
                ("copy", index, "locale"),
                f"{describe(item)}: the launch does not ask for {tag} "
                f"(its locales: {', '.join(known)}){nearest(tag, known)}; "
                "add it to locales: or fix the tag",
                Severity.WARNING,
            )


def check_drift(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """The string the product ships matches the approved copy.

    A copy item's `source: path#dotted.key` points at the string in the
    product's own JSON or YAML (a locale file, say). When the two differ,
    either the product changed the string after marketing approved it, or the
    manifest was edited without the product: reviewers need to see which.
    Text is compared after Unicode normalisation (NFC).

    Fails (app/locales/en.json has `{"onboarding": {"title": "See what's new"}}`):

        copy:
          - channel: in_app
            max: 40
            source: "app/locales/en.json#onboarding.title"
            text: "See what works"

    Passes:

        copy:
          - channel: in_app
            max: 40
            source: "app/locales/en.json#onboarding.title"
            text: "See what's new"
    """
    for index, item in enumerate(launch.manifest.copy_items):
        if not item.source:
            continue
        found = ctx.sources.get(item.source)
        if found is None or found.text is None:
            reason = found.error if found else "was not read"
            yield Violation(("copy", index, "source"), f"source {item.source}: {reason}")
            continue
        if unicodedata.normalize("NFC", found.text) != unicodedata.normalize("NFC", item.text):
            yield Violation(
                ("copy", index, "text"),
                f"{describe(item)} differs from the product's string at {item.source}: "
                f"{_clip(found.text)!r} in the product, {_clip(item.text)!r} here",
            )


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


LENGTH = Rule("copy-length", Severity.ERROR, check_length, reads=())
EMPTY = Rule("copy-empty", Severity.ERROR, check_empty, reads=())
EXPANSION = Rule(
    "copy-expansion",
    Severity.NOTICE,
    check_expansion,
    reads={"checklist", "locales", "copy", "channel_locales"},
)
PLACEHOLDER = Rule("copy-placeholder", Severity.ERROR, check_placeholder, reads=())
TERM = Rule("copy-term", Severity.WARNING, check_term, reads=())
LOCALE_MISSING = Rule(
    "copy-locale-missing",
    Severity.ERROR,
    check_locale_missing,
    reads={"checklist", "locales", "copy", "channel_locales"},
)
LOCALE_UNKNOWN = Rule(
    "copy-locale-unknown",
    Severity.ERROR,
    check_locale_unknown,
    reads={"checklist", "locales", "channel_locales"},
)
DRIFT = Rule("copy-drift", Severity.ERROR, check_drift, reads=())
