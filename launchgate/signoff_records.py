"""Sign-offs recorded in a manifest (`signoff_records:`): how one reads, and which are new.

Some approvers (legal, say) sign off by e-mail or in a ticket and never use
GitHub. The config lets another role record their sign-off (`roles.legal.
recorded_by: [legal-ops]`); a manifest records it with who, when and the
evidence. `launchgate check` lists such records; `launchgate ci` counts one
only when a member of a recording role approves the pull request that adds it
(github/approvals.py). Plain data, shared by the rules, the GitHub run and the
comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from launchgate.days import with_year
from launchgate.models import SignoffRecord


@dataclass(frozen=True)
class Recorded:
    """One record of a launch: where it is in `signoff_records`, and whether the pull
    request adds or changes it (False: the base branch holds it as it is)."""

    record: SignoffRecord
    index: int
    new: bool = True


@dataclass(frozen=True)
class RecordNote:
    """What a role's recorded sign-off came to on a pull request: counted, and whose
    approval recorded it; or, in a few words for the comment's cell, why not."""

    record: SignoffRecord
    recorder: str = ""  # the login whose approval recorded it, when it counts
    why_not: str = ""  # empty when it counts


def marked(head: Sequence[SignoffRecord], base: Sequence[SignoffRecord]) -> list[Recorded]:
    """The head manifest's records, each marked new unless the base holds it unchanged.

    Compared as values, so requoting a record or moving it in the list adds nothing.
    """
    return [Recorded(record, index, record not in base) for index, record in enumerate(head)]


def records_in(data: Any) -> list[SignoffRecord]:
    """The valid records of a manifest read as data (a base branch's: it need not validate)."""
    listed = data.get("signoff_records") if isinstance(data, dict) else None
    found = []
    for item in listed if isinstance(listed, list) else []:
        try:
            found.append(SignoffRecord.model_validate(item))
        except ValueError:  # pydantic's ValidationError: an invalid record is no record
            continue
    return found


def evidence_url(evidence: str) -> str | None:
    """The evidence as a web address, when it is one (http or https, with a host)."""
    text = evidence.strip()
    if not text or any(char.isspace() for char in text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # a malformed address (an unclosed IPv6 bracket, a bad port)
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return text


def evidence_label(evidence: str) -> str:
    """A short name for the evidence: a ticket address's last part (`LEGAL-123`), else
    the words themselves."""
    url = evidence_url(evidence)
    if url is None:
        return " ".join(evidence.split())
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    return unquote(segments[-1]) if segments else parts.netloc


def describe(record: SignoffRecord) -> str:
    """`Lena Weber on Fri 20 Nov 2026 (LEGAL-123)`."""
    return f"{record.by} on {with_year(record.on)} ({evidence_label(record.evidence)})"
