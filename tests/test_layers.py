"""Which module may import which: the arrows of the layout, held by the tests.

Every import counts, at the top of a module or inside a function, so a cycle
cannot hide behind a late import. The layers, from the bottom:

- the domain and file loading (models, loader, launch, findings, config, ...)
  import no rules, no reporters and nothing of GitHub;
- the rules import the domain, never GitHub or the reporters;
- the reporters turn a Report into text, and import nothing of GitHub; nor does the
  launch board (board/), which turns a Report and its launches into pages: who
  signed off in CI reaches it as plain data from the command;
- github/ runs and publishes a check through the engine, and names no rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "launchgate"

DOMAIN = (
    "models",
    "loader",
    "launch",
    "findings",
    "config",
    "salvage",
    "validate",
    "repository",
    "signoff_state",
    "signoff_records",
    "release_target",
    "rule_names",
    "waivers",
    "channels",
    "channel_names",
    "channel_catalogue",
    "channel_locales",
    "workdays",
    "locales",
    "yaml_mistakes",
    "errors",
    "data_keys",
    "dated_work",
    "days",
    "wording",
)


def imports(module: Path) -> set[str]:
    """Every launchgate module the file imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("launchgate")}


def modules(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.py"))


def offending(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in files
        for name in sorted(imports(path))
        if name.startswith(forbidden)
    ]


@pytest.mark.parametrize("name", DOMAIN)
def test_the_domain_and_file_loading_import_no_rules_reporters_or_github(name: str) -> None:
    forbidden = (
        "launchgate.rules",
        "launchgate.reporters",
        "launchgate.github",
        "launchgate.engine",
    )
    assert offending([PACKAGE / f"{name}.py"], forbidden) == []


def test_rules_import_nothing_of_github_or_the_reporters() -> None:
    forbidden = ("launchgate.github", "launchgate.reporters", "launchgate.engine")
    assert offending(modules(PACKAGE / "rules"), forbidden) == []


def test_reporters_import_nothing_of_github() -> None:
    assert offending(modules(PACKAGE / "reporters"), ("launchgate.github",)) == []


def test_the_board_imports_nothing_of_github() -> None:
    assert offending(modules(PACKAGE / "board"), ("launchgate.github",)) == []


def test_github_names_no_rule() -> None:
    assert offending(modules(PACKAGE / "github"), ("launchgate.rules",)) == []


def test_every_domain_module_listed_exists() -> None:
    assert [name for name in DOMAIN if not (PACKAGE / f"{name}.py").exists()] == []


def test_the_config_knows_every_rule_name_without_importing_the_rules() -> None:
    from launchgate.rule_names import RULE_NAMES
    from launchgate.rules import ALL

    assert tuple(rule.name for rule in ALL) == RULE_NAMES


def test_no_function_takes_more_than_five_parameters() -> None:
    """More than five is a sign of a missing object: group them in a named, typed one."""
    crowded = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = node.args
                names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
                names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
                count = len([name for name in names if name not in ("self", "cls")])
                if count > 5:
                    crowded.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}")
    assert crowded == []


def test_the_ci_command_stays_a_dispatcher() -> None:
    """github/ci.py reads the event and publishes; the checking lives in github/pull_run.py."""
    lines = (PACKAGE / "github" / "ci.py").read_text(encoding="utf-8").count("\n")
    assert lines < 250


def test_only_the_engine_makes_findings() -> None:
    """Every rule's violations become findings in engine.py, and nowhere else: one place
    grades, places and describes them (and will apply waivers)."""
    makers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in ("engine.py", "findings.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("Finding", "_replace"):
                makers.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {name}")
    assert makers == []
