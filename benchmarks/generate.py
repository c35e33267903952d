"""Generate a realistic launchgate repository of N launch manifests, for benchmarks.

    python benchmarks/generate.py OUT --n 2000 [--seed 0]

What it writes under OUT (deterministic for a seed: the same files, byte for byte):

    .launchgate.yml        roles with users, US holidays, a year-end freeze, one custom channel
    glossary.yaml          shared metrics, preferred and banned terms
    checklists/major.yaml  the repository's own major checklist (en-US, de-DE, fr-FR;
                           `conflicts: same-day`); launches also use the built-in `minor`
    app/locales/en.json    the in-product strings that some `in_app` copy points at (`source:`)
    launches/launch-XXXX.yaml
                           N manifests, each with ~25 copy items (channels x en-US/de-DE/fr-FR),
                           3-5 collateral items, features, metrics, release and announce dates
                           spread over 2026-2027

The manifests look like what people write: a comment at the top, a mix of flow
(`{...}`) and block style, quoted and plain scalars, German and French copy with
their accents and typographic quotes, a few emoji (some with modifiers or ZWJ
sequences). Most copy fits its channel; a few items run over, a few hold a
placeholder or a glossary-banned word, a few owners are unknown, some work is
overdue as of 2026-11-23, some launches share a day (date-conflict has work),
some fall on weekends, holidays or in the freeze. Launch ids are unique.

One manifest in 200 (launch-0007, -0207, ...) carries a misspelt key on purpose (`colateral:` and
the like): both launchgate and a JSON Schema validator must report exactly
those files. `generate()` returns their paths so a benchmark can check that.

YAML stays plain: no anchors, aliases, tags or multi-document files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# --- the world the launches live in ---------------------------------------------------------

PRODUCT = "Fieldnote"
ROLES: dict[str, list[str]] = {
    "product": ["ann", "pat", "omar", "li"],
    "marketing": ["david", "mia", "sofia", "claire"],
    "legal": ["lee"],
    "design": ["jonas", "eva"],
}
USERS = [user for users in ROLES.values() for user in users]
STRANGERS = ["bob", "Karen", "raj-k", "d.smith"]  # owner-unknown: not in a role, or not a handle
LOCALES = ("en-US", "de-DE", "fr-FR")
FIRST_DAY = dt.date(2026, 1, 5)
LAST_DAY = dt.date(2027, 12, 17)
TODAY = dt.date(2026, 11, 23)  # what the benchmark passes as --today
TIMEZONES = ("Europe/Berlin", "America/New_York", "Europe/Paris", "UTC")

GLOSSARY_METRICS: dict[str, str] = {
    "weekly_engaged_teams": "Teams with three or more members active in the last seven days",
    "upgrade_conversion": "Share of trial workspaces that upgrade within 30 days",
    "report_views_per_team": "Report views per active team per week",
    "activation_rate": "Share of new workspaces that invite a teammate in their first week",
    "goal_check_in_rate": "Share of active goals with a check-in in the last 14 days",
    "mobile_weekly_members": "Members who open a mobile app at least once a week",
    "push_opt_in_rate": "Share of new installs that allow push notifications",
    "net_revenue_retention": "Recurring revenue kept from last year's customers, with expansion",
}
NORTH_STARS = ("weekly_engaged_teams", "weekly_engaged_teams", "activation_rate")
MISSPELT_METRICS = ("weekly_active_teams", "upgrade_conversions", "activation")

# (key that a user misspells, how) for the manifests that are broken on purpose
MISSPELLINGS = (
    ("collateral", "colateral"),
    ("announce", "anounce"),
    ("features", "feature"),
    ("signoffs", "sign_offs"),
)

# Channel -> (limit, how much of it copy usually uses). Limits are launchgate's presets.
CHANNELS: dict[str, int] = {
    "app_store.name": 30,
    "app_store.subtitle": 30,
    "app_store.promotional_text": 170,
    "app_store.whats_new": 4000,
    "app_store.keywords": 100,
    "google_play.title": 30,
    "google_play.short_description": 80,
    "google_play.release_notes": 500,
    "x.post": 280,
    "linkedin.post": 3000,
    "threads.post": 500,
    "web.title": 60,
    "web.meta_description": 160,
    "og.title": 60,
    "og.description": 200,
    "email.subject": 50,
    "email.preheader": 100,
    "sms": 70,  # one UCS-2 segment: the safe length whatever the characters
    "push.ios.title": 30,
    "push.ios.body": 140,
    "push.android.title": 65,
    "google_ads.headline": 30,
    "google_ads.description": 90,
    "in_app.banner": 24,  # a custom channel, configured in .launchgate.yml
}
LONG_FORM = ("app_store.whats_new", "linkedin.post")  # a few hundred characters, not thousands
REQUIRED = {
    "major": ["web.title", "web.meta_description", "email.subject"],
    "minor": ["email.subject"],
}
COLLATERAL_TYPES = {
    "major": ["blog_post", "sales_deck", "press_release", "help_article"],
    "minor": ["blog_post", "help_article"],
}
EXTRA_COLLATERAL = ("analysis", "screenshots", "webinar", "legal_review", "release_notes", "video")
STATUSES_OPEN = ("planned", "draft", "draft", "in_review", "approved")
STATUSES_DONE = ("done", "published", "done")

AREAS = ("reports", "goals", "digest", "insights", "billing", "search", "mobile", "admin", "sso")
FEATURE_WORDS = (
    "insights",
    "cards",
    "export",
    "filters",
    "sharing",
    "reminders",
    "widget",
    "timeline",
    "alerts",
    "templates",
    "comments",
    "dashboards",
    "audit_log",
    "roles",
)

# --- words, per locale ----------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


WORDS: dict[str, list[str]] = {
    "en-US": _words(
        "see what works for your team at a glance with reports that explain themselves "
        "every week share insights faster track goals together plan the next release "
        "new smarter dashboards clear numbers fewer meetings know how your content performs "
        "stay on top of progress from anywhere get a nudge when an update is due "
        "export to slides in one click invite teammates and keep everyone in the loop "
        "built for product and marketing teams that ship often simple setup secure by design "
        "works with your tools follow trends spot outliers celebrate wins "
        "customizable widgets real-time alerts weekly digest mobile apps for iOS and Android"
    ),
    "de-DE": _words(
        "sehen Sie auf einen Blick was für Ihr Team funktioniert mit Berichten die sich "
        "selbst erklären jede Woche Erkenntnisse schneller teilen Ziele gemeinsam verfolgen "
        "die nächste Version planen neue intelligentere Übersichten klare Zahlen weniger "
        "Besprechungen wissen wie Ihre Inhalte ankommen den Fortschritt von überall im Blick "
        "behalten rechtzeitig erinnert werden wenn ein Update fällig ist mit einem Klick "
        "exportieren Teammitglieder einladen für Produkt- und Marketingteams die oft "
        "veröffentlichen einfache Einrichtung sicher durch Gestaltung Größe Qualität "
        "Trends folgen Ausreißer erkennen Erfolge feiern anpassbare Widgets Echtzeit-Hinweise "
        "wöchentliche Zusammenfassung mobile Apps für iOS und Android schließlich Straße"
    ),
    "fr-FR": _words(
        "voyez en un coup d'œil ce qui fonctionne pour votre équipe avec des rapports "
        "qui s'expliquent d'eux-mêmes chaque semaine partagez vos idées plus vite suivez "
        "vos objectifs ensemble préparez la prochaine version de nouveaux tableaux de bord "
        "plus intelligents des chiffres clairs moins de réunions sachez comment votre contenu "
        "est reçu gardez un œil sur les progrès où que vous soyez recevez un rappel quand une "
        "mise à jour est prévue exportez en un clic invitez vos coéquipiers conçu pour les "
        "équipes produit et marketing installation simple sécurisé dès la conception "
        "suivez les tendances repérez les écarts célébrez les réussites widgets "
        "personnalisables alertes en temps réel résumé hebdomadaire applications mobiles "
        "pour iOS et Android déjà très ça"
    ),
}
# Emoji, some of several code points: a skin-tone modifier, ZWJ sequences, a flag.
EMOJI = ("🚀", "✨", "📈", "🎉", "👋🏽", "👩‍💻", "🧑🏾‍🤝‍🧑🏻", "🇩🇪", "✅", "🔔")
PLACEHOLDERS = ("TODO", "TBD", "{{product_name}}", "[insert quote]", "lorem ipsum")
BANNED = ("login", "revolutionary", "world-class", "log in")
QUOTES = {"en-US": ("“", "”"), "de-DE": ("„", "“"), "fr-FR": ("« ", " »")}

# --- YAML writing ---------------------------------------------------------------------------

# Text that can stay a plain scalar anywhere: starts with a letter, no indicator characters.
_PLAIN = re.compile(r"[A-Za-z][\w .()/-]*", re.ASCII)
_RESERVED = frozenset(_words("y n yes no on off true false null ~ nan inf"))  # YAML would type


def scalar(value: object, rng: random.Random | None = None) -> str:
    """A YAML scalar for `value`: plain where that is safe, else quoted.

    Dates and numbers are written plain (like people do: `due: 2026-11-25`, `max: 40`);
    text is plain when nothing in it could be read as syntax, otherwise double-quoted
    (JSON string syntax is valid YAML), or now and then single-quoted.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value) if isinstance(value, int) else value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip() and text.casefold() not in _RESERVED:
        return text
    if rng is not None and "\n" not in text and "\\" not in text and rng.random() < 0.15:
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


Item = dict[str, object]


def flow(item: Item, rng: random.Random) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value, rng)}" for key, value in item.items()) + "}"


def block(item: Item, indent: str, rng: random.Random, first: str = "- ") -> list[str]:
    """A mapping as block lines; `first` prefixes the first line (the sequence dash)."""
    lines = []
    for index, (key, value) in enumerate(item.items()):
        lead = indent + (first if index == 0 else " " * len(first))
        text = value if isinstance(value, str) else None
        if text is not None and "\n" in text:  # long copy: a literal block, as people write it
            lines.append(f"{lead}{key}: |-")
            lines += [f"{indent}{' ' * len(first)}  {line}".rstrip() for line in text.split("\n")]
        else:
            lines.append(f"{lead}{key}: {scalar(value, rng)}")
    return lines


def sequence(items: Sequence[Item], style: str, rng: random.Random) -> list[str]:
    """A list of mappings in the launch's style: flow items, block items, or a mix."""
    lines: list[str] = []
    for item in items:
        long = sum(len(str(value)) for value in item.values()) > 110
        use_flow = style == "flow" or (style == "mixed" and rng.random() < 0.5)
        if use_flow and not any(isinstance(v, str) and "\n" in v for v in item.values()):
            if long and rng.random() < 0.5:  # wrapped over two lines, as people write them
                keys = list(item)
                cut = max(1, len(keys) - 1)
                head = ", ".join(f"{k}: {scalar(item[k], rng)}" for k in keys[:cut])
                tail = ", ".join(f"{k}: {scalar(item[k], rng)}" for k in keys[cut:])
                lines += [f"  - {{{head},", f"     {tail}}}"]
            else:
                lines.append(f"  - {flow(item, rng)}")
        else:
            lines += block(item, "  ", rng)
    return lines


def mapping(key: str, item: Item, style: str, rng: random.Random) -> list[str]:
    """A small top-level mapping (`release:`, `owners:`), flow or block."""
    if style == "block" or (style == "mixed" and rng.random() < 0.3):
        return [f"{key}:"] + [f"  {k}: {scalar(v, rng)}" for k, v in item.items()]
    return [f"{key}: {flow(item, rng)}"]


# --- copy -----------------------------------------------------------------------------------


def sentence(rng: random.Random, locale: str, target: int) -> str:
    """Words of `locale` until the text is about `target` characters long."""
    words = WORDS[locale]
    out: list[str] = []
    length = 0
    while length < target:
        start = rng.randrange(len(words))
        run = words[start : start + rng.randint(2, 7)]
        out += run
        length = sum(len(w) + 1 for w in out) - 1
    text = " ".join(out)
    if len(text) > target + 3:  # cut back to a word boundary near the target
        cut = text.rfind(" ", 0, target + 1)
        text = text[: cut if cut > 0 else target]
    return text[:1].upper() + text[1:]


def copy_text(rng: random.Random, channel: str, locale: str, brand: str) -> str:
    limit = CHANNELS[channel]
    if channel in LONG_FORM:
        paragraphs = [sentence(rng, locale, rng.randint(80, 220)) + "." for _ in range(3)]
        return "\n\n".join(paragraphs) if rng.random() < 0.5 else " ".join(paragraphs)
    over = rng.random() < 0.025  # a few items run over their limit
    target = int(limit * (rng.uniform(1.05, 1.3) if over else rng.uniform(0.35, 0.85)))
    if channel == "app_store.keywords":
        words = [w.strip(".,") for w in WORDS[locale] if len(w) > 3]
        picked: list[str] = []
        while len(",".join(picked)) < target:
            picked.append(rng.choice(words).lower())
        return ",".join(picked)
    if limit >= 60 and rng.random() < 0.3:  # the brand name, quoted the locale's way
        left, right = QUOTES[locale]
        text = f"{brand}: {left}{sentence(rng, locale, max(8, target - len(brand) - 6))}{right}"
    else:
        text = sentence(rng, locale, target)
    if channel == "x.post" and rng.random() < 0.5:
        text = text[: max(0, target - 30)].rstrip() + f" https://fieldnote.app/{locale[:2]}/new"
        text = text.strip()
    roll = rng.random()
    if roll < 0.04:
        text += " " + rng.choice(EMOJI)
    elif roll < 0.05:
        text += " " + rng.choice(PLACEHOLDERS)
    elif roll < 0.06 and locale == "en-US":
        text = rng.choice(BANNED).capitalize() + " " + text[:1].lower() + text[1:]
    elif roll < 0.25:
        text += "." if limit < 100 else "!"
    return text


def copy_items(
    rng: random.Random, number: int, tier: str, locales: Sequence[str], sources: dict[str, str]
) -> list[Item]:
    brand = PRODUCT if rng.random() < 0.7 else f"{PRODUCT} {rng.choice(AREAS).capitalize()}"
    # About 25 items: fewer channels when each needs three locales, more for English only.
    wanted = rng.randint(22, 28)
    optional = [c for c in CHANNELS if c not in REQUIRED[tier] and c != "in_app.banner"]
    picks = min(len(optional), round(wanted / len(locales)) - len(REQUIRED[tier]))
    channels = list(REQUIRED[tier]) + rng.sample(optional, picks)
    if rng.random() < 0.2:
        channels.append("in_app.banner")
    rng.shuffle(channels)
    items: list[Item] = []
    for channel in channels:
        present = list(locales)
        if len(present) > 1 and rng.random() < 0.05:  # a translation nobody wrote yet
            present.remove(rng.choice(present[1:]))
        for locale in present:
            item: Item = {"channel": channel, "locale": locale}
            if locale == "en-US" and rng.random() < 0.1:
                del item["locale"]  # the launch's first locale, by default
            item["text"] = copy_text(rng, channel, locale, brand)
            items.append(item)
    # In-product strings (`in_app` needs its own max:), translated like the rest; the English
    # one often points at the string the app ships. English-only launches have more of them.
    in_app = rng.choice((0, 1, 1, 2))
    if len(locales) == 1:
        in_app = max(in_app, wanted - len(items))
    for index in range(in_app):
        key = f"launch_{number:04d}.step_{index + 1}"
        for locale in locales:
            text = sentence(rng, locale, rng.randint(14, 34))
            item = {"channel": "in_app", "id": f"step-{index + 1}", "locale": locale, "max": 40}
            if locale == "en-US" and rng.random() < 0.6:
                item["source"] = f"app/locales/en.json#{key}"
                drifted = rng.random() < 0.1  # the product changed the string after approval
                sources[key] = text + (" now" if drifted else "")
            item["text"] = text
            items.append(item)
    return items


def dates(rng: random.Random) -> tuple[dt.date, dt.date, bool]:
    """Release day, announcement day, and whether announcing first is the plan."""
    release = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    if rng.random() < 0.8:  # most teams avoid weekends; some do not
        while release.weekday() >= 5:
            release += dt.timedelta(days=1)
    roll = rng.random()
    if roll < 0.05:
        return release, release - dt.timedelta(days=rng.randint(1, 7)), True  # pre-announced
    if roll < 0.07:
        return release, release - dt.timedelta(days=1), False  # date-order
    return release, release + dt.timedelta(days=rng.choice((0, 1, 1, 2, 7))), False


def owner(rng: random.Random, pool: Sequence[str]) -> str | None:
    roll = rng.random()
    if roll < 0.02:
        return None  # owner-missing
    if roll < 0.04:
        name = rng.choice(STRANGERS)
        return name if name[0].isupper() else f"@{name}"
    return "@" + rng.choice(pool)


def collateral(rng: random.Random, tier: str, announce: dt.date) -> list[Item]:
    types = list(COLLATERAL_TYPES[tier])
    if rng.random() < 0.08:
        types.remove(rng.choice(types))  # checklist-incomplete
    while len(types) < 3 or (len(types) < 5 and rng.random() < 0.4):
        extra = rng.choice(EXTRA_COLLATERAL)
        if extra not in types:
            types.append(extra)
    items: list[Item] = []
    for kind in types[:5]:
        due = announce - dt.timedelta(days=rng.choice((1, 2, 3, 5, 7, 9, 12, 14, 21)))
        if rng.random() < 0.03:
            due = announce + dt.timedelta(days=2)  # due after the announcement: date-order
        finished = due < TODAY and rng.random() < 0.85
        item: Item = {"id": kind.replace("_", "-"), "type": kind}
        who = owner(rng, USERS)
        if who is not None:
            item["owner"] = who
        item["due"] = due
        item["status"] = rng.choice(STATUSES_DONE if finished else STATUSES_OPEN)
        if rng.random() < 0.15:
            item["link"] = f"https://docs.example.com/{kind}/{rng.randrange(10**6)}"
        items.append(item)
    return items


def manifest(rng: random.Random, number: int, sources: dict[str, str], broken: bool) -> str:
    tier = "major" if rng.random() < 0.4 else "minor"
    area = rng.choice(AREAS)
    words = rng.sample(FEATURE_WORDS, rng.randint(1, 4))
    name = f"{area.capitalize()} {' and '.join(w.replace('_', ' ') for w in words[:2])}"
    release, announce, pre_announce = dates(rng)
    style = rng.choice(("flow", "flow", "block", "mixed", "mixed"))
    # Major launches need all three locales (their checklist says so); minor ones are English
    # unless they ask for more.
    extra_locales = tier == "minor" and rng.random() < 0.8
    locales = LOCALES if tier == "major" or extra_locales else ("en-US",)

    lines = [f"# {name}: launch plan ({tier}). Owned by product and marketing together."]
    lines += [f"id: launch-{number:04d}", f"name: {scalar(name)}", f"checklist: {tier}"]
    owners: Item = {"product": owner(rng, ROLES["product"]) or "@ann"}
    owners["marketing"] = owner(rng, ROLES["marketing"]) or "@david"
    lines += mapping("owners", owners, style, rng)
    major_version = 3 + (release.year - 2026) * 2 + release.month // 7
    version = f"{major_version}.{release.month}.{rng.randrange(10)}"
    lines += mapping("release", {"version": version, "date": release}, style, rng)
    announced: Item = {"date": announce}
    if rng.random() < 0.3:
        hour = rng.choice((8, 9, 15))
        offset = rng.choice(("+01:00", "-05:00", "Z"))
        announced["embargo_until"] = f"{announce.isoformat()}T{hour:02d}:00:00{offset}"
    if pre_announce:
        announced["pre_announce"] = True
    lines += mapping("announce", announced, style, rng)
    if rng.random() < 0.3:
        lines.append(f"timezone: {rng.choice(TIMEZONES)}")
    if extra_locales:
        lines.append(f"locales: [{', '.join(LOCALES)}]")

    features: list[Item] = []
    for word in words:
        feature: Item = {"id": f"{area}-{word.replace('_', '-')}-{number}"}
        feature["name"] = f"{word.replace('_', ' ').capitalize()} for {area}"
        if rng.random() < 0.8:
            feature["flag"] = f"{area}.{word}_v{rng.randint(1, 3)}"
        features.append(feature)
    lines += ["", "features:", *sequence(features, style, rng)]
    lines += ["", "copy:", *sequence(copy_items(rng, number, tier, locales, sources), style, rng)]
    lines += ["", "collateral:", *sequence(collateral(rng, tier, announce), style, rng)]

    lines += ["", "metrics:"]
    if rng.random() < 0.97:
        star = rng.choice(NORTH_STARS) if rng.random() < 0.95 else rng.choice(MISSPELT_METRICS)
        lines.append(f"  north_star: {star}")
    lines.append("  targets:")
    targets: list[Item] = []
    for metric in rng.sample(sorted(GLOSSARY_METRICS), rng.randint(1, 3)):
        target: Item = {"metric": metric}
        who = owner(rng, USERS)
        if who is not None:
            target["owner"] = who
        target["target"] = rng.choice(
            ("+2pp", "+5%", f"{rng.randint(20, 80)}% of active teams", f"+{rng.randint(5, 30)}%")
        )
        targets.append(target)
    lines += ["  " + line for line in sequence(targets, style, rng)]
    if rng.random() < 0.25:
        lines += ["", "signoffs: [legal]   # new data processing: legal reviews the copy"]

    if broken:  # misspell a key the manifest has
        present = [(r, w) for r, w in MISSPELLINGS if any(x.startswith(f"{r}:") for x in lines)]
        right, wrong = rng.choice(present)
        lines = [re.sub(rf"^{right}:", f"{wrong}:", line) for line in lines]
    return "\n".join(lines) + "\n"


# --- the repository -------------------------------------------------------------------------

CONFIG = """\
# launchgate settings for Fieldnote
manifests: ["launches/**/*.yaml"]
timezone: Europe/Berlin
roles:
  product:   {users: [ann, pat, omar, li]}
  marketing: {users: [david, mia, sofia, claire]}
  legal:     {users: [lee]}
  design:    {users: [jonas, eva]}
signoffs: {stale: launch}
calendar:
  holidays: [US]
  freeze:
    - {from: 2026-12-21, to: 2027-01-04, reason: Year-end freeze}
    - {from: 2027-12-20, to: 2028-01-03, reason: Year-end freeze}
channels:
  in_app.banner: {max: 24, unit: graphemes}
rules:
  copy-term: error
"""

CHECKLIST = """\
# Major launches: a headline feature, announced in every market we sell in.
name: Major launch
signoffs: [product, marketing]
locales: [en-US, de-DE, fr-FR]
collateral:
  - {type: blog_post, lead_time: 5bd}
  - {type: sales_deck, lead_time: 10bd}
  - {type: press_release, lead_time: 2w}
  - {type: help_article, lead_time: 3bd}
copy:
  channels: [web.title, web.meta_description, email.subject]
metrics: {north_star: required}
conflicts: same-day
"""


def glossary() -> str:
    lines = ["# One language for product and marketing.", "metrics:"]
    lines += [f"  {name}: {text}" for name, text in GLOSSARY_METRICS.items()]
    lines += [
        "terms:",
        "  - {use: sign in, instead_of: [login, log in]}",
        "  - {use: workspace, instead_of: [tenant]}",
        "  - {ban: [revolutionary, world-class, best-in-class]}",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Generated:
    root: Path
    manifests: list[Path]  # sorted, as launchgate finds them
    broken: list[Path]  # manifests with a misspelt key on purpose (manifest-invalid)


def generate(root: Path, n: int, seed: int = 0) -> Generated:
    """Write a repository of `n` launches under `root` (emptied first); the same for a seed."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "launches").mkdir(parents=True)
    (root / "checklists").mkdir()
    (root / "app" / "locales").mkdir(parents=True)
    _write(root / ".launchgate.yml", CONFIG)
    _write(root / "checklists" / "major.yaml", CHECKLIST)
    _write(root / "glossary.yaml", glossary())
    sources: dict[str, str] = {}
    manifests: list[Path] = []
    broken: list[Path] = []
    for number in range(1, n + 1):
        is_broken = number % 200 == 7  # one in 200, and one even in a small repository
        path = root / "launches" / f"launch-{number:04d}.yaml"
        _write(path, manifest(rng, number, sources, is_broken))
        manifests.append(path)
        if is_broken:
            broken.append(path)
    _write(root / "app" / "locales" / "en.json", json.dumps(_nest(sources), indent=2) + "\n")
    return Generated(root, manifests, broken)


def _nest(flat: dict[str, str]) -> dict[str, object]:
    tree: dict[str, object] = {}
    for key, value in sorted(flat.items()):
        head, _, tail = key.partition(".")
        branch = tree.setdefault(head, {})
        assert isinstance(branch, dict)
        branch[tail] = value
    return tree


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the repository to (emptied)")
    parser.add_argument("--n", type=int, default=2000, help="number of launches (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    made = generate(args.out, args.n, args.seed)
    size = sum(path.stat().st_size for path in made.manifests)
    print(
        f"wrote {len(made.manifests)} manifests ({size / 1e6:.1f} MB) to {made.root}; "
        f"{len(made.broken)} misspell a key on purpose"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
