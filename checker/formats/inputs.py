"""Reading JSON and YAML data files, and turning schema errors into messages a person can act on."""

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml

from checker.formats.messages import render
from checker.formats.messages import say
from checker.formats.problems import schema_message
from checker.formats.problems import short
from checker.paths import PACKAGE


@dataclass(frozen=True, eq=False)
class Problem:
    """One thing wrong with an input: where (a field path) and what was expected, a structured
    message (checker.formats.problems) or, from the command line's own checks, English text."""

    path: str
    message: dict | str

    def text(self, lang: str = "en") -> str:
        """What was expected, in the language."""
        return render(self.message, lang)

    def __str__(self) -> str:
        return f"{self.path or '(top level)'}: {self.text()}"

    def __eq__(self, other) -> bool:
        return isinstance(other, Problem) and (self.path, self.message) == (
            other.path,
            other.message,
        )

    def __hash__(self) -> int:
        return hash(str(self))


class InputError(Exception):
    """An input file is unusable; carries every problem found, not just the first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.describe())

    def describe(self) -> str:
        if len(self.problems) == 1 and not self.problems[0].path:
            return f"{self.source}: {self.problems[0].text()}"
        lines = [f"{self.source}: {len(self.problems)} problem(s)"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


MAX_BYTES = 20 * 1024 * 1024  # far above any real tender or rule set
MAX_DEPTH = 64  # our formats nest five levels deep at most


class _PlainLoader(yaml.SafeLoader):
    """Safe YAML loader that reads like JSON and refuses what JSON cannot express.

    Dates stay strings; only true/false are booleans (YAML 1.1 would read the country code NO,
    and yes/on/off, as booleans); aliases are refused (an alias bomb expands to gigabytes);
    a key given twice is an error instead of silently keeping the last.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "aliases (*name) are not accepted; write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            if isinstance(key, str):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


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


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number we accept")


def _json_pairs(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"the key {duplicates[0]!r} is given twice")
    return dict(pairs)


def _shape_problems(data, path: str = "", depth: int = 0) -> list[Problem]:
    """What JSON Schema cannot catch: non-text keys, NaN/infinity, absurd nesting."""
    if depth > MAX_DEPTH:
        return [Problem(path, say("input.too_deep", n=MAX_DEPTH))]
    if isinstance(data, float) and not math.isfinite(data):
        return [Problem(path, say("input.not_finite", found=str(data)))]
    problems = []
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str):
                problems.append(Problem(path, say("input.key_not_text", found=short(key))))
                continue
            problems += _shape_problems(value, f"{path}.{key}" if path else key, depth + 1)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            problems += _shape_problems(value, f"{path}[{index}]", depth + 1)
    return problems


def _parse_json(text: str, source: str):
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_json_pairs)
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        raise InputError(source, [Problem(where, say("input.json", detail=err.msg))]) from None
    except ValueError as err:  # NaN/Infinity, duplicate keys, integers of thousands of digits
        raise InputError(source, [Problem("", say("input.json", detail=str(err)))]) from None


def _parse_yaml(text: str, source: str):
    try:
        return yaml.load(text, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(err, "problem", None) or str(err)
        raise InputError(source, [Problem(where, say("input.yaml", detail=reason))]) from None
    except ValueError as err:
        raise InputError(source, [Problem("", say("input.yaml", detail=str(err)))]) from None


def parse_text(text: str, source: str):
    """Parse JSON or YAML text into plain data, refusing what our formats never contain."""
    try:
        # Text that starts like JSON is read as JSON: its error messages point at the real mistake.
        looks_like_json = text.lstrip().startswith(("{", "["))
        data = _parse_json(text, source) if looks_like_json else _parse_yaml(text, source)
        problems = _shape_problems(data)
    except RecursionError:
        raise InputError(source, [Problem("", say("input.far_too_deep"))]) from None
    if problems:
        raise InputError(source, problems)
    return data


def read_file(path: Path):
    """Read and parse one JSON/YAML file; unreadable files become an InputError."""
    try:
        if path.is_dir():
            raise InputError(str(path), [Problem("", say("input.folder"))])
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(str(path), [Problem("", say("input.not_found"))]) from None
    except OSError as err:
        raise InputError(
            str(path), [Problem("", say("input.unreadable", detail=err.strerror))]
        ) from None
    if len(raw) > MAX_BYTES:
        raise InputError(str(path), [Problem("", say("input.too_large", mb=MAX_BYTES // 2**20))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), [Problem("", say("input.not_utf8"))]) from None
    return parse_text(text, str(path))


def field_path(parts) -> str:
    """Render a jsonschema path deque as machines[2].energy_carrier."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def schema_problems(validator: jsonschema.protocols.Validator, data) -> list[Problem]:
    """Every schema violation in data, sorted by path, each with a plain-language expectation."""
    errors = sorted(validator.iter_errors(data), key=lambda err: list(map(str, err.absolute_path)))
    problems = [Problem(field_path(err.absolute_path), schema_message(err)) for err in errors]
    return list(dict.fromkeys(problems))  # one line per problem, in order


def load_schema(name: str) -> dict:
    """Load one of the JSON Schemas shipped in the package."""
    path = PACKAGE / "schemas" / name
    return json.loads(path.read_text(encoding="utf-8"))
