"""`path#key`: how a manifest or the config points into one of the product's data files.

`source:` on a copy item and the config's `release.features` both name a JSON
or YAML file and a dotted key in it, and both follow the key the same way:
step by step, the longest key that exists winning at each step, so
`onboarding.title` finds `{"onboarding.title": …}` (a string table's flat key)
as well as `{"onboarding": {"title": …}}`.
"""

from __future__ import annotations

from typing import Any

Steps = tuple[str, ...]


def split_ref(ref: str) -> tuple[str, str]:
    """`path#key` -> (path, key); either is empty when the reference leaves it out."""
    file, _, key = ref.partition("#")
    return file, key


def follow(data: Any, key: str) -> tuple[Steps, Any] | None:
    """The value `key` names in `data` and the literal keys taken to reach it, or None.

    An empty key names the whole data. A value that is not a mapping ends the
    way: a key that goes on past it names nothing.
    """
    if not key:
        return (), data
    parts = key.split(".")
    node = data
    steps: list[str] = []
    index = 0
    while index < len(parts):
        if not isinstance(node, dict):
            return None
        for end in range(len(parts), index, -1):  # the longest key that exists wins
            candidate = ".".join(parts[index:end])
            if candidate in node:
                node = node[candidate]
                steps.append(candidate)
                index = end
                break
        else:
            return None
    return tuple(steps), node
