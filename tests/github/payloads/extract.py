"""Copy real webhook payloads from ``@octokit/webhooks-examples`` into this folder.

What it does: downloads the npm package ``@octokit/webhooks-examples`` (``npm pack``
into a temporary directory), reads ``package/api.github.com/index.json`` (GitHub's
own examples, grouped by event) and writes, for each entry of ``WANTED`` below, the
first example of that event and action, unchanged, as ``<event>.<action>.json``
(``<event>.json`` for an event without actions; pretty-printed). ``index.json``
records the package version and which example each file is. These are the documents
a workflow finds at ``GITHUB_EVENT_PATH``.

Run it again to refresh (from the repository root)::

    python -m tests.github.payloads.extract                    # the pinned version
    python -m tests.github.payloads.extract --version latest   # upgrade
    python -m tests.github.payloads.extract --tarball webhooks-examples-7.6.1.tgz
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.github.npm import pack, read_json

PACKAGE = "@octokit/webhooks-examples"
PINNED_VERSION = "7.6.1"
SOURCE_FILE = "package/api.github.com/index.json"
HERE = Path(__file__).resolve().parent

# (event, action) pairs to copy; None for an event that has no actions. (A `schedule`
# run has no webhook, so the package has no example of it: tests build that payload.)
WANTED: list[tuple[str, str | None]] = [
    ("pull_request", "opened"),
    ("pull_request", "synchronize"),
    ("pull_request_review", "submitted"),
    ("pull_request_review", "dismissed"),
    ("workflow_dispatch", None),
    ("workflow_run", "completed"),
    ("merge_group", "checks_requested"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", default=PINNED_VERSION, help=f"default {PINNED_VERSION}")
    parser.add_argument("--tarball", type=Path, help="use this package tarball, no npm")
    parser.add_argument("--output", type=Path, default=HERE)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or pack(PACKAGE, args.version, Path(tmp))
        events, version = read_json(tarball, SOURCE_FILE)
    by_name = {event["name"]: event for event in events}

    files: dict[str, dict[str, Any]] = {}
    for name, action in WANTED:
        examples = by_name[name]["examples"]
        index = next(i for i, example in enumerate(examples) if example.get("action") == action)
        filename = f"{name}.{action}.json" if action else f"{name}.json"
        text = json.dumps(examples[index], indent=2, ensure_ascii=False) + "\n"
        (args.output / filename).write_text(text, encoding="utf-8")
        files[filename] = {"event": name, "action": action, "example": index}

    record = {"package": PACKAGE, "version": version, "source": SOURCE_FILE, "files": files}
    text = json.dumps(record, indent=2) + "\n"
    (args.output / "index.json").write_text(text, encoding="utf-8")
    print(f"{args.output}: {PACKAGE}@{version}, {len(files)} payloads", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
