"""Extract the slice of GitHub's REST description that the fake GitHub serves.

What it does: downloads the npm package ``@octokit/openapi`` (``npm pack`` into a
temporary directory; npm is the only thing it needs from the outside), reads
``package/generated/api.github.com.json`` (the package ships OpenAPI 3.0.3 only,
no 3.1 variant), keeps the operations in ``OPERATIONS`` below, and writes
``subset.json`` beside this file: an OpenAPI 3.1 document whose schemas are plain
JSON Schema 2020-12, so ``jsonschema`` validates against them as they are.

On the way it:
- inlines ``$ref``s to shared parameters, responses and request bodies, keeps
  ``$ref``s to ``#/components/schemas/...`` and copies every schema they reach
  (transitively) into ``components.schemas``, plus ``basic-error``, which the fake
  uses for error statuses an operation does not list;
- turns OpenAPI 3.0's ``nullable: true`` into a type union (``["string", "null"]``,
  ``null`` added to an ``enum``) or, beside ``$ref``/``allOf``/``oneOf``, into
  ``anyOf: [..., {"type": "null"}]``; ``nullable: false`` is dropped;
- drops what validation does not need: descriptions, titles, examples, summaries,
  ``externalDocs`` (except each operation's URL, which GitHub's error bodies carry as
  ``documentation_url``), ``x-*`` extensions, response headers and media types that
  carry no schema.

The package version and the source file are recorded under ``info.x-source``.

Run it again to refresh (from the repository root)::

    python -m tests.github.openapi.extract                    # the pinned version
    python -m tests.github.openapi.extract --version latest   # upgrade
    python -m tests.github.openapi.extract --tarball openapi-23.0.2.tgz  # offline

then run the tests: ``tests/github/test_fake.py`` proves that the fake still
answers within the (possibly new) contract.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.github.npm import pack, read_json

PACKAGE = "@octokit/openapi"
PINNED_VERSION = "23.0.2"
SOURCE_FILE = "package/generated/api.github.com.json"
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "subset.json"

# (method, path template) of every operation the fake serves.
OPERATIONS: list[tuple[str, str]] = [
    ("get", "/repos/{owner}/{repo}/contents/{path}"),
    ("get", "/repos/{owner}/{repo}/pulls"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}/files"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}/commits"),
    ("get", "/repos/{owner}/{repo}/compare/{basehead}"),
    ("get", "/orgs/{org}/teams/{team_slug}/memberships/{username}"),
    ("get", "/orgs/{org}/teams/{team_slug}"),
    ("get", "/repos/{owner}/{repo}/git/matching-refs/{ref}"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
    ("patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),
    ("delete", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),
    ("post", "/repos/{owner}/{repo}/statuses/{sha}"),
    ("get", "/repos/{owner}/{repo}/commits"),
    ("get", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls"),
    ("get", "/repos/{owner}/{repo}/issues"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}"),
    ("post", "/repos/{owner}/{repo}/issues"),
    ("patch", "/repos/{owner}/{repo}/issues/{issue_number}"),
    ("get", "/repos/{owner}/{repo}"),
    ("get", "/user"),
]

# Schemas kept even when no operation reaches them.
ALWAYS_KEEP = ["basic-error"]

# Keys of a schema object that hold one schema / a list of schemas / a map of schemas.
SCHEMA_KEYS = {"items", "not", "additionalProperties", "contains", "propertyNames"}
SCHEMA_LIST_KEYS = {"allOf", "anyOf", "oneOf", "prefixItems"}
SCHEMA_MAP_KEYS = {"properties", "patternProperties", "$defs"}
# Annotations dropped from schema objects (validation does not read them).
DROPPED_SCHEMA_KEYS = {"description", "title", "example", "examples", "externalDocs", "xml"}

SCHEMA_REF = "#/components/schemas/"


def convert_schema(schema: Any) -> Any:
    """An OpenAPI 3.0 schema object as JSON Schema 2020-12, annotations dropped."""
    if isinstance(schema, bool) or not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in DROPPED_SCHEMA_KEYS or key.startswith("x-") or key == "nullable":
            continue
        if key in SCHEMA_KEYS:
            out[key] = convert_schema(value)
        elif key in SCHEMA_LIST_KEYS:
            out[key] = [convert_schema(item) for item in value]
        elif key in SCHEMA_MAP_KEYS:
            out[key] = {name: convert_schema(item) for name, item in value.items()}
        else:
            out[key] = copy.deepcopy(value)
    if schema.get("exclusiveMinimum") is True:
        out["exclusiveMinimum"] = out.pop("minimum")
    elif schema.get("exclusiveMinimum") is False:
        del out["exclusiveMinimum"]
    if schema.get("exclusiveMaximum") is True:
        out["exclusiveMaximum"] = out.pop("maximum")
    elif schema.get("exclusiveMaximum") is False:
        del out["exclusiveMaximum"]
    if schema.get("nullable") is True:
        out = make_nullable(out)
    return out


def make_nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str) and not any(k in schema for k in ("$ref", *SCHEMA_LIST_KEYS)):
        schema["type"] = [kind, "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    if isinstance(kind, list):
        if "null" not in kind:
            schema["type"] = [*kind, "null"]
        return schema
    return {"anyOf": [schema, {"type": "null"}]}


def resolve(document: dict[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (to a parameter, response, request body…) to its target."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def convert_content(document: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for media_type, media in content.items():
        media = resolve(document, media)
        if "schema" in media:
            kept[media_type] = {"schema": convert_schema(resolve_top(document, media["schema"]))}
    return kept


def resolve_top(document: dict[str, Any], schema: Any) -> Any:
    """Schema refs stay refs; anything else that is a ref (rare) is inlined."""
    if isinstance(schema, dict) and "$ref" in schema and not schema["$ref"].startswith(SCHEMA_REF):
        return resolve(document, schema)
    return schema


def convert_operation(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"operationId": operation["operationId"]}
    if "url" in operation.get("externalDocs", {}):
        # GitHub's error bodies carry it as their documentation_url.
        out["externalDocs"] = {"url": operation["externalDocs"]["url"]}
    parameters = []
    for parameter in operation.get("parameters", []):
        parameter = resolve(document, parameter)
        kept = {"name": parameter["name"], "in": parameter["in"]}
        if parameter.get("required"):
            kept["required"] = True
        kept["schema"] = convert_schema(parameter.get("schema", {}))
        parameters.append(kept)
    if parameters:
        out["parameters"] = parameters
    if "requestBody" in operation:
        body = resolve(document, operation["requestBody"])
        out["requestBody"] = {
            "required": bool(body.get("required")),
            "content": convert_content(document, body.get("content", {})),
        }
    responses: dict[str, Any] = {}
    for status, response in operation["responses"].items():
        response = resolve(document, response)
        converted: dict[str, Any] = {"description": response.get("description", "")}
        content = convert_content(document, response.get("content", {}))
        if content:
            converted["content"] = content
        responses[status] = converted
    out["responses"] = responses
    return out


def schema_refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_REF):
            found.add(ref.removeprefix(SCHEMA_REF))
        for value in node.values():
            found |= schema_refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= schema_refs(value)
    return found


def build_subset(document: dict[str, Any], version: str) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for method, template in OPERATIONS:
        operation = document["paths"][template][method]
        paths.setdefault(template, {})[method] = convert_operation(document, operation)

    all_schemas = document["components"]["schemas"]
    wanted = schema_refs(paths) | set(ALWAYS_KEEP)
    schemas: dict[str, Any] = {}
    while wanted:
        name = wanted.pop()
        if name in schemas:
            continue
        schemas[name] = convert_schema(all_schemas[name])
        wanted |= schema_refs(schemas[name]) - schemas.keys()

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "GitHub REST API: the subset launchgate's fake GitHub serves",
            "version": document["info"]["version"],
            "x-source": {
                "package": PACKAGE,
                "version": version,
                "file": SOURCE_FILE.removeprefix("package/"),
                "openapi": document["openapi"],
                "generator": "tests/github/openapi/extract.py",
            },
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": dict(sorted(schemas.items()))},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", default=PINNED_VERSION, help=f"default {PINNED_VERSION}")
    parser.add_argument("--tarball", type=Path, help="use this package tarball, no npm")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or pack(PACKAGE, args.version, Path(tmp))
        document, version = read_json(tarball, SOURCE_FILE)
    subset = build_subset(document, version)
    text = json.dumps(subset, indent=1, ensure_ascii=False) + "\n"
    args.output.write_text(text, encoding="utf-8")
    operations = sum(len(methods) for methods in subset["paths"].values())
    print(
        f"{args.output}: {PACKAGE}@{version}, {operations} operations, "
        f"{len(subset['components']['schemas'])} schemas, {len(text) // 1024} KiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
