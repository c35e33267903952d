"""A product repository on disk -> everything the rules need, read once.

This is the only module that reads a user's files. Files that cannot be read
become `LoadProblem`s (reported as `manifest-invalid`), and the rest goes on.
Nothing outside the repository is read, even through a symlink.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Protocol, TypeVar

from launchgate.config import CONFIG_NAMES, Config, parse_config
from launchgate.data_keys import follow, split_ref
from launchgate.errors import Unusable
from launchgate.launch import Launch, SourceText
from launchgate.loader import (
    Document,
    PathKey,
    Problem,
    bulk_loading,
    parse_document,
    parse_documents,
    read_document,
    read_documents,
)
from launchgate.models import Checklist, Glossary
from launchgate.salvage import salvage
from launchgate.validate import validate
from launchgate.wording import did_you_mean

_PACKAGE = Path(__file__).resolve().parent
# Installed: inside the package. From a source checkout: the repository's checklists/.
BUILTIN_CHECKLISTS = next(
    (p for p in (_PACKAGE / "checklists", _PACKAGE.parent / "checklists") if p.is_dir()),
    _PACKAGE / "checklists",
)
YAML_SUFFIXES = (".yaml", ".yml")
BUILTIN_MARK = "(built-in)"  # how messages show a built-in checklist's file


@dataclass(frozen=True)
class LoadProblem:
    file: str
    problem: Problem
    launch: str | None = None
    rule: str = "manifest-invalid"  # or manifest-unmatched: a launch no pattern picks up


class ChecklistShelf(Protocol):
    """Checklists by name: the repository's own, or the base branch's in `launchgate ci`."""

    def get(self, name: str) -> Checklist | None: ...

    def names(self) -> list[str]: ...


@dataclass
class Repository:
    root: Path
    config: Config
    config_file: str | None = None
    files: list[tuple[Path, str]] = field(default_factory=list)  # manifests: (path, as shown)
    launches: list[Launch] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    glossary: Glossary | None = None
    sources: dict[str, SourceText] = field(default_factory=dict)
    files_checked: int = 0
    checklists: ChecklistShelf | None = None
    # The product's files that `source:` strings were read from, by path, parsed: one dict
    # for all the shards a process checks (each is a copy of this with its own launches).
    data_files: dict[str, DataFile | Unusable] = field(default_factory=dict)


def load_repository(root: Path, config: Config, config_file: str | None) -> Repository:
    """Everything at once: the policy files, then every manifest."""
    repo = open_repository(root, config, config_file)
    with bulk_loading():
        add_launches(repo, read_documents(repo.files, config.max_file_size))
    return repo


@dataclass(frozen=True)
class PolicyFiles:
    """Checklists and glossary read elsewhere than the checked folder (the base commit's,
    in `launchgate ci`), with the problems reading the glossary found."""

    checklists: ChecklistShelf
    glossary: Glossary | None = None
    problems: tuple[LoadProblem, ...] = ()


def open_repository(
    root: Path,
    config: Config,
    config_file: str | None,
    policy: PolicyFiles | None = None,
) -> Repository:
    """The policy (checklists, glossary) and the list of manifests, none of them read yet.

    The policy comes from `root` unless `policy` gives it: `launchgate ci` reads
    it at the base commit.
    """
    repo = Repository(root=root, config=config, config_file=config_file)
    if policy is None:
        repo.checklists = _ChecklistShelf(_own_checklists(root, config, repo.problems))
    else:
        repo.checklists = policy.checklists
    files = _manifest_files(root, config.manifests)
    repo.files_checked = len(files)
    inside = _Containment(root)
    for path in files:
        if inside(path):
            repo.files.append((path, _shown(root, path)))
        else:
            message = "links outside the repository"
            repo.problems.append(LoadProblem(_shown(root, path), Problem(1, 1, message)))
    if policy is None:
        repo.glossary = _load_glossary(root, config, repo.problems)
    else:
        repo.glossary = policy.glossary
        repo.problems += policy.problems
    repo.problems += unmatched_manifests(root, config, files)
    return repo


def load_files(files: Mapping[str, bytes], root: Path) -> Repository:
    """A repository held in memory (path -> content), loaded as `load_repository` loads one
    from disk, without reading it: its config, checklists and glossary come from the
    mapping (with the built-in checklists), its manifests are the paths the config's
    patterns match. Only the files `source:` strings name are read, from `root`.

    Raises ConfigError for a broken config, as `load_config` does.
    """
    from launchgate.manifest_files import pattern_regex

    config_file = next((name for name in CONFIG_NAMES if name in files), None)
    config = Config() if config_file is None else parse_config(files[config_file], config_file)
    repo = Repository(root=root, config=config, config_file=config_file)
    repo.checklists = _ChecklistShelf(_checklists_in(files, config, repo.problems))
    matchers = [pattern_regex(pattern) for pattern in config.manifests]
    manifests = {path: raw for path, raw in sorted(files.items()) if _matches(path, matchers)}
    repo.files = [(root / path, path) for path in manifests]
    repo.files_checked = len(manifests)
    glossary = relative_path(config.glossary)
    if glossary is not None and glossary in files:
        document = parse_document(files[glossary], glossary, config.max_file_size)
        repo.glossary = glossary_from(document, repo.problems)
    add_launches(repo, parse_documents(manifests, config.max_file_size))
    return repo


def _matches(path: str, matchers: list[re.Pattern[str]]) -> bool:
    return any(matcher.fullmatch(path) for matcher in matchers)


def relative_path(path: str) -> str | None:
    """A path the config names, as the repository's files are named ("./a//b" is "a/b");
    None when it leads out of the repository."""
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts:
        return None
    return "/".join(parts)


def add_launches(repo: Repository, documents: list[Document]) -> None:
    """Validate manifests into launches (or problems), with their checklists and sources.

    Once a launch is validated its model holds the values, so the document's
    raw data is dropped: its entries still locate every value.
    """
    assert repo.checklists is not None, "open_repository sets up the checklists"
    added = []
    for document in documents:
        launch = _launch_from(document, repo.problems)
        if launch is not None:
            document.data = None
            _attach_checklist(launch, repo.checklists, repo.problems)
            added.append(launch)
    repo.launches += added
    repo.sources.update(_read_sources(repo.root, added, repo.config.max_file_size, repo.data_files))


class _Containment:
    """Is a path inside the repository once symlinks are followed? Folders are resolved once.

    Written with os.path on strings: it runs for every manifest before any work
    can be shared out, and pathlib's objects cost a few microseconds each.
    """

    def __init__(self, root: Path) -> None:
        self._root = os.path.realpath(root)
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path) -> bool:
        folder, name = os.path.split(path)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(folder or os.curdir)
        real = os.path.realpath(path) if os.path.islink(path) else os.path.join(real_folder, name)
        return real == self._root or real.startswith(self._root + os.sep)


def _inside(root: Path, path: Path) -> bool:
    return _Containment(root)(path)


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _manifest_files(root: Path, patterns: list[str]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        try:
            found.update(p for p in root.glob(pattern) if p.is_file())
        except (ValueError, OSError, NotImplementedError):  # pathlib's word for "absolute"
            continue  # an absolute or malformed pattern matches nothing
    return sorted(found)


def unmatched_manifests(root: Path, config: Config, matched: list[Path]) -> list[LoadProblem]:
    """Files that look like launches but that no `manifests` pattern matches: named, not skipped.

    Looked for where a mistake is likely and a look is cheap: every YAML file
    (`.yml` as well as `.yaml`, any case) in the folders the patterns start
    from, and YAML files in the root or one folder down whose top-level keys
    say "launch" (`id:` and `checklist:` or `release:`).
    """
    from launchgate.manifest_files import unmatched

    return [
        LoadProblem(
            shown,
            Problem(
                1, 1, f"looks like a launch, but no pattern in manifests ({patterns}) matches it"
            ),
            rule="manifest-unmatched",
        )
        for shown, patterns in unmatched(root, config, matched)
    ]


def _problem_at(document: Document, path: PathKey, message: str, key: bool = False) -> Problem:
    line, column = document.locate(path, key=key)
    return Problem(line, column, message)


def _launch_from(document: Document, problems: list[LoadProblem]) -> Launch | None:
    """The launch of a manifest, and its problems; invalid values are left out (`salvage`)."""
    launch = None
    if document.ok:
        manifest, invalid, gaps = salvage(document)
        if manifest is not None:
            launch = Launch(manifest=manifest, document=document, gaps=gaps)
    else:
        invalid = document.problems
    raw = document.data
    launch_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    notes = document.notes  # loaded, but perhaps not as meant: said, the launch still checked
    problems.extend(LoadProblem(document.path, problem, launch_id) for problem in invalid + notes)
    return launch


class _ChecklistShelf:
    """Checklists by name, read up front (a handful of small files), so a broken one
    is reported once, here, whichever process checks the launches that use it."""

    def __init__(self, checklists: dict[str, Checklist | None]) -> None:
        self._checklists = checklists

    def names(self) -> list[str]:
        return sorted(self._checklists)

    def get(self, name: str) -> Checklist | None:
        return self._checklists.get(name)


def checklist_files(root: Path, config: Config) -> dict[str, tuple[Path, str]]:
    """Each checklist's file by name, (path, as messages show it): the repository's own
    over the built-in ones."""
    files: dict[str, tuple[Path, str]] = {}
    for path in _yaml_files(BUILTIN_CHECKLISTS):
        files[path.stem] = (path, f"{BUILTIN_MARK} checklists/{path.name}")
    own = root / config.checklists
    if own.is_dir() and _inside(root, own):
        own_files: dict[str, tuple[Path, str]] = {}
        for path in _yaml_files(own):
            if _inside(root, path):  # x.yaml before x.yml, as `launchgate ci` looks
                own_files.setdefault(path.stem, (path, _shown(root, path)))
        files.update(own_files)
    return dict(sorted(files.items()))


def _own_checklists(
    root: Path, config: Config, problems: list[LoadProblem]
) -> dict[str, Checklist | None]:
    """The repository's own checklists before the built-in ones."""
    return {
        name: read_checklist(path, shown, config, problems)
        for name, (path, shown) in checklist_files(root, config).items()
    }


def _checklists_in(
    files: Mapping[str, bytes], config: Config, problems: list[LoadProblem]
) -> dict[str, Checklist | None]:
    """The checklists of a repository held in memory, before the built-in ones."""
    # "" or "." is the repository's root, as `root / config.checklists` is on disk.
    folder = relative_path(config.checklists) if PurePosixPath(config.checklists).parts else ""
    own: dict[str, str] = {}
    for path in sorted(files):  # x.yaml before x.yml, as on disk
        parent, _, name = path.rpartition("/")
        stem, dot, suffix = name.rpartition(".")
        if parent == folder and dot and f".{suffix}" in YAML_SUFFIXES:
            own.setdefault(stem, path)
    builtin = builtin_checklists()
    checklists: dict[str, Checklist | None] = {}
    for name in sorted(own.keys() | builtin.keys()):
        if name in own:
            document = parse_document(files[own[name]], own[name], config.max_file_size)
            checklists[name] = checklist_from(document, problems, config)
        else:
            shown = f"{BUILTIN_MARK} checklists/{builtin[name].name}"
            checklists[name] = read_checklist(builtin[name], shown, config, problems)
    return checklists


def read_checklist(
    path: Path, shown: str, config: Config, problems: list[LoadProblem]
) -> Checklist | None:
    return checklist_from(read_document(path, shown, config.max_file_size), problems, config)


def checklist_from(
    document: Document, problems: list[LoadProblem], config: Config
) -> Checklist | None:
    """A checklist file, read from disk or given as bytes; what is wrong goes to `problems`.

    Its `channel_locales:` must name the config's channels (a checklist is read
    once, so it is said once here, not for each launch that follows it).
    """
    checklist = _model_from(document, Checklist, problems)
    if checklist is not None:
        problems += _scope_problems(document, checklist, config)
    return checklist


def _scope_problems(document: Document, checklist: Checklist, config: Config) -> list[LoadProblem]:
    from launchgate.channel_locales import key_problems, tag_problems

    scope = checklist.channel_locales
    found = [
        _problem_at(document, ("channel_locales", key), message, key=True)
        for key, message in key_problems(scope, config)
    ]
    found += [
        _problem_at(document, ("channel_locales", key, index), message)
        for key, index, message in tag_problems(scope, checklist.locales)
    ]
    return [LoadProblem(document.path, problem) for problem in found]


def glossary_from(document: Document, problems: list[LoadProblem]) -> Glossary | None:
    """A glossary file, read from disk or given as bytes; what is wrong goes to `problems`."""
    return _model_from(document, Glossary, problems)


_Model = TypeVar("_Model", Checklist, Glossary)


def _model_from(
    document: Document, model: type[_Model], problems: list[LoadProblem]
) -> _Model | None:
    if not document.ok:
        problems.extend(LoadProblem(document.path, p) for p in document.problems)
        return None
    value, invalid = validate(document, model)
    problems.extend(LoadProblem(document.path, p) for p in invalid)
    return value


def builtin_checklists() -> dict[str, Path]:
    return {path.stem: path for path in _yaml_files(BUILTIN_CHECKLISTS)}


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def _attach_checklist(launch: Launch, shelf: ChecklistShelf, problems: list[LoadProblem]) -> None:
    name = launch.manifest.checklist
    if not name:
        return
    launch.checklist_name = name
    launch.checklist = shelf.get(name)
    if launch.checklist is None and name not in shelf.names():
        hint = did_you_mean(name, shelf.names()) or f"known: {', '.join(shelf.names())}"
        message = f"unknown checklist {name!r} ({hint})"
        problem = _problem_at(launch.document, ("checklist",), message)
        problems.append(LoadProblem(launch.file, problem, launch.manifest.id))


def _load_glossary(root: Path, config: Config, problems: list[LoadProblem]) -> Glossary | None:
    path = root / config.glossary
    if not path.is_file():
        return None
    inside = _inside(root, path)
    shown = _shown(root, path) if inside else config.glossary
    if not inside:
        problems.append(LoadProblem(shown, Problem(1, 1, "links outside the repository")))
        return None
    return glossary_from(read_document(path, shown, config.max_file_size), problems)


def _read_sources(
    root: Path, launches: list[Launch], max_bytes: int, files: dict[str, DataFile | Unusable]
) -> dict[str, SourceText]:
    """Every `source: path#key` the copy points at, each file parsed once (into `files`)."""
    wanted = sorted(
        {item.source for launch in launches for item in launch.manifest.copy_items if item.source}
    )
    resolved: dict[str, SourceText] = {}
    for ref in wanted:
        file, key = split_ref(ref)
        if not file or not key:
            resolved[ref] = SourceText(
                None, "expected path#dotted.key, e.g. app/locales/en.json#title"
            )
            continue
        if file not in files:
            files[file] = read_data_file(root, file, max_bytes)
        parsed = files[file]
        if isinstance(parsed, Unusable):
            resolved[ref] = SourceText(None, parsed.message)
        else:
            resolved[ref] = _source_text(parsed.data, key)
    return resolved


@dataclass(frozen=True)
class DataFile:
    """A JSON or YAML file of the product's (strings, feature flags), parsed."""

    data: Any
    # key path -> (line, column) of that key; JSON positions are found on demand
    locate: Callable[[tuple[str, ...]], tuple[int, int]]


def read_data_file(root: Path, file: str, max_bytes: int) -> DataFile | Unusable:
    """A repository file named in a manifest or the config, or why it cannot be read."""
    if "\0" in file:  # no file is named so, and the OS refuses even to look one up
        return Unusable(f"{file!r} is not a file name")
    path = root / file
    if Path(file).is_absolute() or not _inside(root, path):
        return Unusable("points outside the repository")
    if not path.is_file():
        return Unusable(f"{file} does not exist")
    if path.suffix == ".json":
        try:
            if path.stat().st_size > max_bytes:
                return Unusable(f"{file} is over the {max_bytes:,}-byte limit")
            text = path.read_text(encoding="utf-8")
            return DataFile(json.loads(text), _JsonKeys(text).position)
        except (OSError, ValueError) as error:
            return Unusable(f"{file} is not valid JSON ({error})")
        except RecursionError:
            return Unusable(f"{file} is nested too deeply to read")
    if path.suffix in YAML_SUFFIXES:
        document = read_document(path, file, max_bytes)
        if not document.ok:
            problem = document.problems[0]
            return Unusable(f"{file}:{problem.line}: {problem.message}")
        return DataFile(document.data, lambda steps: document.locate(steps, key=True))
    return Unusable(f"{file} is neither JSON nor YAML")


class _JsonKeys:
    """Where the keys of a JSON text are: json.loads keeps no positions.

    Each key is looked for after its parent's key, and what one search passed over
    is remembered per parent: locating every flag of a release (a finding on each)
    reads the text about once, where a search from the parent for each flag would
    cost quadratic time in a 1 MB flags file.
    """

    _KEY = re.compile(r'"(?:[^"\\\n]|\\.)*"\s*:')

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[int, dict[str, int]] = {}  # parent's offset -> key -> offset
        self._scans: dict[int, Iterator[re.Match[str]]] = {}
        self._lines: list[int] | None = None  # the offset of each newline

    def position(self, steps: tuple[str, ...]) -> tuple[int, int]:
        at = -1
        for step in steps:
            found = self._after(at, step)
            if found is None:
                break
            at = found
        if at < 0:
            return 1, 1
        if self._lines is None:  # counting newlines per key would be quadratic too
            self._lines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self._lines, at)
        return line + 1, at - (self._lines[line - 1] + 1 if line else 0) + 1

    def _after(self, at: int, key: str) -> int | None:
        """The offset of the first `"key":` after `at`, reading on only as far as needed."""
        seen = self._seen.setdefault(at, {})
        scan = self._scans.setdefault(at, self._KEY.finditer(self.text, at + 1))
        while key not in seen:
            match = next(scan, None)
            if match is None:
                return None
            token = match.group(0)
            try:
                name = json.loads(token[: token.rindex('"') + 1])
            except ValueError:
                continue
            seen.setdefault(str(name), match.start())
        return seen[key]


def _source_text(data: Any, key: str) -> SourceText:
    found = follow(data, key)
    if found is None:
        return SourceText(None, f"no key {key!r}")
    if not isinstance(found[1], str):
        return SourceText(None, f"{key!r} is not a string")
    return SourceText(found[1])


def skipped_manifests(repo: Repository) -> list[LoadProblem]:
    """The first problem of each manifest that did not load, in file order.

    A launch loaded with invalid values left out (launchgate.salvage) counts as not
    loaded here: a calendar or digest without them must say so.
    """
    loaded = {launch.file for launch in repo.launches if launch.gaps is None}
    manifests = {shown for _, shown in repo.files}
    first: dict[str, LoadProblem] = {}
    for problem in sorted(repo.problems, key=problem_order):
        if problem.file not in loaded and problem.file in manifests:
            first.setdefault(problem.file, problem)
    return list(first.values())


def problem_order(problem: LoadProblem) -> tuple[str, int, int, str]:
    return (problem.file, problem.problem.line, problem.problem.column, problem.problem.message)
