"""github/provenance.py `release_role_states`: a launch a release ships unchanged keeps
the sign-offs of the pull request that brought it, unless this one holds a role back."""

from __future__ import annotations

from launchgate.config import Config
from launchgate.github.approvals import SignoffCheck
from launchgate.github.caches import ChangesSince
from launchgate.github.client import Review
from launchgate.github.contributors import NOBODY
from launchgate.github.provenance import Origin, Provenance, Shipped, release_role_states

FILE = "launches/smart.yaml"
EARLIER = Provenance("c" * 40, pull=5, author="dana", head_sha="e" * 40, merged_at="2026-11-02")
SHIPPED = Shipped(FILE, ["product", "legal"], {FILE}, "main")
CONFIG = Config.model_validate(
    {"roles": {"product": {"users": ["ann"]}, "legal": {"users": ["lee"]}}}
)


class _NoChanges(ChangesSince):
    """Nothing changed since any reviewed commit; asks GitHub nothing. `heads` are the
    heads it was made for."""

    def __init__(self) -> None:
        self.heads: list[str] = []

    def why_unknown(self, commit: str) -> str | None:
        return None

    def __call__(self, commit: str) -> set[str] | None:
        return set()


def _check(reviews: list[Review], author: str = "rita", head: str = "h" * 40) -> SignoffCheck:
    return SignoffCheck(
        config=CONFIG,
        config_file=".launchgate.yml",
        author=author,
        head_sha=head,
        reviews=reviews,
        membership=lambda login, team: False,
        changes_since=_NoChanges(),
        contributors=lambda: NOBODY,
    )


def _origin(provenance: Provenance, reviews: list[Review], since: _NoChanges) -> Origin:
    def changes_since(head: str) -> ChangesSince:
        since.heads.append(head)
        return since

    return Origin(provenance, reviews, lambda: NOBODY, changes_since)


def _review(login: str, state: str, commit: str) -> Review:
    return Review(login, state, commit, "", "2026-11-01T10:00:00Z")


def test_a_role_signed_in_the_earlier_pull_request_stays_signed() -> None:
    since = _NoChanges()
    earlier = [_review("ann", "APPROVED", "e" * 40)]
    states = release_role_states(SHIPPED, _origin(EARLIER, earlier, since), _check([]))
    product, legal = states
    assert (product.state, product.who, product.pull) == ("signed", ("ann",), 5)
    assert legal.state == "missing"
    assert legal.message.startswith(f"in #5, the last pull request to change {FILE}, ")
    assert legal.message.endswith("; approving this release pull request signs it off too")
    assert since.heads == ["e" * 40]  # changes are looked up against that pull request's head


def test_a_request_for_changes_here_holds_a_role_however_it_was_signed_before() -> None:
    earlier = [_review("ann", "APPROVED", "e" * 40)]
    here = _check([_review("ann", "CHANGES_REQUESTED", "h" * 40)])
    product, _ = release_role_states(SHIPPED, _origin(EARLIER, earlier, _NoChanges()), here)
    assert (product.state, product.pull) == ("rejected", None)


def test_an_approval_here_signs_a_launch_off_that_no_pull_request_brought() -> None:
    nowhere = Provenance("c" * 40)  # pushed to the base without a pull request
    here = _check([_review("lee", "APPROVED", "h" * 40)])
    product, legal = release_role_states(SHIPPED, _origin(nowhere, [], _NoChanges()), here)
    assert (legal.state, legal.pull) == ("signed", None)
    assert product.state == "missing"
    assert product.message == (
        f"product has not signed off: {FILE} was last changed on main by ccccccc, which no "
        "merged pull request brought; approving this release pull request signs it off"
    )


def test_an_altered_merge_keeps_none_of_the_earlier_approvals() -> None:
    altered = Provenance("c" * 40, pull=5, author="dana", head_sha="e" * 40, altered=True)
    since = _NoChanges()
    earlier = [_review("ann", "APPROVED", "e" * 40)]
    product, _ = release_role_states(SHIPPED, _origin(altered, earlier, since), _check([]))
    assert product.state == "missing"
    assert "holds a version of it that #5 never had" in product.message
    assert since.heads == []  # no earlier check was even set up
