"""Command line: `launchgate check|ci|board|calendar|digest|waivers|rules|explain|schema|init`, and
`launchgate channels|checklists` to find what a manifest can name.

The only place that exits.

Imports stay inside the command functions: `launchgate --version` must not pay
for pydantic, PyYAML or the rules.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from launchgate import __version__
from launchgate.errors import ExitCode, LaunchgateError, UsageError

if TYPE_CHECKING:  # the commands import these when they run
    from launchgate.config import Config
    from launchgate.repository import LoadProblem, Repository

FORMATS = ("text", "json", "markdown", "github", "sarif")
SEVERITIES = ("error", "warning", "notice")
CHANNEL_FORMATS = ("text", "markdown", "json")  # launchgate.channel_docs.FORMATS
CALENDAR_FORMATS = (
    "markdown",
    "ics",
    "mermaid",
)  # launchgate.calendar_view.RENDERERS, without importing it


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="launchgate",
        description="Checks that every launch in a repository is ready: sign-offs, copy, dates.",
        epilog="Exit codes: 0 ready, 1 findings at or above --fail-on, 2 usage or config error.",
    )
    parser.add_argument("--version", action="version", version=f"launchgate {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser("check", help="check the launches in a repository")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="the repository, or manifests and folders in it to report on (default: the "
        "whole repository around the current folder); the whole repository is loaded "
        "either way",
    )
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="error",
        help="lowest severity that makes the launch not ready (default: error)",
    )
    check.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_date,
        help="check as of this day (default: today in the configured time zone)",
    )
    check.add_argument(
        "--release",
        metavar="VERSION",
        help="check this release too: its launches against the feature flags and its date",
    )
    check.add_argument(
        "--release-date",
        metavar="YYYY-MM-DD",
        type=_date,
        help="with --release: the day it ships (default: release.dates in the config)",
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto: on a terminal, unless NO_COLOR is set)",
    )

    ci = commands.add_parser(
        "ci",
        help="check a pull request in GitHub Actions: sign-offs, comment, status, summary",
        description="On a pull_request or pull_request_review event: check the pull request "
        "(a release pull request ships every launch of its version) and publish the comment, "
        "status, annotations, summary and outputs. On schedule or workflow_dispatch: write "
        "the digest, and keep its tracking issue up to date. On any other event: check the "
        "workspace, without sign-offs.",
    )
    ci.add_argument(
        "path", nargs="?", default=None, help="folder to check (default: GITHUB_WORKSPACE)"
    )
    ci.add_argument("--fail-on", choices=SEVERITIES, default="error")
    ci.add_argument("--today", metavar="YYYY-MM-DD", type=_date)
    ci.add_argument(
        "--comment",
        choices=("true", "false"),
        default="true",
        help="post or update the pull-request comment (default: true)",
    )
    ci.add_argument(
        "--pull-request",
        metavar="N",
        type=int,
        help="check this pull request instead of the event's (for workflow_run jobs)",
    )
    ci.add_argument(
        "--head", metavar="SHA", help="with --pull-request: the head commit it must be at"
    )

    digest = commands.add_parser(
        "digest",
        help="per owner: the work that is overdue or due soon (a report: exit 0)",
    )
    digest.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    digest.add_argument(
        "--days", type=_days, help="due within this many days (default: digest.days, 7)"
    )
    digest.add_argument("--today", metavar="YYYY-MM-DD", type=_date)
    digest.add_argument("--format", choices=("markdown", "json"), default="markdown")

    waivers = commands.add_parser(
        "waivers",
        help="every waiver: launch, rule, reason, role, expiry and state (a report: exit 0)",
        description="Lists every waiver in the launch manifests with its state today: active, "
        "expiring (ends within --days), expired, unused (covers no finding) or refused.",
    )
    waivers.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    waivers.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    waivers.add_argument(
        "--days",
        type=_days,
        help="expiring: ends within this many days (default: digest.days, 7)",
    )
    waivers.add_argument("--today", metavar="YYYY-MM-DD", type=_date)

    calendar = commands.add_parser(
        "calendar",
        help="every launch's dates and the freeze windows: ICS, Markdown or Mermaid",
        description="Every launch's release, announcement, embargo and deliverable due dates "
        "(with owners) and the configured freeze windows.",
    )
    calendar.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    calendar.add_argument(
        "--format",
        choices=CALENDAR_FORMATS,
        help="ics for calendar apps, markdown (a table), mermaid (a gantt chart); "
        "default: ics for --output *.ics, mermaid for *.mmd, else markdown",
    )
    calendar.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    calendar.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_date,
        help="the day the calendar is made for: the ICS DTSTAMP, and what counts as overdue "
        "(default: today in the configured time zone)",
    )

    board = commands.add_parser(
        "board",
        help="write the launch board: a static site of every launch, for the whole team",
        description="A static site (HTML, no external requests) of every launch: status and "
        "blockers, timeline, per-launch pages, copy grid, people's due work, with the calendar "
        "(ICS) and the check (JSON) beside it. A report, not a gate: exit 0 when written.",
    )
    board.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    board.add_argument("--output", metavar="DIR", required=True, help="folder to write the site to")
    board.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_date,
        help="the day the board is built for (default: today in the configured time zone)",
    )
    board.add_argument(
        "--repo-url",
        metavar="URL",
        help="the repository's web address, to link findings to their lines "
        "(default in GitHub Actions: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY)",
    )

    commands.add_parser("rules", help="list the rules with their default severity")
    explain = commands.add_parser("explain", help="explain a rule, with examples")
    explain.add_argument("rule")
    channels = commands.add_parser(
        "channels",
        help="every channel copy can name: its limit, unit, hard or guidance, and source",
        description="Every channel a copy item can name, built-in and the repository's own "
        "(channels: in its config): the limit, the unit it counts in, hard (an error over it) "
        "or guidance (a warning), and where the number comes from.",
    )
    channels.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    channels.add_argument("--format", choices=CHANNEL_FORMATS, default="text")
    checklists = commands.add_parser(
        "checklists",
        help="what each checklist requires, and which file says so",
        description="Without NAME: every checklist a launch can name (the repository's "
        "checklists/ folder over the built-in ones), with a line of summary. With NAME: "
        "that checklist in full: sign-offs, locales, collateral and lead times, copy "
        "channels, metrics, conflicts.",
    )
    checklists.add_argument("name", nargs="?", help="a checklist, as launches name it")
    checklists.add_argument(
        "--path", default=".", help="the repository (default: the one around .)"
    )
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a launch manifest",
        description="Without PATH: the schema for every repository (channel ids complete, "
        "any id is valid). With PATH: that repository's, which knows its own channels too "
        "and marks any other channel id as wrong.",
    )
    schema.add_argument(
        "path", nargs="?", default=None, help="a repository, to add its own channels"
    )
    init = commands.add_parser("init", help="write a starter config, checklist, launch, workflows")
    init.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    init.add_argument("--force", action="store_true", help="overwrite files that exist")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-01") from None


def _days(text: str) -> int:
    if not text.isdigit() or int(text) > 366:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days from 0 to 366")
    return int(text)


# What a command leaves for `run()` to drop with the process: the loaded launches of a large
# repository are a million small objects, and freeing them one by one took a tenth of a
# second. `main()` empties it, so that in-process callers (the tests) hold one run's worth.
_left_for_exit: list[object] = []


def run() -> NoReturn:
    """The console script: `main()`, then an exit that skips tearing the interpreter down.

    Output is flushed first; nothing of launchgate's waits for atexit, and files
    it writes are closed by then.
    """
    code = main()
    try:
        if sys.stdout is not None:  # None: started with no stdout at all (`>&-`)
            sys.stdout.flush()
    except BrokenPipeError:  # `launchgate check | head`: the reader has gone, as in main()
        code = int(ExitCode.USAGE)
    except OSError as error:  # a full disk, say
        print(f"launchgate: cannot write the output: {error.strerror or error}", file=sys.stderr)
        code = int(ExitCode.USAGE)
    with contextlib.suppress(OSError, ValueError):  # closed after a broken pipe
        if sys.stderr is not None:
            sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    _left_for_exit.clear()
    try:
        args = build_parser().parse_args(argv)
        return int(_run(args, sys.stdout))
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else ExitCode.USAGE
    except LaunchgateError as error:
        print(f"launchgate: {error}", file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `launchgate check | head`
        sys.stderr.close()
        return int(ExitCode.USAGE)
    except OSError as error:  # the machine's doing, not a bug: a full disk, say
        where = f" ({error.filename})" if error.filename else ""
        print(f"launchgate: {error.strerror or error}{where}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except Exception as error:  # a bug: say so plainly, no traceback for the user
        if os.environ.get("LAUNCHGATE_DEBUG"):
            raise
        print(
            f"launchgate: internal error: {type(error).__name__}: {error}\n"
            "Please report it with the input that caused it (LAUNCHGATE_DEBUG=1 shows details).",
            file=sys.stderr,
        )
        return int(ExitCode.USAGE)


def _run(args: argparse.Namespace, out: TextIO) -> ExitCode:
    if args.command == "check":
        return _check(args, out)
    if args.command == "ci":
        from launchgate.findings import Severity
        from launchgate.github.ci import run
        from launchgate.github.options import CiOptions

        options = CiOptions(
            today=args.today,
            fail_on=Severity.parse(args.fail_on),
            comment=args.comment == "true",
            path=args.path,
            pull_number=args.pull_request,
            head=args.head,
        )
        return run(os.environ, options, out)
    if args.command == "digest":
        return _digest(args, out)
    if args.command == "calendar":
        return _calendar(args, out)
    if args.command == "board":
        return _board(args, out)
    if args.command == "waivers":
        return _waivers(args, out)
    if args.command == "rules":
        return _rules(out)
    if args.command == "explain":
        return _explain(args.rule, out)
    if args.command == "channels":
        return _channels(args, out)
    if args.command == "checklists":
        return _checklists(args.name, args.path, out)
    if args.command == "schema":
        return _schema(args.path, out)
    if args.command == "init":
        from launchgate.init import write_starter

        for line in write_starter(Path(args.path), force=args.force):
            out.write(line + "\n")
        return ExitCode.READY
    raise UsageError(f"unknown command {args.command!r}")  # pragma: no cover - argparse stops it


def _check(args: argparse.Namespace, out: TextIO) -> ExitCode:
    from launchgate.config import Config, load_config
    from launchgate.engine import Supplied, load_and_check
    from launchgate.findings import Severity
    from launchgate.manifest_files import check_something, narrowed, select
    from launchgate.reporters import reporter
    from launchgate.repository import open_repository

    selection = select(args.paths, Config().manifests)
    root = selection.root
    config, config_file = load_config(root)
    today = args.today or config.today()
    release = None
    if args.release is not None:
        from launchgate.release_target import target_for

        if not args.release.strip():
            raise UsageError("--release needs a version, e.g. --release 4.2.0")

        release = target_for(args.release, config, f"--release {args.release}", args.release_date)
    elif args.release_date is not None:
        raise UsageError("--release-date needs --release VERSION")
    fail_on = Severity.parse(args.fail_on)
    repo = open_repository(root, config, config_file)
    _left_for_exit.append(repo)
    selection = check_something(repo, selection, release is not None)
    report = narrowed(load_and_check(repo, today, fail_on, Supplied(release)), repo, selection)
    colour = args.format == "text" and _use_colour(args.color, out)
    out.write(reporter(args.format)(report, colour))
    return ExitCode.NOT_READY if report.failed else ExitCode.READY


def _load_launches(path: str) -> tuple[Config, str | None, Repository, list[LoadProblem]]:
    """A repository's launches for a report; the manifests that could not be read are
    named on stderr (`launchgate check` says more) and left out."""
    from launchgate.repository import load_repository

    # From a subfolder (launches/, say), the repository above it, as `launchgate check` does.
    root, config, config_file = _config_at(path)
    repo = load_repository(root, config, config_file)
    return config, config_file, repo, _say_skipped(repo)


def _say_skipped(repo: Repository) -> list[LoadProblem]:
    """Name on stderr the manifests that could not be read (or only in part), and return them."""
    from launchgate.escape import terminal_text
    from launchgate.repository import skipped_manifests

    root, config = repo.root, repo.config
    if repo.files_checked == 0:  # a report of nothing must not read as "nothing is due"
        patterns = ", ".join(config.manifests)
        print(
            terminal_text(f"launchgate: no launches found in {root}: no file matches {patterns}"),
            file=sys.stderr,
        )
    skipped = skipped_manifests(repo)
    loaded = {launch.file for launch in repo.launches}
    for problem in skipped:
        where = f"{problem.file}:{problem.problem.line}:{problem.problem.column}"
        # A launch with an invalid value is listed without it, not skipped.
        verb = "left out a value of" if problem.file in loaded else "skipped"
        print(
            terminal_text(f"launchgate: {verb} {where}: {problem.problem.message}"),
            file=sys.stderr,
        )
    return skipped


def _config_at(path: str) -> tuple[Path, Config, str | None]:
    """The repository at or above `path` as `launchgate check` finds it: root and config."""
    from launchgate.config import Config, load_config
    from launchgate.manifest_files import find_root

    if not Path(path).is_dir():
        raise UsageError(f"{path}: no such directory")
    root = find_root(Path(path), Config().manifests)
    return (root, *load_config(root))


def _checklists(name: str | None, path: str, out: TextIO) -> ExitCode:
    from launchgate.channels import channel_lookup, resolve
    from launchgate.checklist_view import Shelved, render_list, render_one
    from launchgate.repository import (
        builtin_checklists,
        checklist_files,
        read_checklist,
    )
    from launchgate.wording import did_you_mean

    root, config, _ = _config_at(path)
    files = checklist_files(root, config)
    if name is not None and name not in files:
        hint = did_you_mean(name, files) or f"known: {', '.join(files)}"
        if Path(name).is_dir():  # as `launchgate channels FOLDER` takes it
            hint += f"; for the checklists of {name}, run: launchgate checklists --path {name}"
        raise UsageError(f"no checklist named {name!r} ({hint})")
    builtin = builtin_checklists()
    shelf = []
    for each, (file, shown) in files.items():
        if name not in (None, each):
            continue
        problems: list[LoadProblem] = []
        checklist = read_checklist(file, shown, config, problems)
        said = tuple(
            f"{p.file}:{p.problem.line}:{p.problem.column}: {p.problem.message}" for p in problems
        )
        replaces = each in builtin and file.resolve() != builtin[each].resolve()
        shelf.append(Shelved(each, shown, checklist, replaces, said))
    unreadable = [problem for item in shelf if item.checklist is None for problem in item.problems]
    if name is None:
        out.write(render_list(shelf))
    elif shelf[0].checklist is not None:
        known = list(resolve(config.channels))
        out.write(render_one(shelf[0], shelf[0].checklist, channel_lookup(config), known))
    if unreadable:
        raise UsageError("cannot read a checklist:\n  " + "\n  ".join(unreadable))
    return ExitCode.READY


def _channels(args: argparse.Namespace, out: TextIO) -> ExitCode:
    from launchgate.channel_docs import entries, render
    from launchgate.channels import resolve
    from launchgate.config import config_name

    _, config, config_file = _config_at(args.path)
    listed = entries(resolve(config.channels), own=config.channels)
    out.write(render(listed, args.format, config_name(config_file)))
    return ExitCode.READY


def _schema(path: str | None, out: TextIO) -> ExitCode:
    from launchgate.schema import SCHEMA_FILE

    if path is None:  # the committed file: no pydantic to import
        out.write(SCHEMA_FILE.read_text(encoding="utf-8"))
        return ExitCode.READY
    from launchgate.schema import render

    _, config, _ = _config_at(path)
    out.write(render(config.channels))
    return ExitCode.READY


def _digest(args: argparse.Namespace, out: TextIO) -> ExitCode:
    """A report, not a gate: overdue work is exit 0 too. What could not be read goes to stderr."""
    from launchgate.due_work import build
    from launchgate.reporters.digest import render_json, render_markdown

    config, _, repo, skipped = _load_launches(args.path)
    days = config.digest.days if args.days is None else args.days
    digest = build(repo.launches, args.today or config.today(), days, skipped, config)
    if args.format == "json":
        out.write(render_json(digest))
    else:
        out.write(render_markdown(digest, mention=config.digest.mention))
    return ExitCode.READY


def _waivers(args: argparse.Namespace, out: TextIO) -> ExitCode:
    """A report, not a gate: expired or refused waivers are exit 0 too (`check` fails on them)."""
    from launchgate.engine import check_loaded
    from launchgate.reporters.waivers import render_json, render_markdown, render_text
    from launchgate.waiver_list import list_waivers

    config, config_file, repo, _ = _load_launches(args.path)
    report = check_loaded(repo, args.today or config.today())
    days = config.digest.days if args.days is None else args.days
    listed = list_waivers(repo.launches, report, config, config_file, days)
    render = {"json": render_json, "markdown": render_markdown}.get(args.format, render_text)
    out.write(render(listed))
    return ExitCode.READY


def _calendar(args: argparse.Namespace, out: TextIO) -> ExitCode:
    from launchgate.calendar_view import RENDERERS, Calendar, format_for

    config, config_file, repo, _ = _load_launches(args.path)
    calendar = Calendar(repo.launches, args.today or config.today(), config, config_file)
    text = RENDERERS[args.format or format_for(args.output)](calendar)
    if not text:
        print("launchgate: no launch has a date yet", file=sys.stderr)
    if args.output:
        # newline="": the ICS lines end in CRLF as RFC 5545 says, on every platform
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as target:
                target.write(text)
        except OSError as error:
            raise UsageError(f"cannot write {args.output}: {error.strerror}") from None
    else:
        out.write(text)
    return ExitCode.READY


def _board(args: argparse.Namespace, out: TextIO) -> ExitCode:
    """A report, not a gate: exit 0 once written, whatever the launches' state (`check` gates).

    The site shows whole launches (copy, collateral): the check's shards send them back whole.
    """
    from launchgate.board.site import Board, FileLinks, write_board
    from launchgate.engine import load_and_check
    from launchgate.repository import open_repository

    root, config, config_file = _config_at(args.path)
    repo = open_repository(root, config, config_file)
    _left_for_exit.append(repo)
    links = None
    address = args.repo_url or _ci_repository()
    if address:
        try:
            links = FileLinks(
                address, os.environ.get("GITHUB_SHA") or "HEAD", _git_prefix(repo.root)
            )
        except ValueError as error:
            raise UsageError(f"--repo-url: {error}") from None
    today = args.today or config.today()
    report = load_and_check(repo, today, whole=True)
    skipped = _say_skipped(repo)
    signoffs = None
    if os.environ.get("GITHUB_ACTIONS") == "true":  # who signed off: from GitHub, in CI only
        from launchgate.github.board_signoffs import signoffs_in_actions

        signoffs = signoffs_in_actions(os.environ, repo, out)
    board = Board(
        repo.launches, report, config, today, config_file, skipped, signoffs, links, repo.glossary
    )
    try:
        write_board(board, Path(args.output))
    except OSError as error:
        raise UsageError(
            f"cannot write the board to {args.output}: {error.strerror or error}"
        ) from None
    count = len(repo.launches)
    launches = f"{count} launch{'' if count == 1 else 'es'}"
    out.write(f"wrote the board of {launches} to {Path(args.output) / 'index.html'}\n")
    return ExitCode.READY


def _ci_repository() -> str | None:
    server, name = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    return f"{server.rstrip('/')}/{name}" if server and name else None


def _git_prefix(root: Path) -> str:
    """Where the checked folder is inside its git repository (`examples/`), for links."""
    here = root.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            inside = here.relative_to(folder).as_posix()
            return "" if inside == "." else inside + "/"
    return ""


def _use_colour(choice: str, out: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return out.isatty()


def _rules(out: TextIO) -> ExitCode:
    from launchgate.rules import ALL

    width = max(len(r.name) for r in ALL)
    for rule in ALL:
        where = f" ({rule.tag})" if rule.tag else ""
        out.write(f"{rule.name:<{width}}  {rule.severity.label:<7}  {rule.summary}{where}\n")
    return ExitCode.READY


def _explain(name: str, out: TextIO) -> ExitCode:
    from launchgate.rules import RULES
    from launchgate.wording import did_you_mean

    rule = RULES.get(name)
    if rule is None:
        close = did_you_mean(name, RULES)
        hint = f" ({close})" if close else "; `launchgate rules` lists them"
        raise UsageError(f"no rule named {name!r}{hint}")
    from launchgate.docs import see_also

    out.write(f"{rule.name} (default: {rule.severity.label})\n\n{rule.doc}\n")
    more = see_also(rule)
    if more:
        out.write(f"\n{more}\n")
    return ExitCode.READY
