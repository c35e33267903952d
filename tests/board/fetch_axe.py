"""Copy axe-core's one browser file into ``tests/board/vendor/``.

What it does: downloads the npm package ``axe-core`` (``npm pack`` into a temporary
directory) and writes, unchanged, ``package/axe.min.js`` (the file the browser tests
inject into each page of the board), ``package/LICENSE`` (MPL-2.0: the file is
redistributed as is, so its licence goes beside it) and ``VERSION``. Nothing else of the
package is committed.

Run it again to refresh (from the repository root)::

    python -m tests.board.fetch_axe                    # the pinned version
    python -m tests.board.fetch_axe --version latest   # upgrade (then run the tests)
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import tempfile
from pathlib import Path

from tests.github.npm import pack

PACKAGE = "axe-core"
PINNED_VERSION = "4.14.1"
VENDOR = Path(__file__).resolve().parent / "vendor"
FILES = {"package/axe.min.js": "axe.min.js", "package/LICENSE": "LICENSE"}


def extract(tarball: Path, into: Path) -> str:
    """Write FILES and VERSION from the package tarball into `into`; the version."""
    with tarfile.open(tarball) as archive:
        manifest = archive.extractfile("package/package.json")
        assert manifest is not None
        version: str = json.load(manifest)["version"]
        for member, name in FILES.items():
            source = archive.extractfile(member)
            assert source is not None, member
            (into / name).write_bytes(source.read())
    (into / "VERSION").write_text(f"{PACKAGE} {version}\n", encoding="utf-8")
    return version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", default=PINNED_VERSION, help=f"default {PINNED_VERSION}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        version = extract(pack(PACKAGE, args.version, Path(work)), VENDOR)
    print(f"wrote {PACKAGE} {version} into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
