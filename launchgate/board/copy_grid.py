"""Each launch's copy as a channel x locale grid, each cell with how full it is; copy.html.

A cell shows the text, a bar of used/limit in the channel's unit, and a word
and an icon (never colour alone): over the limit, near it (90 % or more), or
fine. Over means what the check says: a `copy-length` finding about that
channel and locale. A locale the channel must have copy in, with none, is
marked missing.

A launch's grid is on its own page (launches/<id>.html#copy); copy.html lists
the launches with how many items are over, near the limit and missing, and
links to each grid. One page with every grid was 18 MB at 2,000 launches: too
heavy to open on a phone, and the one file the build had to finish alone.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from launchgate.board.html import page, text
from launchgate.board.site import Board
from launchgate.channels import UNIT_LABELS, Channel, count
from launchgate.launch import Launch
from launchgate.models import CopyItem
from launchgate.rules.copy import item_limit

NEAR = 0.9  # of the limit: "near" from here on


class Cell(NamedTuple):
    """One copy item as the grid shows it."""

    item: CopyItem
    used: int | None  # None: an unknown channel, nothing to count against
    limit: int | None
    unit: str
    state: str  # "over", "near", "fine" or "unknown"


class Tally(NamedTuple):
    """A launch's copy in numbers, for the copy page's list: its grid has no rows when
    `channels` is 0."""

    channels: int
    items: int
    over: int
    near: int
    missing: int


def render(board: Board, tallies: list[Tally]) -> str:
    """The copy page: each launch in the board's order with its `Tally`, linked to its grid."""
    rows = "".join(
        _index_row(board, launch, tally)
        for launch, tally in zip(board.ordered, tallies, strict=True)
        if tally.channels
    )
    table = (
        '<div class="table-wrap"><table id="copy-index">'
        "<caption>Copy by launch: items over the limit, near it and missing</caption>\n"
        '<thead><tr><th scope="col">Launch</th><th scope="col">Copy items</th>'
        '<th scope="col">Over the limit</th><th scope="col">Near the limit</th>'
        '<th scope="col">Missing</th></tr></thead>\n'
        f"<tbody>\n{rows}</tbody></table></div>\n"
        if rows
        else "<p>No launch has copy yet.</p>\n"
    )
    body = (
        "<p>Each launch's copy is on its page as a grid by channel (rows) and locale "
        "(columns): the text, how much of the channel's limit it uses, and whether it is "
        "over, near (90 % or more) or fine. Here, how many of each.</p>\n" + table
    )
    return page("Copy grid", "copy.html", body)


def _index_row(board: Board, launch: Launch, tally: Tally) -> str:
    link = f'<a href="{board.page_of(launch)}#copy">{text(launch.manifest.title)}</a>'
    return (
        f'<tr><th scope="row">{link}</th><td>{tally.items}</td>'
        f"{_flagged(tally.over, 'over', '✗')}{_flagged(tally.near, 'near', '⚠')}"
        f"{_flagged(tally.missing, 'missing', '✗')}</tr>\n"
    )


def _flagged(number: int, state: str, icon: str) -> str:
    """A count, with the state's class and icon when it is not 0 (never colour alone)."""
    return f'<td class="{state}">{icon} {number}</td>' if number else "<td>0</td>"


def grid(board: Board, launch: Launch) -> tuple[str, Tally]:
    """The launch's grid, for its page, and its numbers, for the copy page."""
    manifest = launch.manifest
    primary = launch.primary_locale
    by_place: dict[tuple[str, str], list[CopyItem]] = {}
    for item in manifest.copy_items:
        by_place.setdefault((item.channel, item.locale or primary), []).append(item)
    required = list(launch.checklist.copy_rules.channels) if launch.checklist else []
    channels = required + sorted({c for c, _ in by_place if c not in required})
    if not channels:
        return '<p class="muted">No copy yet.</p>\n', Tally(0, 0, 0, 0, 0)
    locales = list(launch.locales)
    locales += sorted({locale for _, locale in by_place if locale not in locales})
    over = {
        (f.subject.channel, f.subject.locale)
        for f in board.findings(launch)
        if f.rule == "copy-length" and f.waiver is None
    }
    head = "".join(f'<th scope="col">{_escaped(locale)}</th>' for locale in locales)
    rows = []
    measured: list[Cell] = []
    missing = 0
    for channel in channels:
        needed = (
            launch.locales_for(channel)
            if channel in required or any((channel, locale) in by_place for locale in locales)
            else []
        )
        found = board.channels(channel)
        cells = []
        for locale in locales:
            items = by_place.get((channel, locale))
            label = f'data-label="{_escaped(locale)}"'  # the column's name, for a phone's cards
            if items:
                row = [_measure(found, item, (channel, locale) in over) for item in items]
                measured += row
                cells.append(_cell(row, label))
            else:
                missing += locale in needed
                cells.append(_EMPTY[locale in needed].replace("<td ", f"<td {label} ", 1))
        rows.append(f'<tr><th scope="row">{_escaped(channel)}</th>{"".join(cells)}</tr>\n')
    html = (
        f'<div class="table-wrap"><table class="copy-grid stack">'
        f"<caption>Copy of {text(manifest.title)}, channel by locale</caption>\n"
        f'<thead><tr><th scope="col">Channel</th>{head}</tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody></table></div>\n"
    )
    states = [cell.state for cell in measured]
    tally = Tally(len(channels), len(states), states.count("over"), states.count("near"), missing)
    return html, tally


@functools.lru_cache(maxsize=4096)
def _escaped(name: str) -> str:
    """Channel ids and locales repeat on every launch's grid: escaped once each."""
    return text(name)


def _measure(channel: Channel | None, item: CopyItem, over: bool) -> Cell:
    """How full the item is; `over`: the check found it over the limit (not waived)."""
    if channel is None:
        return Cell(item, None, None, "", "unknown")
    limit = item_limit(item, channel)
    used = count(item.text, channel.unit)
    if over or (limit and used > limit):
        state = "over"
    elif limit and used >= NEAR * limit:
        state = "near"
    else:
        state = "fine"
    return Cell(item, used, limit or None, channel.unit, state)


_WORDS = {
    "over": ("✗", "over"),
    "near": ("⚠", "near the limit"),
    "fine": ("✓", "fits"),
    "unknown": ("?", "unknown channel"),
}
# The cell takes the class of its worst item: over, then near, then unknown, then fine.
_RANK = {"over": 0, "near": 1, "unknown": 2, "fine": 3}
# An empty cell, by whether the channel needs copy in that locale.
_EMPTY = {
    True: '<td class="cell missing"><p class="fit">✗ missing</p></td>',
    False: '<td class="cell not-needed"><span class="muted">not needed</span></td>',
}


def _cell(cells: list[Cell], label: str) -> str:
    worst = (
        cells[0].state if len(cells) == 1 else min((c.state for c in cells), key=_RANK.__getitem__)
    )
    return f'<td class="cell {worst}" {label}>{"".join(_one(cell) for cell in cells)}</td>'


def _one(cell: Cell) -> str:
    icon, word = _WORDS[cell.state]
    named = f'<span class="muted">{text(cell.item.id)}</span> ' if cell.item.id else ""
    shown = f'<p class="copy-text">{named}{text(cell.item.text)}</p>'
    if cell.used is None or cell.limit is None:
        return f'{shown}<p class="fit {cell.state}">{icon} {word}</p>'
    unit = UNIT_LABELS.get(cell.unit, cell.unit)
    amount = f"{cell.used} of {cell.limit} {unit}"
    # The browser colours the bar by region (optimum 0 below `low`): green below `low`, amber
    # from `low` to `high`, red above `high`. The word beside it says the same.
    regions = {"fine": (cell.limit, cell.limit), "near": (0.5, cell.limit)}
    low, high = regions.get(cell.state, (0.25, 0.5))
    bar = (
        f'<meter min="0" max="{cell.limit}" value="{min(cell.used, cell.limit)}" '
        f'low="{low}" high="{high}" optimum="0" '
        'aria-hidden="true"></meter>'  # the words below say the same to everyone
    )
    return f'{shown}{bar}<p class="fit {cell.state}">{icon} {word}: {amount}</p>'
