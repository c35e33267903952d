"""people.html: what each owner has overdue and due soon (the digest, as a page)."""

from __future__ import annotations

from launchgate.board.html import page, text
from launchgate.board.site import Board
from launchgate.days import with_year
from launchgate.due_work import Digest, Item, build, owner_key


def render(board: Board) -> str:
    digest = build(
        board.launches, board.today, board.config.digest.days, board.skipped, board.config
    )
    pages = {launch.manifest.id: board.page_of(launch) for launch in board.ordered}
    sections = "".join(
        _owner(digest, work.owner, work.overdue, work.due, pages) for work in digest.owners
    )
    index = "".join(
        f'<li><a href="#{_anchor(work.owner)}">{text(work.owner or "No owner")}</a>: '
        f"{len(work.overdue)} overdue, {len(work.due)} due soon</li>"
        for work in digest.owners
    )
    body = (
        f'<p id="people-summary">{digest.overdue} overdue and {digest.due} due by '
        f"{text(with_year(digest.until))}, as of {text(with_year(digest.today))}.</p>\n"
        + (
            f'<ul id="people-index">{index}</ul>\n{sections}'
            if digest.owners
            else "<p>Nothing is due.</p>\n"
        )
    )
    return page("People", "people.html", body)


def _anchor(owner: str | None) -> str:
    """A fragment id from a handle: only letters, digits and dashes, so any handle is safe."""
    key = owner_key(owner)
    return "owner-" + ("".join(c if c.isalnum() and c.isascii() else "-" for c in key) or "none")


def _owner(
    digest: Digest,
    owner: str | None,
    overdue: tuple[Item, ...],
    due: tuple[Item, ...],
    pages: dict[str, str],
) -> str:
    anchor = _anchor(owner)
    parts = [
        f'<section id="{anchor}" class="owner" aria-labelledby="{anchor}-title">'
        f'<h2 id="{anchor}-title">{text(owner or "No owner")}</h2>\n'
    ]
    for label, css, items in (("Overdue", "overdue", overdue), ("Due soon", "due-soon", due)):
        if not items:
            continue
        rows = "".join(_item(digest, item, pages) for item in items)
        parts.append(
            f'<div class="table-wrap"><table class="{css}-work stack"><caption>{label}</caption>'
            '<thead><tr><th scope="col">Due</th><th scope="col">What</th>'
            f'<th scope="col">Launch</th></tr></thead><tbody>{rows}</tbody></table></div>\n'
        )
    parts.append("</section>\n")
    return "".join(parts)


def _item(digest: Digest, item: Item, pages: dict[str, str]) -> str:
    days = item.days_from(digest.today)
    unit = "day" if abs(days) == 1 else "days"
    if days < 0:
        when = f'<span class="overdue">⚠ {-days} {unit} overdue</span>'
    else:
        when = "today" if days == 0 else f"in {days} {unit}"
    link = pages.get(item.launch)
    name = text(item.launch_name)
    launch = f'<a href="{link}">{name}</a>' if link else name
    return (
        f'<tr><td data-label="Due"><time datetime="{item.due.isoformat()}">'
        f'{text(with_year(item.due))}</time><span class="when">{when}</span></td>'
        f'<td data-label="What">{_what(item)}</td><td data-label="Launch">{launch}</td></tr>'
    )


def _what(item: Item) -> str:
    if item.kind == "collateral":
        return f"<code>{text(item.id)}</code>{_kind(item)} ({text(item.status)})"
    if item.kind == "release":
        version = f" {text(item.version)}" if item.version else ""
        return f"release{version} ({text(', '.join(item.roles))})"
    if item.kind == "announce":
        return f"announcement ({text(', '.join(item.roles))})"
    rule = item.waiver.rule if item.waiver else ""
    return f"waiver of <code>{text(rule)}</code> ends (approved by {text(', '.join(item.roles))})"


def _kind(item: Item) -> str:
    """The deliverable's type in words, only when its id does not say it already."""
    kind = (item.type or "collateral").replace("_", " ")
    if kind.replace(" ", "-") in (item.id or ""):  # release-notes, a release_notes: said once
        return ""
    return f' <span class="people-type">{text(kind)}</span>'
