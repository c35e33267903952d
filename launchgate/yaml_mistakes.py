"""A YAML syntax error -> the hand-editing mistake behind it, in words, with the fix.

PyYAML says "found character that cannot start any token" for a tab, and
"did not find expected ',' or '}'" for a colon in a text. The people who edit
manifests type YAML by hand or paste it from a document, and make a handful
of mistakes again and again: tabs, curly quotes, a colon inside a text, a
value starting with @, a missing space after a colon, an unclosed quote or
bracket, a line indented one space off. Each is recognised from PyYAML's
error and the line it points at; anything else gets a plain sentence, never
PyYAML's own words.
"""

from __future__ import annotations

import re

import yaml

from launchgate.wording import CURLY_QUOTES, ODD_SPACES, odd_space

_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"{}\[\],]+):(\S.*)$")
_TEXT_AFTER_QUOTE = re.compile(r""":\s*("[^"]*"|'[^']*')\s*[^\s#,}\]]""")
# What PyYAML was scanning when a value started with one of these signs.
_MARKUP_SIGNS = {"an anchor": "&", "an alias": "*", "a tag": "!", "a directive": "%"}
# The key whose text holds the colon at the error: `text: Note: this` inside {...}.
_KEY_BEFORE = re.compile(r"([\w.-]+):\s+[^,{}\[\]:]*$")
# A space YAML does not read as one where the layout needs a space (copy may hold them).
_ODD = "".join(ODD_SPACES)
_ODD_SPACE_IN_LAYOUT = re.compile(rf"(?:^[ \t{_ODD}]*?|(?<=[:,\-]))([{_ODD}])")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_COLON_IN_VALUE = re.compile(r"^\s*(?:-\s+)?([^\s:#]+):\s+\S[^#]*?:(\s|$)")


def explain(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column and message for a syntax error in `text`."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    lines = text.splitlines() or [""]
    here = lines[line] if line < len(lines) else ""
    context_line = error.context_mark.line if error.context_mark else line
    problem = error.problem or ""
    context = error.context or ""

    def at(message: str, where: int = line, col: int = column) -> tuple[int, int, str]:
        return where + 1, col + 1, f"invalid YAML: {message}"

    for number in (line, line - 1, context_line):
        candidate = lines[number] if 0 <= number < len(lines) else ""
        lead = candidate[: len(candidate) - len(candidate.lstrip(" \t"))]
        if "\t" in lead or (number == line and here[column : column + 1] == "\t"):
            return at(
                "the line is indented with a tab; YAML indents with spaces only: "
                "replace the tab with spaces",
                number,
                lead.index("\t") if "\t" in lead else column,
            )
    for number in (line, line - 1, context_line):
        candidate = lines[number] if 0 <= number < len(lines) else ""
        odd = _ODD_SPACE_IN_LAYOUT.search(candidate)  # in the indentation, or after : - ,
        if odd:
            return at(odd_space(odd.group(1), "the line") or "", number, odd.start(1))
    sign = next((c for word, c in _MARKUP_SIGNS.items() if context.endswith(word)), None)
    if sign is not None:
        # `flag: &reports.v2`, `status: !draft`: a sign YAML reads as markup at the start
        # of a value. PyYAML points past it; say so where the value starts.
        found = here.rfind(sign, 0, column + 1)
        start = found if found >= 0 else column
        return at(_in_quotes(here, start), line, start)
    if "cannot start any token" in problem:
        return at(_in_quotes(here, column))
    for number in (line, context_line):
        candidate = lines[number] if 0 <= number < len(lines) else ""
        if any(quote in candidate for quote in CURLY_QUOTES):
            return at(
                "the line has curly quotes (\u201c \u201d or \u2018 \u2019), pasted from a "
                'document; YAML only reads straight quotes: write text: "..." with the '
                "keyboard's \" key",
                number,
                min(candidate.find(q) for q in CURLY_QUOTES if q in candidate),
            )
    if "nesting depth" in problem:  # newer PyYAML refuses deep nesting before our own check
        return at("the file is nested too deeply (brackets or indentation) to be a manifest")
    if "single document" in context:
        return at(
            "a second document starts here (a line of ---): one file holds one launch; "
            "delete the --- line, or move what follows into its own file"
        )
    if "quoted scalar" in context and ("escape" in problem or "hexdecimal" in problem):
        # "C:\Users", "\q", or an emoji as JSON writes it ("\ud83c\udf89"): the quote is
        # closed, a backslash inside double quotes is what YAML cannot read.
        backslash = here.rfind("\\", 0, column + 1)
        return at(
            "a backslash (\\) inside double quotes starts an escape YAML cannot read: put "
            "the text in single quotes ('...') or write the backslash twice (\\\\); for an "
            "emoji copied as \\ud83c\\udf89, write the emoji itself",
            line,
            backslash if backslash >= 0 else column,
        )
    if "quoted scalar" in context:
        return at(
            "a quote opened here is never closed: end the text with the same quote "
            "(\" or ') it starts with",
            context_line,
            error.context_mark.column if error.context_mark else 0,
        )
    quoted = _TEXT_AFTER_QUOTE.search(here)
    if quoted:
        return at(
            f"the text goes on after its closing quote ({quoted.group(1)} ...): "
            "put all of the text inside the quotes"
        )
    if here[column : column + 1] == ":" or "mapping values are not allowed" in problem:
        colon = _KEY_BEFORE.search(here[:column]) or _COLON_IN_VALUE.match(here)
        if colon:
            return at(
                "the text has a colon followed by a space (': '), which YAML reads as a new "
                f'key: put the whole text in quotes, e.g. {colon.group(1)}: "...: ..."'
            )
    if "block sequence entries are not allowed" in problem:
        return at(
            "a list item ('- ') must start its own line, indented under its key: "
            "move it to the next line"
        )
    if "expected node content" in problem or "found unexpected ':'" in problem:
        return at(
            "inside [...] or {...}, a value has a stray sign (- , : ?): "
            'put a text with such signs in quotes, e.g. text: "..."'
        )
    if "document start" in problem:
        # The file's first value ended before this line: it is indented, or not a key.
        first = next(
            (
                n
                for n, text in enumerate(lines)
                if text.strip() and not text.lstrip().startswith("#")
            ),
            line,
        )
        if lines[first][:1].isspace():
            return at(
                "the first key of the file is indented: start it in the first column", first, 0
            )
        return at(
            "this line belongs to no key: write it as key: value, or indent it under "
            "the key whose text it continues",
            first,
            0,
        )
    if "flow mapping" in context or "flow sequence" in context:
        opener = "{" if "mapping" in context else "["
        closer = "}" if opener == "{" else "]"
        opened = lines[context_line] if context_line < len(lines) else ""
        unquoted = _QUOTED.sub(lambda m: " " * len(m.group(0)), opened)
        comment = re.search(r"\s#.*" + re.escape(closer), unquoted)
        if comment:  # `text: We are #1}`: the comment swallowed the closing bracket
            return at(
                f"a ' #' starts a comment in YAML, so the rest of the line is left out, "
                f'its {closer} too: put the text in quotes, e.g. text: "... #1 ..."',
                context_line,
                comment.start() + 1,
            )
        return at(
            f"the {opener} opened on line {context_line + 1} is not closed with {closer} "
            f"(or a comma is missing between two items): close it on the line where "
            "its items end",
            context_line,
            error.context_mark.column if error.context_mark else 0,
        )
    missing_space = _NO_SPACE_AFTER_COLON.match(
        lines[context_line] if context_line < len(lines) else ""
    )
    if "simple key" in context and missing_space:
        name, rest = missing_space.groups()
        return at(
            f"a space is missing after the colon: write {name}: {rest}",
            context_line,
            lines[context_line].index(":") + 1,
        )
    if "mapping values are not allowed" in problem:
        return at(
            "a colon here starts a key where none can: check the line for a stray "
            "character, or for indentation deeper than the key above it"
        )
    dash = re.match(r"\s*-(?=[^\s-])", here)
    if dash:
        return at(
            "a list item needs a space after its '-': write '- ' before the item",
            line,
            dash.end() - 1,
        )
    if "block" in context or "block end" in problem or "simple key" in context:
        return at(
            "this line is indented differently from the lines around it: the keys of one "
            "mapping, and the '- ' of the items of one list, start in the same column"
        )
    return at("this line is not valid YAML: check its indentation, quotes and brackets")


def _in_quotes(here: str, column: int) -> str:
    """A value starts with a sign YAML reserves (@ ` % & * !): it needs quotes."""
    char = here[column : column + 1]
    value = re.match(r"[^,}\]#]*", here[column:])
    shown = value.group(0).strip() if value else char
    return f'a value cannot start with {char!r} unless it is in quotes: write it as "{shown}"'


def explain_reader_error(text: str, error: yaml.YAMLError) -> tuple[int, int, str]:
    """A character YAML does not accept at all (a control character), found by its reader."""
    position = getattr(error, "position", 0) or 0
    character = getattr(error, "character", None)
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = f" (U+{ord(character):04X})" if isinstance(character, str) and character else ""
    if isinstance(character, int):
        code = f" (U+{character:04X})"
    return line, column, f"invalid YAML: an invisible control character{code}: delete it"
