"""Fuzzing: no input makes `launchgate check` end other than with a report and 0, 1 or 2.

Every input is untrusted (manifests come from pull requests), so three layers
are fed what hypothesis makes up:

- the loader (`read_document` on a file) gets arbitrary bytes, and mutations of
  real manifests;
- the loader and the whole check get arbitrary YAML: YAML-ish token soup, and
  `yaml.safe_dump` of arbitrary nested data, as a manifest, checklist,
  glossary, config or `source:` file;
- the whole check gets structurally valid repositories with arbitrary values:
  text from every Unicode category (RTL, combining marks, emoji, NUL), dates
  from 0001-01-01 to 9999-12-31 as the day to check on and in the files, lists
  thousands of items long (hundreds in the suite's short run).

Sizes stay near what a real file can hold: launchgate refuses a file over
max_file_size (1 MiB) before reading it, so a bigger input only tests that
refusal (one test below does) and spends seconds in `yaml.dump`.

The check runs in this process through `launchgate.cli.main` (main_in_process in
tests/conftest.py), as a user's `launchgate check` would. A bug there raises
(LAUNCHGATE_DEBUG) and hypothesis shrinks it; otherwise the exit code must be 0
or 1 (2 only for an unreadable config, said plainly), stdout must be the report
in the chosen format, and a check may take at most 1 s per file, timed per
example.

The normal suite runs the same inputs in any test order: tests/conftest.py
imports every launchgate module first, as hypothesis draws some values from
the constants of the modules imported at the time.

The normal suite runs a few examples of each (derandomized, so CI is stable).
The long run explores, thousands of examples per test:

    LAUNCHGATE_FUZZ=long python -m pytest tests/test_fuzz.py --hypothesis-show-statistics

(LAUNCHGATE_FUZZ_EXAMPLES=N sets how many.) Crashes found are fixed and get a
plain regression test in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from launchgate.channels import PRESETS
from launchgate.cli import FORMATS
from launchgate.loader import DEFAULT_MAX_BYTES, MAPPING, SEQUENCE, Document, read_document
from tests.conftest import EXAMPLES, ROOT, main_in_process, write_tree

# --- profiles --------------------------------------------------------------------------------

_COMMON: dict[str, Any] = {
    "deadline": None,  # timed below, per file, with a limit that means something
    "database": None,  # no example database written into the repository
    # No "explain" phase: it re-runs a failure under a tracer, several times slower, which
    # turns a time-limit failure into a confusing "flaky" one.
    "phases": [Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
    # Large inputs on purpose: generating them is slow, and that is not what is tested.
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}
settings.register_profile("launchgate-short", max_examples=15, derandomize=True, **_COMMON)
settings.register_profile(
    "launchgate-long",
    max_examples=int(os.environ.get("LAUNCHGATE_FUZZ_EXAMPLES", "3000")),
    **_COMMON,
)
LONG = os.environ.get("LAUNCHGATE_FUZZ") == "long"
PROFILE = settings.get_profile("launchgate-long" if LONG else "launchgate-short")


def fuzz(short_examples: int) -> settings:
    """The profile's settings; in the short run, `short_examples` examples."""
    if LONG:
        return settings(PROFILE)
    return settings(PROFILE, max_examples=short_examples)


SECONDS_PER_FILE = 1.0
HANG = 30  # seconds: past this an example is stuck, not slow; fail it rather than hang
LONG_TEXT = 12_000  # characters: over every channel's limit (the longest is 4,000)
# Bytes of YAML per long list: a manifest's four lists and its texts stay near 1 MiB.
LIST_BYTES = DEFAULT_MAX_BYTES // 8
# A long list repeats a few items up to this many times. Thousands of items find what
# grows quadratically, at seconds per example: the long run's job (and the 20,000 items
# of tests/test_fuzz_regressions.py); the suite's few examples stop at hundreds.
REPEATS = 3000 if LONG else 300

# --- text and dates --------------------------------------------------------------------------

# Strings that have broken text handling somewhere before.
AWKWARD = [
    "",
    " ",
    "\x00",
    "\t",
    "\r\n",
    "\u0085",  # NEL: a line break to YAML 1.1
    "\u2028",  # LINE SEPARATOR
    "\ufeff",  # BOM / zero-width no-break space
    "\u200b\u200d",  # zero-width space, joiner
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",  # Arabic, RTL
    "שלום עולם",  # Hebrew, RTL
    "e" + "\u0301" * 40,  # one grapheme, forty combining marks
    "Z̴̡̢͓a̶l̷g̸o̵",
    # emoji ZWJ sequences, one with a skin-tone modifier
    "\U0001f469\U0001f3fd\u200d\U0001f4bb\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1e9\U0001f1ea\U0001f1ef\U0001f1f5",  # flags
    "\u65e5\u672c\u8a9e\u3001\u5168\u89d2\uff01",  # East Asian wide, with a full-width !
    "한국어",
    "\U0010ffff\ue000",  # last code point, private use
    "\ufdfa",  # one character, eighteen after NFKC
    "ß İ ﬁ",  # case mapping changes length
    "{{name}}",
    "[insert quote]",
    "<placeholder>",
    "TODO TBD",
    "lorem ipsum",
    "%s %(x)s {0}",
    "\\",
    "'",
    '"',
    "#",
    ": ",
    "- ",
    "&anchor",
    "*alias",
    "!!python/object:os.system",
    "@",
    "@ann",
    "@org/team",
    "https://example.com/a?b=c#d",
    "../../etc/passwd",
    "2026-02-29",
    "0000-00-00",
    "NO",
    "4.10",
    "null",
    "~",
    "1e400",
    "-0",
    "\x1b[31mred\x1b[0m",
    "<script>alert(1)</script>",
    "<!-- launchgate -->",
]
awkward = st.sampled_from(AWKWARD)
# st.text() draws from every Unicode category but surrogates (which no UTF-8 file holds).
texts = st.one_of(
    st.text(max_size=30),
    awkward,
    st.lists(st.one_of(awkward, st.text(max_size=4)), max_size=8).map("".join),
    # A long string: a few characters many times, over limits, up to LONG_TEXT characters.
    st.tuples(st.text(min_size=1, max_size=8), st.integers(1, LONG_TEXT)).map(
        lambda t: (t[0] * t[1])[:LONG_TEXT]
    ),
)
short_texts = st.one_of(st.text(max_size=12), awkward)

EXTREME_DAYS = [
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.date(1969, 12, 31),
    dt.date(1970, 1, 1),
    dt.date(2999, 12, 31),
    dt.date(3000, 1, 1),
    dt.date(2000, 2, 29),
    dt.date(2028, 2, 29),
    dt.date(2026, 11, 23),
    dt.date(2026, 12, 31),
]
days = st.one_of(st.sampled_from(EXTREME_DAYS), st.dates())
# Near the years a launch plan can use, so that rules run on them, not only validation.
plan_days = st.one_of(days, st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)))
offsets = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
moments = st.datetimes(
    min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30), timezones=offsets
)
# A date field holds a date, a date-time, a near miss ("2026-02-30") or anything at all.
date_values: st.SearchStrategy[Any] = st.one_of(
    plan_days,
    plan_days.map(lambda d: d.isoformat()),
    moments.map(lambda m: m.isoformat()),
    st.sampled_from(["2026-02-30", "2026-13-01", "99999-01-01", "2026-1-1", "+2026-01-01"]),
    short_texts,
    st.integers(),
)

# --- repositories ----------------------------------------------------------------------------

ROLES = ["product", "marketing", "legal", "support"]
roles = st.one_of(st.sampled_from(ROLES), short_texts)
handles = st.one_of(st.sampled_from(["@ann", "@david", "@org/team", "ann", "@"]), short_texts)
channels = st.one_of(
    st.sampled_from([*sorted(PRESETS), "in_app.banner", "web.titel", "changelog.title"]),
    short_texts,
)
locales = st.one_of(
    st.sampled_from(["en-US", "de-DE", "de_de", "EN", "zh-Hant-TW", "es-419", "x", ""]),
    short_texts,
)
ids = st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True), short_texts)
SOURCES = [
    "app/locales/en.json#onboarding.title",
    "app/locales/en.json#onboarding",
    "app/locales/en.json#missing.key",
    "app/locales/en.json#",
    "#onboarding.title",
    "app/locales/strings.yaml#a.b",
    "app/locales/none.json#a",
    "../outside.json#a",
    "/etc/passwd#root",
    "app/locales\x00/en.json#a",
]
sources = st.one_of(st.sampled_from(SOURCES), short_texts)
limits = st.one_of(st.integers(-3, 200), st.integers(), short_texts)


def some(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, or sometimes None (`key: null`)."""
    return st.one_of(strategy, st.none())


def many(item: st.SearchStrategy[Any], short: int = 4) -> st.SearchStrategy[list[Any]]:
    """A short list, or a long one: a few items repeated up to REPEATS times, or as many
    times as LIST_BYTES holds when the items are long."""
    return st.one_of(
        st.lists(item, max_size=short),
        st.tuples(st.lists(item, min_size=1, max_size=3), st.integers(1, REPEATS)).map(_repeat),
    )


def _repeat(drawn: tuple[list[Any], int]) -> list[Any]:
    items, times = drawn
    size = len(str(items).encode("utf-8", errors="surrogatepass"))  # near its YAML's size
    return items * max(1, min(times, LIST_BYTES // size))


copy_items = st.fixed_dictionaries(
    {"channel": channels, "text": texts},
    optional={"locale": some(locales), "id": some(ids), "max": limits, "source": sources},
)
collateral_items = st.fixed_dictionaries(
    {"id": ids, "type": st.sampled_from(["blog_post", "sales_deck", "press_release", "x"])},
    optional={
        "owner": some(handles),
        "due": date_values,
        "status": st.one_of(
            st.sampled_from(["planned", "draft", "in_review", "approved", "done", "published"]),
            short_texts,
        ),
        "name": texts,
        "link": texts,
    },
)
manifests = st.fixed_dictionaries(
    {"id": ids},
    optional={
        "name": some(texts),
        "checklist": some(st.one_of(st.sampled_from(["major", "minor", "fuzz"]), short_texts)),
        "owners": st.dictionaries(roles, some(handles), max_size=3),
        "release": some(
            st.fixed_dictionaries({}, optional={"version": short_texts, "date": date_values})
        ),
        "announce": some(
            st.fixed_dictionaries(
                {},
                optional={
                    "date": date_values,
                    "embargo_until": date_values,
                    "pre_announce": st.booleans(),
                },
            )
        ),
        "timezone": st.one_of(
            st.sampled_from(["UTC", "Europe/Berlin", "Pacific/Kiritimati", "Etc/GMT+12"]),
            short_texts,
        ),
        "locales": st.lists(locales, max_size=4),
        "features": many(
            st.fixed_dictionaries({"id": ids}, optional={"name": texts, "flag": short_texts})
        ),
        "copy": many(copy_items),
        "collateral": many(collateral_items),
        "metrics": some(
            st.fixed_dictionaries(
                {},
                optional={
                    "north_star": some(short_texts),
                    "targets": many(
                        st.fixed_dictionaries(
                            {"metric": short_texts},
                            optional={"owner": some(handles), "target": texts},
                        )
                    ),
                },
            )
        ),
        "signoffs": st.lists(roles, max_size=4),
    },
)
lead_times = st.one_of(
    st.from_regex(r"[0-9]{1,6}(bd|d|w)", fullmatch=True),
    st.sampled_from(["99999999999bd", "9" * 5000 + "d", "٣bd", "0bd", "5 bd", "5x"]),
    short_texts,
)
checklists = st.fixed_dictionaries(
    {},
    optional={
        "name": texts,
        "signoffs": st.lists(roles, max_size=4),
        "locales": st.lists(locales, max_size=4),
        "collateral": st.lists(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["blog_post", "sales_deck", "x"])},
                optional={"lead_time": lead_times},
            ),
            max_size=4,
        ),
        "copy": st.fixed_dictionaries({}, optional={"channels": st.lists(channels, max_size=4)}),
        "metrics": st.fixed_dictionaries(
            {}, optional={"north_star": st.sampled_from(["required", "optional"])}
        ),
        "conflicts": st.sampled_from(["same-day", "none"]),
    },
)
terms = st.one_of(
    st.fixed_dictionaries({"ban": st.lists(texts, min_size=1, max_size=4)}),
    st.fixed_dictionaries(
        {"use": short_texts, "instead_of": st.lists(texts, min_size=1, max_size=4)}
    ),
)
glossaries = st.fixed_dictionaries(
    {},
    optional={
        "metrics": st.dictionaries(short_texts, texts, max_size=4),
        "terms": many(terms, short=3),
    },
)
# Configs a check runs under; their values are sane (fuzzed configs are tested separately).
CONFIGS = [
    None,
    "rules: {signoff-unverified: off}\n",
    (
        "timezone: Pacific/Kiritimati\n"
        "roles: {product: {users: [ann]}, marketing: {users: [david], teams: [org/team]}}\n"
        "calendar:\n"
        "  holidays: [US, DE-BY, JP]\n"
        "  freeze: [{from: 1970-01-01, to: 2999-12-31}]\n"
        "channels: {changelog.title: {max: 70, unit: graphemes}, sms: {max_segments: 1}}\n"
        "rules: {date-conflict: error, copy-term: notice}\n"
    ),
]
configs = st.sampled_from(CONFIGS)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(short_texts, inner, max_size=4)
    ),
    max_leaves=20,
)
source_files = st.one_of(
    st.just('{"onboarding": {"title": "See what\'s new"}}'),
    st.fixed_dictionaries({"onboarding": st.fixed_dictionaries({"title": texts})}).map(json.dumps),
    json_values.map(json.dumps),
    st.binary(max_size=64),
    # Nested deeper than any parser's recursion allows.
    st.tuples(st.sampled_from(["[", '{"a": ', '{"onboarding": ']), st.integers(1, 200_000)).map(
        lambda t: t[0] * t[1]
    ),
)
# File names: anything a file system takes, ending in .yaml.
file_stems = st.text(
    st.characters(exclude_characters="/\x00", exclude_categories=["Cs"]), min_size=1, max_size=40
).filter(lambda stem: len(stem.encode("utf-8")) <= 200)


class _NoAliases(yaml.CSafeDumper):
    """Repeated items are written out again, not as anchors (which the loader refuses)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


@st.composite
def repositories(draw: st.DrawFn) -> dict[str, str | bytes]:
    """A repository: 1-3 manifests, maybe a checklist, glossary, config and source file."""
    files: dict[str, str | bytes] = {}
    for stem in draw(st.lists(file_stems, min_size=1, max_size=3, unique=True)):
        files[f"launches/{stem}.yaml"] = dump(draw(manifests))
    config = draw(configs)
    if config is not None:
        files[".launchgate.yml"] = config
    if draw(st.booleans()):
        files["checklists/fuzz.yaml"] = dump(draw(checklists))
    if draw(st.booleans()):
        files["glossary.yaml"] = dump(draw(glossaries))
    if draw(st.booleans()):
        files["app/locales/en.json"] = draw(source_files)
    return files


# --- arbitrary YAML and bytes ----------------------------------------------------------------

YAML_TOKENS = [
    "- ",
    ": ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "\n",
    "\n  ",
    "\n    ",
    "\t",
    "#",
    "|",
    "|-\n",
    ">",
    "'",
    '"',
    '"\\ud800"',
    '"\\U0010FFFF"',
    '"\\x00"',
    '"\\N\\_\\L\\P"',
    "&a ",
    "*a",
    "<<: ",
    "!!str ",
    "!!python/object:os.system ",
    "!custom ",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "id",
    "copy",
    "channel",
    "text",
    "release",
    "date",
    "2026-12-01",
    "null",
    "~",
    "yes",
    "0x1F",
    "1e9999",
    "\ufeff",
    "\x85",
    "\u2028",
    "\r",
]
yaml_soup = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=6)), max_size=60).map(
    "".join
)
deep_yaml = st.tuples(
    st.sampled_from(["[", "{a: ", "- ", "a:\n ", "? "]), st.integers(1, 3000)
).map(lambda t: t[0] * t[1])
yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    texts,
    days,
    moments,
)
yaml_data = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(short_texts, st.integers(), st.none()), inner, max_size=5),
    ),
    max_leaves=30,
)
dump_options = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([None, True, False]),
        "allow_unicode": st.booleans(),
        "width": st.sampled_from([None, 10, 4096]),
        "indent": st.sampled_from([None, 2, 9]),
        "explicit_start": st.booleans(),
        "canonical": st.booleans(),
    }
)


def safe_dump(data: Any, options: dict[str, Any]) -> str:
    return str(yaml.safe_dump(data, **options))


dumped_yaml = st.tuples(yaml_data, dump_options).map(lambda t: safe_dump(*t))
arbitrary_yaml = st.one_of(yaml_soup, deep_yaml, dumped_yaml)

SAMPLES = [
    path.read_bytes()
    for path in sorted(EXAMPLES.glob("**/*.y*ml"))
    + sorted((ROOT / "tests/data/brief").glob("**/*.yaml"))
    + sorted((ROOT / "launchgate/starter").glob("*.y*ml"))
]


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    """A real manifest or policy file with bytes inserted, deleted, replaced or repeated."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        if kind == "insert":
            data[at:at] = draw(
                st.one_of(st.binary(max_size=8), st.sampled_from(YAML_TOKENS).map(str.encode))
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 50))
    return bytes(data)


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "latin-1"])
encoded_texts = st.tuples(st.one_of(texts, yaml_soup), encodings).map(
    lambda t: t[0].encode(t[1], errors="replace")
)
arbitrary_bytes = st.one_of(
    st.binary(max_size=2048), mutated_samples(), encoded_texts, arbitrary_yaml.map(str.encode)
)

# --- running ---------------------------------------------------------------------------------


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail with a TimeoutError instead of hanging (where there is SIGALRM)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def stuck(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_SARIF = jsonschema.Draft7Validator(
    json.loads((ROOT / "tests/data/sarif/sarif-schema-2.1.0.json").read_text(encoding="utf-8")),
    format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
)


def check(
    files: Mapping[str, str | bytes], today: dt.date, fmt: str, fail_on: str = "error"
) -> tuple[int, str, str]:
    """`launchgate check` on `files` in a fresh folder; asserts the time per file."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), files)
        argv = ["check", str(root), "--today", today.isoformat(), "--format", fmt]
        argv += ["--fail-on", fail_on]
        # LAUNCHGATE_DEBUG: a bug raises out of `main` (and hypothesis shrinks it) instead
        # of printing a line.
        environment = {**os.environ, "LAUNCHGATE_DEBUG": "1"}
        start = time.perf_counter()
        with time_limit(HANG):
            code, out, err = main_in_process(argv, environment, ROOT)
        elapsed = time.perf_counter() - start
    limit = SECONDS_PER_FILE * max(1, len(files))
    assert elapsed < limit, f"{elapsed:.2f} s for {len(files)} files"
    return code, out, err


def assert_report(code: int, out: str, err: str, fmt: str, config_fuzzed: bool = False) -> None:
    if code == 2 and config_fuzzed:
        assert out == ""
        assert err.startswith("launchgate: "), err
        assert "internal error" not in err and "Traceback" not in err, err
        return
    assert code in (0, 1), (code, err)
    assert err == ""
    if fmt == "json":
        report = json.loads(out)
        assert report["status"] == ("fail" if code == 1 else "pass")
    elif fmt == "sarif":
        log = json.loads(out)
        errors = [error.message for error in _SARIF.iter_errors(log)]
        assert errors == []
        assert log["runs"][0]["properties"]["status"] == ("fail" if code == 1 else "pass")
    else:
        assert out.endswith("\n")


def assert_document(document: Document) -> None:
    """What a loaded document promises: problems with places, or data with a source map."""
    assert isinstance(document, Document)
    for problem in document.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message
    if not document.ok:
        assert document.data is None
        return
    entries = len(document.sizes)
    assert len(document.positions) == 2 * entries
    assert len(document.keys) == entries
    if document.data is None:
        return
    assert document.sizes[0] == entries
    kind = document.keys[0]
    assert kind == (
        MAPPING
        if isinstance(document.data, dict)
        else SEQUENCE
        if isinstance(document.data, list)
        else None
    )
    # Any path, even a made-up one, locates somewhere in the file.
    first_key = next(iter(document.data), "x") if isinstance(document.data, dict) else 0
    for path in [(), (first_key,), (first_key, 0, "text"), (99, "x"), ("copy", -1)]:
        line, column = document.locate(path)
        assert line >= 1 and column >= 1
        line, column = document.locate(path, key=True)
        assert line >= 1 and column >= 1


# --- the properties --------------------------------------------------------------------------


@fuzz(150)
@given(data=arbitrary_bytes, max_bytes=st.sampled_from([1024 * 1024, 4096, 16]))
def test_loader_reads_any_bytes_as_data_or_problems(data: bytes, max_bytes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "launch.yaml"
        file.write_bytes(data)
        start = time.perf_counter()
        with time_limit(HANG):
            document = read_document(file, "launches/launch.yaml", max_bytes)
        elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_FILE
    assert_document(document)


@fuzz(100)
@given(text=arbitrary_yaml)
def test_loader_reads_any_yaml_as_data_or_problems(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "launch.yaml"
        file.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        start = time.perf_counter()
        with time_limit(HANG):
            document = read_document(file, "launches/launch.yaml")
        elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_FILE
    assert_document(document)


VALID_MANIFEST = (
    'id: fuzz\nchecklist: fuzz\nowners: {product: "@ann"}\n'
    "copy: [{channel: web.title, text: Hi, source: 'app/locales/strings.yaml#a.b'}]\n"
)


@fuzz(40)
@given(
    text=arbitrary_yaml,
    where=st.sampled_from(
        [
            "launches/fuzz.yaml",
            "checklists/fuzz.yaml",
            "glossary.yaml",
            "app/locales/strings.yaml",
            ".launchgate.yml",
        ]
    ),
    fmt=st.sampled_from(FORMATS),
)
def test_check_survives_any_yaml_in_any_file(text: str, where: str, fmt: str) -> None:
    files: dict[str, str | bytes] = {"launches/valid.yaml": VALID_MANIFEST}
    files[where] = text.encode("utf-8", errors="surrogatepass")
    code, out, err = check(files, dt.date(2026, 11, 23), fmt)
    assert_report(code, out, err, fmt, config_fuzzed=where == ".launchgate.yml")


@fuzz(60)
@given(
    files=repositories(),
    today=days,
    fmt=st.sampled_from(FORMATS),
    fail_on=st.sampled_from(["error", "warning", "notice"]),
)
def test_check_survives_valid_shapes_with_any_values(
    files: dict[str, str | bytes], today: dt.date, fmt: str, fail_on: str
) -> None:
    code, out, err = check(files, today, fmt, fail_on)
    assert_report(code, out, err, fmt)


config_values = st.fixed_dictionaries(
    {},
    optional={
        "manifests": st.lists(
            st.one_of(
                st.sampled_from(["launches/**/*.yaml", "/abs/*", "**", "../*", ""]), short_texts
            ),
            max_size=3,
        ),
        "checklists": st.one_of(st.sampled_from(["checklists/", "../", "/", ""]), short_texts),
        "glossary": st.one_of(
            st.sampled_from(["glossary.yaml", "../g.yaml", "/etc/passwd", "."]), short_texts
        ),
        "timezone": st.one_of(
            st.sampled_from(["UTC", "Europe/Berlin", "../../etc", ""]), short_texts
        ),
        "roles": st.dictionaries(
            roles,
            st.fixed_dictionaries(
                {},
                optional={
                    "users": st.lists(handles, max_size=3),
                    "teams": st.lists(handles, max_size=3),
                },
            ),
            max_size=3,
        ),
        "signoffs": st.fixed_dictionaries(
            {"stale": st.one_of(st.sampled_from(["launch", "any-commit", "never"]), short_texts)}
        ),
        "calendar": st.fixed_dictionaries(
            {},
            optional={
                "holidays": st.lists(
                    st.one_of(
                        st.sampled_from(["US", "DE-BY", "JP", "XX", "us", "DE-"]), short_texts
                    ),
                    max_size=3,
                ),
                "freeze": st.lists(
                    st.fixed_dictionaries(
                        {"from": date_values, "to": date_values}, optional={"reason": texts}
                    ),
                    max_size=3,
                ),
            },
        ),
        "channels": st.dictionaries(
            channels,
            st.fixed_dictionaries(
                {},
                optional={
                    "max": limits,
                    "max_segments": limits,
                    "unit": st.one_of(
                        st.sampled_from(
                            ["utf16", "graphemes", "x_weighted", "threads", "wide2", "sms", "bytes"]
                        ),
                        short_texts,
                    ),
                    "kind": st.sampled_from(["hard", "recommendation", "soft"]),
                },
            ),
            max_size=3,
        ),
        "rules": st.dictionaries(
            st.one_of(
                st.sampled_from(["copy-length", "manifest-invalid", "date-conflict", "nope"]),
                short_texts,
            ),
            st.sampled_from(["off", "error", "warning", "notice", "fatal"]),
            max_size=3,
        ),
        "max_file_size": st.one_of(st.integers(), short_texts),
    },
)


@fuzz(40)
@given(config=config_values, files=repositories(), today=days, fmt=st.sampled_from(FORMATS))
def test_check_survives_any_config(
    config: dict[str, Any], files: dict[str, str | bytes], today: dt.date, fmt: str
) -> None:
    files[".launchgate.yml"] = dump(config)
    code, out, err = check(files, today, fmt)
    assert_report(code, out, err, fmt, config_fuzzed=True)


def test_fuzzing_writes_no_example_database() -> None:
    assert PROFILE.database is None
    assert ".hypothesis/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_harness_sees_a_crash(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The properties can fail: a rule that raises comes out of `check`, not as exit 2."""
    import launchgate.rules.copy as copy_rules

    def broken(*args: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(copy_rules, "count", broken)
    files = {"launches/a.yaml": "id: a\ncopy: [{channel: web.title, text: Hi}]\n"}
    with pytest.raises(RuntimeError, match="boom"):
        check(files, dt.date(2026, 11, 23), fmt)


@pytest.mark.parametrize("extra", [0, 1])
def test_a_file_over_the_size_limit_is_refused_with_a_finding(extra: int) -> None:
    """The one place a file passes 1 MiB: at the limit it is read; a byte over, it is
    refused before reading, with a finding on its first line and no traceback."""
    head = "id: big\nname: "
    big = head + "x" * (DEFAULT_MAX_BYTES + extra - len(head) - 1) + "\n"
    assert len(big.encode("utf-8")) == DEFAULT_MAX_BYTES + extra
    files = {"launches/big.yaml": big, "launches/valid.yaml": VALID_MANIFEST}
    code, out, err = check(files, dt.date(2026, 11, 23), "json")
    assert_report(code, out, err, "json")
    report = json.loads(out)
    refused = [
        (f["rule"], f["line"], f["column"], f["message"])
        for f in report["findings"]
        if f["file"] == "launches/big.yaml" and "limit" in f["message"]
    ]
    over = f"file is {DEFAULT_MAX_BYTES + 1:,} bytes, over the {DEFAULT_MAX_BYTES:,} limit"
    assert refused == ([("manifest-invalid", 1, 1, over)] if extra else [])
    assert report["summary"]["launches"] == (1 if extra else 2)
