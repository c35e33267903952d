"""index.html, all launches: one row each by date, what blocks it, who owns it, filters."""

from __future__ import annotations

import datetime as dt

from launchgate.board.html import page, text
from launchgate.board.signoff_view import RoleView, role_states
from launchgate.board.site import Board
from launchgate.days import with_year, without_year
from launchgate.findings import Finding
from launchgate.launch import Launch

BLOCKERS_SHOWN = 3  # "in a few words": the rest is on the launch's page
SHORT = 90  # characters of a finding's message in the table


def _summary(board: Board, not_ready: int) -> str:
    """How many launches are not ready, as a sentence for any count (none, one, all)."""
    count = len(board.launches)
    if count == 0:  # a page of nothing must not read as "nothing is wrong"
        if board.skipped:
            return "No launch could be read."
        return f"No launches found: no manifest matches {', '.join(board.config.manifests)}."
    if not_ready == 0:
        said = "The launch is ready" if count == 1 else f"All {count} launches are ready"
    else:
        said = f"{not_ready} of {count} launch{'' if count == 1 else 'es'} not ready"
    return f"{said}, as of {with_year(board.today)}."


def render(board: Board) -> str:
    launches = board.ordered
    owners = sorted({o for launch in launches for o in _owners(launch)}, key=str.casefold)
    tiers = sorted({_tier(launch) for launch in launches})
    owner_ids = {owner: index for index, owner in enumerate(owners)}
    tier_ids = {tier: index for index, tier in enumerate(tiers)}
    not_ready = sum(1 for launch in launches if not board.ready(launch))
    rows = "".join(_row(board, launch, owner_ids, tier_ids) for launch in launches)
    body = (
        f'<p id="summary">{text(_summary(board, not_ready))}</p>\n'
        '<p class="downloads"><a href="calendar.ics">Subscribe to the calendar (ICS)</a> · '
        '<a href="report.json">The check as JSON</a></p>\n'
        f"{_filters(owners, tiers)}"
        '<p id="filter-count" role="status" hidden></p>\n'
        '<div class="table-wrap">'
        f'<table id="launch-table" class="stack" data-this-month="{board.today:%Y-%m}">\n'
        "<caption>Every launch, by date</caption>\n<thead><tr>"
        '<th scope="col">Launch</th><th scope="col">Tier</th><th scope="col">Release</th>'
        '<th scope="col">Announcement</th><th scope="col">Status</th>'
        '<th scope="col">What blocks it</th><th scope="col">Owners</th>'
        '<th scope="col">Sign-offs</th></tr></thead>\n'
        f"<tbody>\n{rows}</tbody></table></div>\n{_signoff_note(board)}{_unreadable(board)}"
    )
    return page("All launches", "index.html", body)


def _filters(owners: list[str], tiers: list[str]) -> str:
    """Shown only when the script runs (it unhides them): without it every row shows."""
    owner_options = "".join(
        f'<option value="{index}">{text(owner)}</option>' for index, owner in enumerate(owners)
    )
    tier_options = "".join(
        f'<option value="{index}">{text(tier)}</option>' for index, tier in enumerate(tiers)
    )
    return (
        '<form id="filters" class="filters" role="search" aria-label="Filter launches" hidden>\n'
        '<label>Search <input id="filter-search" name="search" type="search" '
        'autocomplete="off"></label>\n'
        '<label class="check"><input id="filter-not-ready" name="not-ready" type="checkbox"> '
        "Not ready only</label>\n"
        '<label class="check"><input id="filter-this-month" name="this-month" type="checkbox"> '
        "This month</label>\n"
        '<label>Owner <select id="filter-owner" name="owner"><option value="">Anyone</option>'
        f"{owner_options}</select></label>\n"
        '<label>Tier <select id="filter-tier" name="tier"><option value="">Any tier</option>'
        f"{tier_options}</select></label>\n</form>\n"
    )


def _row(board: Board, launch: Launch, owner_ids: dict[str, int], tier_ids: dict[str, int]) -> str:
    manifest = launch.manifest
    release = manifest.release.date if manifest.release else None
    announce = manifest.announce.date if manifest.announce else None
    months = " ".join(sorted({f"{day:%Y-%m}" for day in (release, announce) if day}))
    owners = " ".join(str(owner_ids[o]) for o in _owners(launch))
    ready = board.ready(launch)
    status = (
        '<span class="status ready">✓ Ready</span>'
        if ready
        else '<span class="status not-ready">✗ Not ready</span>'
    )
    tier = _tier(launch)
    return (
        f'<tr class="launch-row" data-ready="{"yes" if ready else "no"}" data-months="{months}" '
        f'data-owners="{owners}" data-tier="{tier_ids[tier]}">'
        f'<th scope="row"><a href="{board.page_of(launch)}">{text(manifest.title)}</a>'
        f'<span class="launch-id">{text(manifest.id)}</span></th>'
        f'<td data-label="Tier">{text(tier)}</td>'
        f'<td data-label="Release">{_when(board, release)}</td>'
        f'<td data-label="Announcement">{_when(board, announce)}</td>'
        f'<td data-label="Status">{status}</td>'
        f'<td data-label="What blocks it">{_blockers(board, launch)}</td>'
        f'<td data-label="Owners">{_owner_list(launch)}</td>'
        f'<td data-label="Sign-offs">{_signoffs(board, launch)}</td></tr>\n'
    )


def _when(board: Board, day: dt.date | None) -> str:
    if day is None:
        return '<span class="muted">no date</span>'
    return (
        f'<time datetime="{day.isoformat()}">{text(without_year(day))} {day.year}</time>'
        f'<span class="when">{text(board.days.phrase(day))}</span>'
    )


def _blockers(board: Board, launch: Launch) -> str:
    found = board.blockers(launch)
    if not found:
        return '<span class="muted">nothing</span>'
    items = "".join(f"<li>{_short(finding)}</li>" for finding in found[:BLOCKERS_SHOWN])
    more = len(found) - BLOCKERS_SHOWN
    if more > 0:
        items += f'<li><a href="{board.page_of(launch)}#findings">and {more} more</a></li>'
    return f'<ul class="plain blockers">{items}</ul>'


def _short(finding: Finding) -> str:
    message = finding.message.split("\n", 1)[0]
    if len(message) > SHORT:
        message = message[: SHORT - 1].rstrip() + "…"
    return f'<span class="sev-{finding.severity.label}">{text(message)}</span>'


def _owners(launch: Launch) -> list[str]:
    return sorted({owner for owner in launch.manifest.owners.values() if owner})


def _owner_list(launch: Launch) -> str:
    owned = sorted(launch.manifest.owners.items())
    if not owned:
        return '<span class="muted">none</span>'
    items = "".join(f"<li>{text(role)}: {text(owner or 'nobody')}</li>" for role, owner in owned)
    return f'<ul class="plain">{items}</ul>'


def _tier(launch: Launch) -> str:
    return launch.checklist_name or launch.manifest.checklist or "no checklist"


def _signoffs(board: Board, launch: Launch) -> str:
    states = role_states(board, launch)
    if not states:
        return '<span class="muted">none required</span>'
    items = "".join(
        f'<li class="{state.css}"{_title(state)}>{state.icon} {text(state.short)}</li>'
        for state in states
    )
    return f'<ul class="plain">{items}</ul>'


def _title(state: RoleView) -> str:
    return "" if state.short == state.line else f' title="{text(state.line)}"'


def _signoff_note(board: Board) -> str:
    """Said once under the table, rather than "(not verified)" in every row."""
    if board.signoffs is not None:
        return ""
    return (
        '<p id="signoff-note" class="muted">Sign-offs: built offline, so the board lists the '
        "roles that must approve each launch, not verified; built on GitHub, it shows who "
        "signed.</p>\n"
    )


def _unreadable(board: Board) -> str:
    """Files the check could not read: their findings, so nothing drops off the board."""
    found = board.report.unattached_findings()
    if not found:
        return ""
    rows = "".join(
        f"<tr><td>{text(f.file)}:{f.line}</td><td>{text(f.severity.label)}</td>"
        f"<td>{text(f.message)}</td></tr>"
        for f in found
    )
    return (
        '<section id="unreadable" aria-labelledby="unreadable-title">'
        '<h2 id="unreadable-title">Files the check could not read</h2>'
        '<div class="table-wrap"><table><caption>Not on the board until fixed</caption>'
        '<thead><tr><th scope="col">Where</th><th scope="col">Severity</th>'
        f'<th scope="col">What is wrong</th></tr></thead><tbody>{rows}</tbody></table></div>'
        "</section>\n"
    )
