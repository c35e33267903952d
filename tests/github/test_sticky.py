"""The one comment or issue launchgate keeps: found by marker and author, or refused."""

from __future__ import annotations

import pytest

from launchgate.errors import LaunchgateError
from launchgate.github.client import Comment, Issue
from launchgate.github.sticky import CommentAuthorMismatch, Sticky

MARKER = "<!-- launchgate:test -->"
COMMENTS = Sticky[Comment](MARKER, lambda c: c.id, "comments", "adds a comment")
ISSUES = Sticky[Issue](MARKER, lambda i: i.number, "opens issues", "opens another issue")


def test_ours_is_the_authors_with_the_marker_the_oldest_kept() -> None:
    found = [
        Comment(9, "Launch-Bot", f"newer\n{MARKER}"),
        Comment(3, "someone", f"copied the marker\n{MARKER}"),
        Comment(5, "launch-bot", "no marker"),
        Comment(4, "launch-bot", f"oldest\n{MARKER}"),
    ]
    keep, extra = COMMENTS.find(found, "launch-bot")
    assert keep == found[3]
    assert extra == [found[0]]


def test_none_is_ours_when_nothing_carries_the_marker_by_the_author() -> None:
    assert COMMENTS.find([Comment(1, "someone", MARKER)], "launch-bot") == (None, [])
    assert ISSUES.find([], "launch-bot") == (None, [])


def test_issues_are_aged_by_number() -> None:
    issues = [Issue(12, "bot", "open", MARKER), Issue(7, "bot", "closed", MARKER)]
    assert ISSUES.find(issues, "BOT") == (issues[1], [issues[0]])


def test_what_the_author_made_is_kept_and_a_login_github_does_not_give_is_trusted() -> None:
    made = Issue(1, "Bot", "open", MARKER)
    assert ISSUES.made(made, "bot") is made
    unknown = Comment(2, "", MARKER)
    assert COMMENTS.made(unknown, "bot") is unknown


@pytest.mark.parametrize(
    ("sticky", "made", "message"),
    [
        (
            COMMENTS,
            Comment(1, "github-actions[bot]", MARKER),
            "the token comments as github-actions[bot], not launch-bot: set the action's "
            "comment-author to github-actions[bot] (LAUNCHGATE_COMMENT_AUTHOR), or each run "
            "adds a comment",
        ),
        (
            ISSUES,
            Issue(1, "github-actions[bot]", "open", MARKER),
            "the token opens issues as github-actions[bot], not launch-bot: set the action's "
            "comment-author to github-actions[bot] (LAUNCHGATE_COMMENT_AUTHOR), or each run "
            "opens another issue",
        ),
    ],
)
def test_made_as_someone_else_is_refused_with_the_fix(
    sticky: Sticky[Comment] | Sticky[Issue], made: Comment | Issue, message: str
) -> None:
    with pytest.raises(CommentAuthorMismatch) as raised:
        sticky.made(made, "launch-bot")  # type: ignore[arg-type]  # each case pairs its own kind
    assert str(raised.value) == message
    assert isinstance(raised.value, LaunchgateError)  # one error root: never a traceback
