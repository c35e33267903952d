"""SECURITY.md's promises: each names the tests that hold it, and those tests exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT, run_cli, write_tree


def _test_names() -> set[str]:
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        }
    return names


def test_every_promise_names_tests_that_exist() -> None:
    page = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| ") and "---" not in line]
    promises = rows[1:]  # the header row says "promise | how | tested by"
    assert len(promises) >= 10
    known = _test_names()
    for row in promises:
        named = re.findall(r"`(test_\w+)`", row.rsplit("|", 2)[-2])
        assert named, f"no test named for: {row[:80]}"
        missing = [name for name in named if name not in known]
        assert not missing, f"SECURITY.md names tests that do not exist: {missing}"


def test_a_manifest_linked_outside_the_repository_is_refused(tmp_path: Path) -> None:
    secret = write_tree(tmp_path / "elsewhere", {"secret.yaml": "id: secret\n"})
    root = write_tree(tmp_path / "repo", {"launches/ok.yaml": "id: ok\n"})
    (root / "launches" / "leak.yaml").symlink_to(secret / "secret.yaml")
    done = run_cli("check", str(root), "--format", "json")
    assert "launches/leak.yaml" in done.stdout
    assert "links outside the repository" in done.stdout
    assert '"id": "secret"' not in done.stdout
