"""A pydantic error -> what a product or marketing manager reads: what is wrong, what to write.

The people who edit manifests are not developers. No message names a class of
ours or repeats pydantic's wording ("Input should be a valid dictionary or
instance of ChannelSetting"); each says in words what the value is, what is
wrong with it, and how to write it. Items of a list are counted from 1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

DATE_FORM = "dates are written YYYY-MM-DD, e.g. 2026-12-08"
MOMENT_FORM = (
    "a date and time is written YYYY-MM-DDTHH:MM:SS with its offset, e.g. 2026-12-02T09:00:00+01:00"
)
# Double and single curly quotes, low-9 quotes and guillemets: what word processors put
# where a user typed " or '.
CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb"

# Spaces that word processors and chat apps paste, which YAML does not read as spaces.
ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2007": "a figure space",
    "\u200b": "a zero-width space",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space",
}


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate spelt most like `word`, if one is close enough (difflib's ratio)."""
    import difflib  # only once a name turns out unknown

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """`did you mean 'x'?` for an unknown name, or None when no candidate is close."""
    close = closest(word, candidates, cutoff)
    return None if close is None else you_mean(close)


def you_mean(name: str) -> str:
    return f"did you mean {name!r}?"


def odd_space(text: str, subject: str = "it") -> str | None:
    """What to say about a space YAML does not read as one, when `text` holds one."""
    name = next((name for char, name in ODD_SPACES.items() if char in text), None)
    if name is None:
        return None
    return (
        f"{subject} holds {name}, pasted from a document or a chat, which YAML does not read "
        "as a space: delete it and type an ordinary space (or nothing)"
    )


def visible(text: str) -> str:
    """A text with the spaces YAML does not read as spaces taken out, to show it."""
    return "".join(char for char in text if char not in ODD_SPACES)


_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})")
_MONTHS = "January February March April May June July August September October November December"


def item(section: str, index: int) -> str:
    """How every message names the `index`th (0-based) item of a list: counted from 1."""
    return f"{section} item {index + 1}"


def where(loc: Sequence[Any], data: Any) -> str:
    """`collateral item 2 (blog-post), due` for the path ("collateral", 1, "due")."""
    out = ""
    node = data
    for step in loc:
        if isinstance(step, int):
            out += f" item {step + 1}"
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id']})"
            continue
        out += (", " if out.endswith(")") or out[-1:].isdigit() else ".") if out else ""
        out += str(step)
        node = node.get(step) if isinstance(node, dict) else None
    return out


def found(value: Any) -> str:
    """The value a user wrote, named in words."""
    if isinstance(value, dict):
        return "keys and values" if value else "an empty {}"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if value is None:
        return "nothing"
    return repr(str(value))


def explain(kind: str, value: Any, ctx: dict[str, Any], accepted: Sequence[str] = ()) -> str:
    """What is wrong with `value`, given pydantic's error type and context; `accepted` keys.

    Every error type our models can produce has its own wording here (a test
    produces each of them); anything else falls back to a plain sentence.
    """
    if kind.startswith("datetime") or kind == "timezone_aware":
        return _bad_moment(value)
    if kind.startswith("date"):
        return _bad_date(value)
    if kind in ("string_type", "string_sub_type", "string_unicode"):
        return f"expected text, found {found(value)} (put the text in quotes)"
    if kind == "string_too_short":
        return "cannot be empty"
    if kind == "string_pattern_mismatch":
        return f"{found(value)} is not in the expected form ({ctx.get('pattern', '')})"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"expected a list (one '- ' line per item, or [a, b]), found {found(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        keys = f" with {', '.join(accepted)}" if accepted else ""
        example = f", e.g. {{{accepted[0]}: ...}}" if accepted else ""
        return f"expected keys and values{keys}{example}; found {found(value)}"
    if kind.startswith("int_") or kind == "int_type":
        return f"expected a whole number, found {found(value)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _out_of_range(kind, value, ctx)
    if kind.startswith("bool"):
        return f"expected true or false, found {found(value)}"
    if kind == "literal_error":
        choices = _choices(ctx)
        close = did_you_mean(value, choices.split(", ")) if isinstance(value, str) else None
        return f"{found(value)} is not one of the choices: {choices}" + (
            f" ({close})" if close else ""
        )
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "")) or f"{found(value)} is not valid here"
    return f"{found(value)} is not valid here"


def _out_of_range(kind: str, value: Any, ctx: dict[str, Any]) -> str:
    words = {
        "greater_than": ("gt", "more than"),
        "greater_than_equal": ("ge", "at least"),
        "less_than": ("lt", "less than"),
        "less_than_equal": ("le", "at most"),
    }
    key, phrase = words[kind]
    return f"must be {phrase} {ctx.get(key)}, found {found(value)}"


def _choices(ctx: dict[str, Any]) -> str:
    # pydantic gives "'a', 'b' or 'c'"; the values alone read better, one form for all
    return str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")


def _bad_date(value: Any) -> str:
    if not isinstance(value, str):
        return f"expected a date, found {found(value)}; {DATE_FORM}"
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d[T ]\d{1,2}:.*", text) and _what_is_wrong(text[:10]) is None:
        return f"{text!r} has a time: write the day only, {text[:10]}"
    return f"{_what_is_wrong(text) or repr(text) + ' is not a date'}; {DATE_FORM}"


def _bad_moment(value: Any) -> str:
    if not isinstance(value, str):
        return f"expected a date and time, found {found(value)}; {MOMENT_FORM}"
    text = value.strip()
    date_part = re.split(r"[T ]", text, maxsplit=1)[0]
    wrong = _what_is_wrong(date_part)
    zone = re.fullmatch(r".*\d:\d\d(?::\d\d)?\s*([A-Za-z]{2,5})", text)  # 09:00 CET
    if wrong is None and zone and zone.group(1).upper() != "Z":
        wrong = (
            f"{text!r}: {zone.group(1)} is not an offset; write the offset (+01:00), "
            "or none for the launch's time zone"
        )
    elif wrong is None:
        wrong = f"{text!r}: the time after the date is not written HH:MM:SS"
    elif wrong.endswith("is not a date"):
        wrong = f"{text!r} is not a date and time"
    return f"{wrong}; {MOMENT_FORM}"


def _what_is_wrong(text: str) -> str | None:
    """Why a text is not a YYYY-MM-DD date, in words; None when it is one."""
    ymd = _YMD.fullmatch(text)
    if ymd:
        year, month, day = (int(part) for part in ymd.groups())
        if not 1 <= month <= 12:
            return f"{text}: there is no month {month}"
        try:
            dt.date(year, month, day)
        except ValueError:
            return f"{day} {_MONTHS.split()[month - 1]} {year} does not exist"
        if text == f"{year:04}-{month:02}-{day:02}":
            return None
        return f"{text!r} needs two digits for month and day: {year:04}-{month:02}-{day:02}"
    dmy = _DMY.fullmatch(text)
    if dmy:
        first, separator, second, year_text = dmy.groups()
        day_first = f"{year_text}-{int(second):02}-{int(first):02}"
        if separator == "." or int(first) > 12:
            return f"{text!r} is written day first: write {day_first}"
        month_first = f"{year_text}-{int(first):02}-{int(second):02}"
        if int(second) > 12:  # 03/15/2027: only March 15 is a day
            return f"{text!r} is written month first: write {month_first}"
        return f"{text!r} could be {day_first} or {month_first}: write the one you mean"
    return f"{text!r} is not a date"
