"""Read a JSON file out of an npm package: what both extract scripts start from."""

from __future__ import annotations

import json
import subprocess
import tarfile
from pathlib import Path
from typing import Any


def pack(package: str, version: str, workdir: Path) -> Path:
    """``npm pack`` PACKAGE@VERSION into workdir; the tarball's path."""
    result = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--pack-destination", str(workdir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return workdir / json.loads(result.stdout)[0]["filename"]


def read_json(tarball: Path, member: str) -> tuple[Any, str]:
    """The JSON document at MEMBER inside the tarball, and the package's version."""
    with tarfile.open(tarball) as archive:
        package_json = archive.extractfile("package/package.json")
        document = archive.extractfile(member)
        assert package_json is not None and document is not None
        version: str = json.load(package_json)["version"]
        return json.load(document), version
