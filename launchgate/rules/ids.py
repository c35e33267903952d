"""Rules about identity: launches and the items inside one are told apart by id."""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from launchgate.findings import Severity
from launchgate.launch import Launch
from launchgate.loader import PathKey
from launchgate.rules.base import Context, Rule, Violation
from launchgate.wording import item


def check_items(launch: Launch, ctx: Context) -> Iterator[Violation]:
    """Ids are unique: across launches, and among the items of one launch.

    Two launches with one id, two features or collateral items with one id,
    or two copy items for the same channel, locale and id, make every later
    reference ambiguous (which one was approved?). Within a launch, the second
    occurrence is the finding; across launches, every file with the id is.

    Fails:

        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-25}
          - {id: blog-post, type: blog_post, owner: "@ann", due: 2026-11-26}

    Passes:

        collateral:
          - {id: blog-post, type: blog_post, owner: "@david", due: 2026-11-25}
          - {id: follow-up-post, type: blog_post, owner: "@ann", due: 2026-11-26}
    """
    manifest = launch.manifest
    primary = launch.primary_locale
    sections: list[tuple[str, list[Hashable]]] = [
        ("features", [f.id for f in manifest.features]),
        ("collateral", [c.id for c in manifest.collateral]),
        ("copy", [(c.channel, c.locale or primary, c.id) for c in manifest.copy_items]),
    ]
    for section, keys in sections:
        first: dict[Hashable, int] = {}
        for index, key in enumerate(keys):
            if key in first:
                path: PathKey = (section, index)
                earlier_at: PathKey = (section, first[key])
                if launch.gaps is not None:  # items were left out: count as the file does
                    earlier_at = launch.gaps.original(earlier_at)
                index_in_file = earlier_at[1]
                assert isinstance(index_in_file, int)
                line = launch.document.locate(earlier_at)[0]
                earlier = f"first as {item(section, index_in_file)}, line {line}"
                message = f"{_name(section, key)} appears twice ({earlier})"
                yield Violation(path, message)
            else:
                first[key] = index


def _name(section: str, key: Hashable) -> str:
    if section == "copy":
        assert isinstance(key, tuple)
        channel, _, item_id = key
        return _copy_name(channel, item_id)
    return f"{'feature' if section == 'features' else 'collateral'} {key!r}"


def _copy_name(channel: str, item_id: str | None) -> str:
    return f"copy for {channel}" + (f"#{item_id}" if item_id else "") + " in that locale"


def check_launches(launches: list[Launch], ctx: Context) -> Iterator[tuple[Launch, Violation]]:
    first: dict[str, Launch] = {}
    told: set[str] = set()
    for launch in launches:
        launch_id = launch.manifest.id
        seen = first.setdefault(launch_id, launch)
        if seen is launch:
            continue
        if launch_id not in told:
            # The first file is told too: `launchgate check` on either file alone reports it.
            told.add(launch_id)
            yield seen, Violation(("id",), f"launch id {launch_id!r} is also used by {launch.file}")
        yield launch, Violation(("id",), f"launch id {launch_id!r} is also used by {seen.file}")


DUPLICATE_ID = Rule("duplicate-id", Severity.ERROR, check_items, check_launches, reads=())
