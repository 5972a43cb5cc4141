"""Reading JSON and YAML data files, and turning schema errors into messages a person can act on."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a field path) and what was expected."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(top level)'}: {self.message}"


class InputError(Exception):
    """An input file is unusable; carries every problem found, not just the first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [f"{self.source}: {len(self.problems)} problem(s)"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


class _PlainLoader(yaml.SafeLoader):
    """Safe YAML loader that reads like JSON: dates stay strings, and only true/false are booleans.

    YAML 1.1 would read the country code NO (and yes, on, off) as a boolean.
    """


_BOOL_TAG = "tag:yaml.org,2002:bool"
_PlainLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regex)
        for tag, regex in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", _BOOL_TAG)
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_text(text: str, source: str):
    """Parse JSON or YAML text (JSON is YAML, but JSON errors read better from json)."""
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            return json.loads(text)
        return yaml.load(text, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader subclass
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        raise InputError(source, [Problem(where, f"not valid JSON: {err.msg}")]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(err, "problem", None) or str(err)
        raise InputError(source, [Problem(where, f"not valid YAML: {reason}")]) from None


def read_file(path: Path):
    """Read and parse one JSON/YAML file; unreadable files become an InputError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), [Problem("", "file not found")]) from None
    except UnicodeDecodeError:
        raise InputError(str(path), [Problem("", "not UTF-8 text")]) from None
    except OSError as err:
        raise InputError(str(path), [Problem("", f"cannot be read: {err.strerror}")]) from None
    return parse_text(text, str(path))


def field_path(parts) -> str:
    """Render a jsonschema path deque as machines[2].energy_carrier."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _expected(error: jsonschema.ValidationError) -> str:
    """Say what the schema expected, in words rather than schema jargon."""
    value = error.validator_value
    if error.validator == "enum":
        allowed = ", ".join("null" if item is None else str(item) for item in value)
        return f"expected one of: {allowed}; found {error.instance!r}"
    if error.validator == "const":
        return f"expected {value!r}; found {error.instance!r}"
    if error.validator == "required":
        missing = [name for name in value if name not in error.instance]
        return f"missing required field(s): {', '.join(missing)}"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown field(s): {', '.join(extra)}"
    if error.validator == "type":
        wanted = value if isinstance(value, str) else " or ".join(value)
        return f"expected {wanted}; found {type(error.instance).__name__} {error.instance!r}"
    if error.validator == "minimum":
        return f"expected a number of at least {value}; found {error.instance!r}"
    if error.validator == "pattern":
        hint = error.schema.get("description") or f"the pattern {value}"
        return f"expected {hint}; found {error.instance!r}"
    return error.message


def schema_problems(validator: jsonschema.protocols.Validator, data) -> list[Problem]:
    """Every schema violation in data, sorted by path, each with a plain-language expectation."""
    errors = sorted(validator.iter_errors(data), key=lambda err: list(map(str, err.absolute_path)))
    return [Problem(field_path(err.absolute_path), _expected(err)) for err in errors]


def load_schema(name: str) -> dict:
    """Load one of the JSON Schemas shipped in the package."""
    path = Path(__file__).parent / "schemas" / name
    return json.loads(path.read_text(encoding="utf-8"))
