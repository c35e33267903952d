"""launches/<id>.html: one launch in full, for whoever needs to know why it is (not) ready.

Checklist progress, collateral with owner, due date and status, features and
their flags, metrics with their glossary definitions, every finding with the
line it points at, waivers, sign-offs, and its copy as a channel x locale grid.
"""

from __future__ import annotations

import re

from launchgate.board.html import page, text
from launchgate.board.signoff_view import role_states
from launchgate.board.site import Board
from launchgate.days import with_year
from launchgate.findings import Finding
from launchgate.launch import Launch

_SEVERITY_ICONS = {"error": "✗", "warning": "⚠", "notice": "\u2139"}  # i in a circle


def render(board: Board, launch: Launch, grid: str) -> str:
    """The launch's page; `grid`: its copy grid (`copy_grid.grid`, which also counts for the
    copy page)."""
    body = "".join(
        (
            _summary(board, launch),
            _progress(board, launch),
            _findings(board, launch),
            _signoffs(board, launch),
            _collateral(board, launch),
            _features(launch),
            _metrics(board, launch),
            _waivers(board, launch),
            _copy(board, launch, grid),
        )
    )
    return page(launch.manifest.title, "", body, depth=1)


def _copy(board: Board, launch: Launch, grid: str) -> str:
    """The launch's copy by channel and locale, after how many items are over the limit."""
    items = len(launch.manifest.copy_items)
    lengths = [f for f in board.findings(launch) if f.rule == "copy-length"]
    # The grid marks a waived item over too: count it, and say it is waived.
    waived = sum(1 for f in lengths if f.waiver is not None)
    said = f"{items} cop{'y item' if items == 1 else 'y items'}, {len(lengths)} over the limit"
    said += f" ({waived} waived)" if waived else ""
    link = '<a href="../copy.html">every launch\'s copy</a>'
    return _section("copy", "Copy", f"<p>{said} (see also {link}).</p>\n{grid}")


def _section(name: str, title: str, content: str) -> str:
    return (
        f'<section id="{name}" aria-labelledby="{name}-title">'
        f'<h2 id="{name}-title">{title}</h2>\n{content}</section>\n'
    )


def _table(caption: str, heads: tuple[str, ...], rows: list[str]) -> str:
    """A table that a phone shows as one card per row, each cell under its column's name."""
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    cells = "".join(_labelled(row, heads) for row in rows)
    return (
        f'<div class="table-wrap"><table class="stack"><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table></div>\n"
    )


# A row's cells as the rows above open them; manifest text is escaped, so holds no "<".
_CELL = re.compile(r'<(td|th scope="row")>')


def _labelled(row: str, heads: tuple[str, ...]) -> str:
    """The row with each cell's column name in `data-label`, for the phone's cards."""
    names = iter(heads)
    return _CELL.sub(lambda cell: f'<{cell.group(1)} data-label="{next(names)}">', row)


def _day(board: Board, day: object) -> str:
    import datetime as dt

    if not isinstance(day, dt.date):
        return '<span class="muted">no date</span>'
    return (
        f'<time datetime="{day.isoformat()}">{text(with_year(day))}</time>'
        f'<span class="when">{text(board.days.phrase(day))}</span>'
    )


def _summary(board: Board, launch: Launch) -> str:
    manifest = launch.manifest
    ready = board.ready(launch)
    status = (
        '<span class="status ready">✓ Ready</span>'
        if ready
        else '<span class="status not-ready">✗ Not ready</span>'
    )
    owners = ", ".join(
        f"{text(role)}: {text(who or 'nobody')}" for role, who in sorted(manifest.owners.items())
    )
    release = manifest.release
    version = f" ({text(release.version)})" if release and release.version else ""
    rows = [
        ("Status", status),
        ("Launch id", f"<code>{text(manifest.id)}</code>"),
        ("Manifest", f"<code>{text(launch.file)}</code>"),
        ("Tier", text(launch.checklist_name or manifest.checklist or "no checklist")),
        ("Release", _day(board, release.date if release else None) + version),
        ("Announcement", _day(board, manifest.announce.date if manifest.announce else None)),
        ("Owners", owners or '<span class="muted">none</span>'),
    ]
    cells = "".join(f'<tr><th scope="row">{name}</th><td>{value}</td></tr>' for name, value in rows)
    return (
        '<section id="launch-summary" aria-label="Summary"><div class="table-wrap">'
        f"<table><caption>The launch at a glance</caption><tbody>{cells}</tbody></table></div>"
        '<p><a href="../index.html">Back to all launches</a></p></section>\n'
    )


def _progress(board: Board, launch: Launch) -> str:
    """What the checklist asks for, each with a tick or a cross."""
    manifest = launch.manifest
    checklist = launch.checklist
    items = []
    collateral = manifest.collateral
    finished = sum(1 for c in collateral if c.finished)
    if collateral:
        items.append(
            (finished == len(collateral), f"{finished} of {len(collateral)} collateral finished")
        )
    if checklist is not None:
        have = {c.type for c in collateral}
        for wanted in checklist.collateral:
            items.append((wanted.type in have, f"collateral: a {wanted.type}"))
        places = {(c.channel, c.locale or launch.primary_locale) for c in manifest.copy_items}
        for channel in checklist.copy_rules.channels:
            for locale in launch.locales_for(channel):
                items.append(((channel, locale) in places, f"copy: {channel} in {locale}"))
        if checklist.metrics.north_star == "required":
            has = bool(manifest.metrics and manifest.metrics.north_star)
            items.append((has, "a north-star metric"))
    blocking = len(board.blockers(launch))
    items.append((blocking == 0, f"{blocking} finding{'s' if blocking != 1 else ''} blocking"))
    done = sum(1 for ok, _ in items if ok)
    listed = "".join(
        f'<li class="{"fine" if ok else "missing"}">{"✓" if ok else "✗"} {text(what)}</li>'
        for ok, what in items
    )
    return _section(
        "progress",
        "Checklist progress",
        f'<p><progress max="{len(items)}" value="{done}" aria-label="checklist progress">'
        f"</progress> {done} of {len(items)} done</p>\n"
        f'<ul class="plain">{listed}</ul>\n',
    )


def _findings(board: Board, launch: Launch) -> str:
    # Worst first among what counts; the waived after it, as the check's reports put them.
    found = sorted(
        board.findings(launch),
        key=lambda f: (f.waiver is not None, -f.severity, f.line, f.column, f.rule),
    )
    if not found:
        return _section("findings", "Findings", "<p>The check found nothing.</p>\n")
    rows = [_finding(board, finding) for finding in found]
    return _section(
        "findings",
        "Findings",
        _table(
            "What the check found, worst first, the waived last",
            ("Severity", "What", "Where", "Rule"),
            rows,
        ),
    )


def _finding(board: Board, finding: Finding) -> str:
    label = finding.severity.label
    severity = f'<span class="sev-{label}">{_SEVERITY_ICONS[label]} {label}</span>'
    if finding.waiver is not None:
        waived = finding.waiver
        severity += (
            f'<span class="when">waived until {text(waived.expires)} by '
            f"{text(waived.approved_by)}: {text(waived.reason)}</span>"
        )
    elif board.report.blocks(finding):
        severity += '<span class="when">blocks the launch</span>'
    where = f"{text(finding.file)}:{finding.line}"
    if board.links is not None:
        where = f'<a href="{text(board.links.url(finding.file, finding.line))}">{where}</a>'
    return (
        f"<tr><td>{severity}</td><td>{text(finding.message)}</td><td>{where}</td>"
        f"<td><code>{text(finding.rule)}</code></td></tr>"
    )


def _signoffs(board: Board, launch: Launch) -> str:
    states = role_states(board, launch)
    if not states:
        return _section("signoffs", "Sign-offs", "<p>No role must sign this launch off.</p>\n")
    items = "".join(f'<li class="{s.css}">{s.icon} {text(s.line)}</li>' for s in states)
    return _section("signoffs", "Sign-offs", f'<ul class="plain">{items}</ul>\n')


def _collateral(board: Board, launch: Launch) -> str:
    rows = []
    for item in sorted(launch.manifest.collateral, key=lambda c: (c.due is None, c.due, c.id)):
        late = item.due is not None and item.due < board.today and not item.finished
        status = text(item.status) + (' <span class="overdue">⚠ overdue</span>' if late else "")
        name = (
            f'{text(item.name)}<span class="launch-id">{text(item.id)}</span>'
            if item.name
            else text(item.id)
        )
        rows.append(
            f'<tr><th scope="row">{name}</th><td>{text(item.type)}</td>'
            f"<td>{text(item.owner or 'nobody')}</td><td>{_day(board, item.due)}</td>"
            f"<td>{status}</td></tr>"
        )
    if not rows:
        return _section("collateral", "Collateral", "<p>No collateral.</p>\n")
    heads = ("Item", "Type", "Owner", "Due", "Status")
    return _section("collateral", "Collateral", _table("Collateral by due date", heads, rows))


def _features(launch: Launch) -> str:
    rows = [
        f'<tr><th scope="row">{text(f.name or f.id)}</th><td><code>{text(f.id)}</code></td>'
        f"<td>{f'<code>{text(f.flag)}</code>' if f.flag else 'no flag'}</td></tr>"
        for f in launch.manifest.features
    ]
    if not rows:
        return _section("features", "Features", "<p>No features listed.</p>\n")
    return _section(
        "features", "Features", _table("Features and their flags", ("Feature", "Id", "Flag"), rows)
    )


def _metrics(board: Board, launch: Launch) -> str:
    metrics = launch.manifest.metrics
    glossary = board.glossary_metrics
    if metrics is None or not (metrics.north_star or metrics.targets):
        return _section("metrics", "Metrics", "<p>No metrics.</p>\n")
    rows = []
    if metrics.north_star:
        rows.append(_metric(metrics.north_star, "north star", None, glossary))
    for target in metrics.targets:
        rows.append(_metric(target.metric, target.target or "", target.owner, glossary))
    heads = ("Metric", "Definition", "Target", "Owner")
    return _section("metrics", "Metrics", _table("Metrics, defined by the glossary", heads, rows))


def _metric(name: str, target: str, owner: str | None, glossary: dict[str, str]) -> str:
    meaning = glossary.get(name)
    defined = text(meaning) if meaning else '<span class="muted">not in the glossary</span>'
    return (
        f'<tr><th scope="row"><code>{text(name)}</code></th><td>{defined}</td>'
        f"<td>{text(target)}</td><td>{text(owner or '')}</td></tr>"
    )


def _applies_to(rule: str, where: dict[str, list[str]]) -> str:
    """What a waiver's `where` narrows it to, as `launchgate waivers` says it."""
    if not where:
        return f"every {rule} finding"
    return "; ".join(f"{key}: {', '.join(values)}" for key, values in where.items())


def _waivers(board: Board, launch: Launch) -> str:
    listed = board.waivers_of(launch)
    if not listed:
        return _section("waivers", "Waivers", "<p>No waivers.</p>\n")
    rows = [
        f"<tr><td><code>{text(w.rule)}</code></td><td>{text(_applies_to(w.rule, w.where))}</td>"
        f"<td>{text(w.reason)}</td>"
        f"<td>{text(w.approved_by)}</td><td>{_day(board, w.expires)}</td>"
        f"<td>{text(w.state)}{': ' + text(w.why) if w.why else ''}</td>"
        f"<td>{w.covers}</td></tr>"
        for w in listed
    ]
    heads = ("Rule", "Applies to", "Why", "Approved by", "Last day", "State", "Findings covered")
    return _section("waivers", "Waivers", _table("Accepted exceptions", heads, rows))
