"""Real webhook payloads (``<event>.<action>.json``), copied by ``extract.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def load(event: str, action: str) -> dict[str, Any]:
    """A fresh copy of the payload, e.g. ``load("pull_request", "opened")``."""
    payload: dict[str, Any] = json.loads((HERE / f"{event}.{action}.json").read_text("utf-8"))
    return payload
