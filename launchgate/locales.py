"""Is a locale tag well-formed BCP 47, with a language that exists?

Only the shape (RFC 5646's langtag) and, for two-letter languages, the ISO 639-1
list are checked: that catches `jp-JP`, `en_US-x`, `english`, without shipping
the IANA registry. Three-letter languages (ISO 639-2/3: `fil`, `yue`) pass on
their shape alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_LANGTAG = re.compile(
    r"(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{5,8})"
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?",  # private use
    re.IGNORECASE,
)
_TWO_LETTER = """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu"""
ISO_639_1 = frozenset(_TWO_LETTER.split())


def locale_problem(tag: str) -> str | None:
    """What is wrong with a locale tag, in words, or None when it is a real one."""
    match = _LANGTAG.fullmatch(tag)
    if match is None:
        return "is not a locale tag (BCP 47, like en-US or pt-BR)"
    language = match.group("language").split("-")[0].lower()
    # Five to eight letters is a shape the standard reserves, but no language has one.
    if (len(language) == 2 and language not in ISO_639_1) or len(language) > 3:
        return f"names no language: {language!r} is not an ISO 639 language code"
    return None


# Country codes people write for a language (jp for ja), and UK for the region GB.
_LANGUAGE_FOR = {"jp": "ja", "cn": "zh", "kr": "ko", "dk": "da", "se": "sv", "gr": "el"}
_REGION_FOR = {"UK": "GB"}


def nearest(tag: str, locales: Sequence[str]) -> str:
    """` (did you mean 'ja-JP'?)` for a tag one of `locales` was likely meant as, else ""."""
    from launchgate.wording import did_you_mean, you_mean  # only once a tag is wrong

    others = [locale for locale in locales if locale != tag]
    language, *rest = tag.split("-")
    meant = "-".join(
        [_LANGUAGE_FOR.get(language, language), *(_REGION_FOR.get(p, p) for p in rest)]
    )
    if meant != tag and meant in others:  # en-UK: en-GB, not the closer-spelt en-US
        return f" ({you_mean(meant)})"
    close = did_you_mean(tag, others)
    return f" ({close})" if close else ""
