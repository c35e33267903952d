"""GitHub's published REST contract (``openapi/subset.json``) as routes and validators.

``Contract.match(method, path)`` finds the operation a request is for;
``Contract.check_response`` / ``check_request_body`` / ``check_query`` return a list of
problems (empty when the message is within the contract). The schemas are JSON Schema
2020-12 (``openapi/extract.py`` converted them), validated with ``jsonschema`` and a
format checker for the formats GitHub's description relies on (date-time, uri, email).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SUBSET = Path(__file__).resolve().parent / "openapi" / "subset.json"
SUBSET_URI = "urn:launchgate:github-rest-subset"
# GitHub answers every error it does not document per operation with this shape.
BASIC_ERROR = "#/components/schemas/basic-error"

_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", re.ASCII
)

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and " " not in value


@FORMATS.checks("email")
def _is_email(value: object) -> bool:
    return not isinstance(value, str) or "@" in value


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    template: str  # "/repos/{owner}/{repo}/pulls/{pull_number}"
    spec: dict[str, Any] = field(repr=False, compare=False)

    @property
    def key(self) -> str:
        return f"{self.method} {self.template}"

    @property
    def operation_id(self) -> str:
        return str(self.spec["operationId"])

    def query_parameters(self) -> dict[str, dict[str, Any]]:
        return {p["name"]: p for p in self.spec.get("parameters", []) if p["in"] == "query"}


@dataclass(frozen=True)
class Match:
    operation: Operation
    params: dict[str, str]


class Contract:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.source: dict[str, Any] = document["info"]["x-source"]
        resource = DRAFT202012.create_resource(document)
        self._registry: Registry[Any] = Registry().with_resource(SUBSET_URI, resource)
        self._routes: list[tuple[re.Pattern[str], Operation]] = []
        for template, methods in document["paths"].items():
            pattern = _route_pattern(template)
            for method, spec in methods.items():
                self._routes.append((pattern, Operation(method.upper(), template, spec)))
        # Literal segments first: "/issues/comments/{id}" before "/issues/{issue_number}".
        self._routes.sort(key=lambda route: route[1].template.count("{"))
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    @cache
    def load(cls) -> Contract:
        return cls(json.loads(SUBSET.read_text(encoding="utf-8")))

    @property
    def operations(self) -> list[Operation]:
        return [operation for _, operation in self._routes]

    def match(self, method: str, path: str) -> Match | None:
        """The operation for METHOD PATH (PATH as sent, without prefix and query).

        Parameters come back percent-decoded.
        """
        for pattern, operation in self._routes:
            if operation.method != method:
                continue
            found = pattern.fullmatch(path)
            if found:
                params = {name: unquote(value) for name, value in found.groupdict().items()}
                if self._params_fit(operation, params):
                    return Match(operation, params)
        return None

    @staticmethod
    def _params_fit(operation: Operation, params: dict[str, str]) -> bool:
        """GitHub answers 404 when a path parameter is not of its type (issue number "x")."""
        for parameter in operation.spec.get("parameters", []):
            if parameter["in"] == "path" and parameter["name"] in params:
                schema = parameter.get("schema", {})
                value = _coerce(params[parameter["name"]], schema)
                if not Draft202012Validator(schema).is_valid(value):
                    return False
        return True

    def has_path(self, path: str) -> bool:
        return any(pattern.fullmatch(path) for pattern, _ in self._routes)

    def validator(self, pointer: str) -> Draft202012Validator:
        if pointer not in self._validators:
            self._validators[pointer] = Draft202012Validator(
                {"$ref": f"{SUBSET_URI}#{pointer}"},
                registry=self._registry,
                format_checker=FORMATS,
            )
        return self._validators[pointer]

    def check_response(
        self, operation: Operation, status: int, media_type: str, body: Any
    ) -> list[str]:
        """Problems with sending BODY (parsed JSON, or None for no body) as STATUS."""
        responses: dict[str, Any] = operation.spec["responses"]
        documented = responses.get(str(status))
        if documented is None:
            if status < 400:
                listed = ", ".join(responses)
                return [f"{operation.key}: status {status} is not documented (only {listed})"]
            if body is None:
                return []
            return self._errors(BASIC_ERROR.removeprefix("#"), body, f"{operation.key} {status}")
        content: dict[str, Any] = documented.get("content", {})
        if not content:
            if body is None:
                return []
            if status >= 400:
                # Documented without a body ("if user has no team membership"), but GitHub
                # sends its usual error body all the same.
                return self._errors(
                    BASIC_ERROR.removeprefix("#"), body, f"{operation.key} {status}"
                )
            return [f"{operation.key} {status}: GitHub sends no body, the fake sent one"]
        if media_type not in content:
            media_type = "application/json"
        if media_type not in content:
            return [f"{operation.key} {status}: media type {media_type} not documented"]
        if body is None:
            return [f"{operation.key} {status}: a body is documented, the fake sent none"]
        pointer = "/" + _pointer(
            "paths", operation.template, operation.method.lower(), "responses", str(status)
        )
        pointer += "/" + _pointer("content", media_type, "schema")
        return self._errors(pointer, body, f"{operation.key} {status}")

    def check_request_body(self, operation: Operation, body: Any) -> list[str]:
        request = operation.spec.get("requestBody")
        label = f"{operation.key} request body"
        if request is None:
            return [] if body is None else [f"{label}: the operation takes no body"]
        if body is None:
            return [f"{label}: required"] if request.get("required") else []
        pointer = "/" + _pointer(
            "paths", operation.template, operation.method.lower(), "requestBody"
        )
        pointer += "/" + _pointer("content", "application/json", "schema")
        problems = self._errors(pointer, body, label)
        schema = request["content"]["application/json"]["schema"]
        known = schema.get("properties")
        if isinstance(body, dict) and isinstance(known, dict):
            # GitHub ignores fields it does not know: a misspelt field is silently lost.
            problems += [
                f"{label}: unknown field {name!r} (GitHub would ignore it)"
                for name in body
                if name not in known
            ]
        return problems

    def check_query(self, operation: Operation, query: dict[str, str]) -> list[str]:
        known = operation.query_parameters()
        problems = []
        for name, value in query.items():
            parameter = known.get(name)
            if parameter is None:
                problems.append(f"{operation.key}: unknown query parameter {name!r}")
                continue
            schema = parameter.get("schema", {})
            coerced = _coerce(value, schema)
            errors = list(Draft202012Validator(schema, format_checker=FORMATS).iter_errors(coerced))
            if errors:
                problems.append(
                    f"{operation.key}: query parameter {name}={value!r}: {errors[0].message}"
                )
        return problems

    def _errors(self, pointer: str, instance: Any, label: str) -> list[str]:
        errors = list(self.validator(pointer).iter_errors(instance))
        if not errors:
            return []
        return [f"{label}: {_describe(error)}" for error in _most_relevant(errors)]


def _most_relevant(errors: Iterable[ValidationError]) -> list[ValidationError]:
    errors = list(errors)
    best = best_match(errors)
    rest = [error for error in errors if error is not best][:4]
    return [best, *rest] if best is not None else rest


def _describe(error: ValidationError) -> str:
    location = "".join(f"[{part!r}]" for part in error.absolute_path) or "body"
    message = error.message if len(error.message) < 300 else error.message[:300] + "…"
    if error.context:
        deepest = max(error.context, key=lambda sub: len(sub.absolute_path))
        inner = "".join(f"[{part!r}]" for part in deepest.absolute_path)
        message += f" (e.g. at {inner or 'body'}: {deepest.message[:200]})"
    return f"{location}: {message}"


def _coerce(value: str, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds and re.fullmatch(r"-?\d+", value):
        return int(value)
    if "boolean" in kinds and value in ("true", "false"):
        return value == "true"
    return value


def _route_pattern(template: str) -> re.Pattern[str]:
    pattern = ""
    for piece in re.split(r"(\{[^}]+\})", template):
        if piece.startswith("{"):
            name = piece[1:-1]
            if name == "path":  # a content path spans segments, and is "" for the root
                pattern += f"(?P<{name}>.*)"
            elif name == "basehead":  # "main...feature/x": branch names hold slashes
                pattern += f"(?P<{name}>.+)"
            elif name == "ref" and template.endswith("/matching-refs/{ref}"):
                pattern += f"(?P<{name}>.*)"  # "heads/feature/": a prefix of refs
            else:
                pattern += f"(?P<{name}>[^/]+)"
        else:
            pattern += re.escape(piece)
    return re.compile(pattern)
