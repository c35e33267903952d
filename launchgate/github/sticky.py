"""The one comment or issue launchgate keeps up to date: found by marker and author, or made.

The pull-request comment and the digest's tracking issue are kept the same
way. Ours is one by `comment-author` (the token's identity, any case) whose
body carries the kind's hidden marker: anyone else's with the marker is never
touched. If racing runs made two, the oldest is kept and the caller removes
the others. One made under another login would never be found again, so every
run would add one: that is refused with the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from launchgate.errors import LaunchgateError


class CommentAuthorMismatch(LaunchgateError):
    """The token writes as someone other than `comment-author`: what it made is not ours."""


class Authored(Protocol):
    @property
    def login(self) -> str: ...

    @property
    def body(self) -> str: ...


T = TypeVar("T", bound=Authored)


@dataclass(frozen=True)
class Sticky(Generic[T]):
    """One kind of thing launchgate keeps one of: its marker, its age and how to name it."""

    marker: str
    age: Callable[[T], int]  # ids and numbers grow: the smallest is the oldest
    writes: str  # the token "comments", "opens issues"
    each_run: str  # what happens if it goes unfound: "adds a comment"

    def find(self, items: Iterable[T], author: str) -> tuple[T | None, list[T]]:
        """Ours, the oldest first, and any others that racing runs made."""
        mine = sorted(
            (i for i in items if i.login.lower() == author.lower() and self.marker in i.body),
            key=self.age,
        )
        return (mine[0], mine[1:]) if mine else (None, [])

    def made(self, created: T, author: str) -> T:
        """What the token just made, once it is sure to be found as ours next time."""
        if created.login and created.login.lower() != author.lower():
            raise CommentAuthorMismatch(
                f"the token {self.writes} as {created.login}, not {author}: set the action's "
                f"comment-author to {created.login} (LAUNCHGATE_COMMENT_AUTHOR), or each run "
                f"{self.each_run}"
            )
        return created
