"""A large repository is checked on several cores; the report must not change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from launchgate import parallel
from launchgate.config import load_config
from launchgate.engine import check, check_repository
from launchgate.loader import PARALLEL_FROM
from launchgate.reporters import REPORTERS
from launchgate.repository import load_repository
from tests.conftest import write_tree

MANIFEST = """\
id: launch-{n}
checklist: minor
owners: {{product: "@ann"}}
release: {{version: "1.{n}.0", date: 2026-12-{day:02d}}}
announce: {{date: 2026-12-{day:02d}}}
copy:
  - {{channel: app_store.subtitle, locale: en-US, text: "{subtitle}"}}
  - {{channel: email.subject, locale: en-US, text: "Launch {n} is here"}}
collateral:
  - {{id: post, type: blog_post, owner: "@ann", due: 2026-11-{due:02d}, status: draft}}
"""


def _report(root: Path, fused: bool) -> str:
    config, name = load_config(root)
    today = dt.date(2026, 11, 23)
    if fused:  # what the CLI runs: each shard loaded and checked where it is
        report = check_repository(root, config, name, today)
    else:
        report = check(load_repository(root, config, name), today)
    return REPORTERS["json"](report, False)


@pytest.mark.skipif(parallel.spare_cores() < 1, reason="needs a second core (Linux)")
@pytest.mark.parametrize("fused", [True, False], ids=["check_repository", "load-then-check"])
def test_parallel_and_serial_reports_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fused: bool
) -> None:
    files: dict[str, str | bytes] = {
        f"launches/launch-{n:03d}.yaml": MANIFEST.format(
            n=n,
            day=1 + n % 28,
            due=1 + n % 29,
            subtitle="x" * (25 + n % 10),  # some over the 30-character limit
        )
        for n in range(PARALLEL_FROM + 17)
    }
    files["launches/broken.yaml"] = "id: [\n"
    write_tree(tmp_path, files)
    parallel_output = _report(tmp_path, fused)
    monkeypatch.setattr(parallel, "spare_cores", lambda: 0)
    serial_output = _report(tmp_path, fused)
    assert parallel_output == serial_output
    too_long = sum(1 for n in range(PARALLEL_FROM + 17) if 25 + n % 10 > 30)
    assert parallel_output.count('"rule": "copy-length"') == too_long  # both halves are there
    assert '"rule": "date-conflict"' not in serial_output  # minor: conflicts none
    assert serial_output.count('"rule": "manifest-invalid"') == 1
