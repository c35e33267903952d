"""Work a rule does once per run, not once per launch: the glossary's pattern, owner verdicts.

A repository of two thousand launches pays for these once; done per launch, the
check would be as right and many times slower (benchmarks/run.py measures it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from launchgate.rules import copy, owners
from tests.rules.conftest import HEADER, CheckRepo, fired

GLOSSARY = "terms:\n  - {use: sign in, instead_of: [log in]}\n"


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls: list[int] = []
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _launches(extra: str) -> dict[str, str]:
    return {
        f"launches/l{n}.yaml": HEADER.replace("id: demo", f"id: l{n}") + extra for n in range(3)
    }


def test_the_glossary_pattern_is_compiled_once_per_run(
    check_repo: CheckRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, copy, "_term_pattern")
    copy_item = "copy:\n  - {channel: web.title, locale: en-US, text: 'Log in to see'}\n"
    report = check_repo({**_launches(copy_item), "glossary.yaml": GLOSSARY})
    assert len(fired(report, "copy-term")) == 3
    assert len(calls) == 1


def test_owner_verdicts_are_worked_out_once_per_run(
    check_repo: CheckRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, owners, "_Verdicts")
    report = check_repo(_launches("collateral:\n  - {id: d, type: x, owner: nobody}\n"))
    assert len(fired(report, "owner-unknown")) == 3
    assert len(calls) == 1
