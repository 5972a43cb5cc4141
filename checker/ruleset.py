"""Rule sets as data: find, load and validate rules/<id>/<version>.yaml into frozen dataclasses."""

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from checker.checks import CHECKS
from checker.checks import ITEM_TARGETS
from checker.inputs import InputError
from checker.inputs import Problem
from checker.inputs import load_schema
from checker.inputs import parse_text
from checker.inputs import schema_problems
from checker.params import value_problems
from checker.vocabulary import LEVEL_RANK

RULESET_FORMAT_SCHEMA = "ruleset.schema.json"


class RulesetError(InputError):
    """A rule set file is broken, or a requested rule set or version does not exist."""


@dataclass(frozen=True)
class Parameter:
    """A rule parameter: its value and the range a procurement may tailor it within."""

    value: object
    min: float | None = None
    max: float | None = None
    choices: tuple | None = None
    unit: str | None = None
    unverified: str | None = None

    @property
    def is_tailorable(self) -> bool:
        return self.min is not None or self.max is not None or self.choices is not None


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    level: str
    replaces: str | None
    applies_to: str
    check_type: str
    where: dict
    parameters: dict[str, Parameter]
    title: dict
    requirement: dict
    evidence: tuple
    guidance: dict
    source: dict
    origin: str
    note: dict | None


@dataclass(frozen=True)
class Ruleset:
    id: str
    version: str
    sha256: str
    path: Path
    status: str
    title: dict
    description: dict
    publisher: str
    sources: tuple
    levels: tuple[str, ...]
    rules: tuple[Rule, ...]

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def reference(self) -> dict:
        return {"id": self.id, "version": self.version, "sha256": self.sha256}

    def source(self, ref: str) -> dict:
        return next(source for source in self.sources if source["id"] == ref)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@cache
def _ruleset_validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(load_schema(RULESET_FORMAT_SCHEMA))


def _rule_problems(index: int, rule: dict, document: dict) -> list[Problem]:
    """Checks the schema cannot express: the check type's parameters, levels, references."""
    where = f"rules[{index}] (rule {rule['id']})"
    check_type = CHECKS[rule["check"]["type"]]
    problems = []
    targets = ITEM_TARGETS | {"tender", "procurement"}
    if rule["applies_to"] not in check_type.targets or rule["applies_to"] not in targets:
        allowed = ", ".join(sorted(check_type.targets))
        problems.append(
            Problem(f"{where}.applies_to", f"check {check_type.name} applies to {allowed}")
        )
    if rule["level"] not in document["levels"]:
        problems.append(
            Problem(f"{where}.level", f"expected one of the rule set's levels {document['levels']}")
        )
    if rule["source"]["ref"] not in {source["id"] for source in document["sources"]}:
        problems.append(
            Problem(f"{where}.source.ref", f"{rule['source']['ref']!r} is not in sources[]")
        )
    given = rule.get("parameters") or {}
    for name in sorted(set(given) - set(check_type.params)):
        known = ", ".join(sorted(check_type.params)) or "none"
        problems.append(
            Problem(
                f"{where}.parameters.{name}",
                f"unknown parameter for {check_type.name}; known: {known}",
            )
        )
    for name, spec in check_type.params.items():
        if name not in given:
            if spec.required:
                problems.append(
                    Problem(f"{where}.parameters.{name}", "required parameter is missing")
                )
            continue
        problems += value_problems(f"{where}.parameters.{name}", spec.type, given[name])
    return problems


def _cross_rule_problems(document: dict) -> list[Problem]:
    problems, seen = [], {}
    for index, rule in enumerate(document["rules"]):
        if rule["id"] in seen:
            problems.append(Problem(f"rules[{index}].id", f"rule id {rule['id']!r} is used twice"))
        seen[rule["id"]] = rule
    for index, rule in enumerate(document["rules"]):
        replaced = seen.get(rule.get("replaces"))
        if rule.get("replaces") and replaced is None:
            problems.append(
                Problem(
                    f"rules[{index}].replaces", f"no rule {rule['replaces']!r} in this rule set"
                )
            )
        elif replaced and LEVEL_RANK[replaced["level"]] >= LEVEL_RANK[rule["level"]]:
            problems.append(
                Problem(f"rules[{index}].replaces", "may only replace a rule of a lower level")
            )
    return problems


def _file_name_problems(path: Path, document: dict) -> list[Problem]:
    problems = []
    if path.parent.name != document["id"]:
        problems.append(
            Problem("id", f"expected {path.parent.name!r}, the name of the folder it is in")
        )
    if path.stem != document["version"]:
        problems.append(Problem("version", f"expected {path.stem!r}, the file name without .yaml"))
    return problems


def _build(path: Path, raw: bytes, document: dict) -> Ruleset:
    rules = tuple(
        Rule(
            id=rule["id"],
            kind=rule["kind"],
            level=rule["level"],
            replaces=rule.get("replaces"),
            applies_to=rule["applies_to"],
            check_type=rule["check"]["type"],
            where=rule["check"].get("where") or {},
            parameters={
                name: Parameter(
                    value=spec["value"],
                    min=spec.get("min"),
                    max=spec.get("max"),
                    choices=tuple(spec["choices"]) if "choices" in spec else None,
                    unit=spec.get("unit"),
                    unverified=spec.get("unverified"),
                )
                for name, spec in (rule.get("parameters") or {}).items()
            },
            title=rule["title"],
            requirement=rule["requirement"],
            evidence=tuple(rule["evidence"]),
            guidance=rule["guidance"],
            source=rule["source"],
            origin=rule["origin"],
            note=rule.get("note"),
        )
        for rule in document["rules"]
    )
    return Ruleset(
        id=document["id"],
        version=document["version"],
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        status=document["status"],
        title=document["title"],
        description=document["description"],
        publisher=document["publisher"],
        sources=tuple(document["sources"]),
        levels=tuple(document["levels"]),
        rules=rules,
    )


def load_ruleset_file(path: Path) -> Ruleset:
    """Load one rule set file, or raise RulesetError naming the file, rule id and path of each problem."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RulesetError(str(path), [Problem("", f"cannot be read: {err.strerror}")]) from None
    try:
        document = parse_text(raw.decode("utf-8"), str(path))
    except (UnicodeDecodeError, InputError) as err:
        problems = err.problems if isinstance(err, InputError) else [Problem("", "not UTF-8 text")]
        raise RulesetError(str(path), problems) from None
    if not isinstance(document, dict):
        raise RulesetError(
            str(path), [Problem("", "expected a mapping with id, version and rules")]
        )
    problems = schema_problems(_ruleset_validator(), document)
    if not problems:
        problems = _file_name_problems(path, document) + _cross_rule_problems(document)
        for index, rule in enumerate(document["rules"]):
            problems += _rule_problems(index, rule, document)
    if problems:
        raise RulesetError(str(path), problems)
    return _build(path, raw, document)


def default_rules_dir() -> Path:
    """CHECKER_RULES_DIR, else the rules shipped inside the package, else the checkout's rules/."""
    configured = os.environ.get("CHECKER_RULES_DIR")
    if configured:
        return Path(configured)
    packaged = Path(__file__).parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "rules"


class RuleLibrary:
    """All rule set files under one folder: rules/<id>/<version>.yaml."""

    def __init__(self, root: Path | None = None):
        self.root = root or default_rules_dir()
        self._cache: dict[Path, Ruleset] = {}

    def files(self) -> list[Path]:
        return sorted(self.root.glob("*/*.yaml"))

    def versions(self, ruleset_id: str) -> list[str]:
        return sorted(
            (path.stem for path in (self.root / ruleset_id).glob("*.yaml")), key=_safe_version_key
        )

    def ids(self) -> list[str]:
        return sorted({path.parent.name for path in self.files()})

    def load(self, path: Path) -> Ruleset:
        if path not in self._cache:
            self._cache[path] = load_ruleset_file(path)
        return self._cache[path]

    def get(self, ruleset_id: str, version: str | None = None) -> Ruleset:
        """The named version, or the newest when version is None."""
        versions = self.versions(ruleset_id)
        if not versions:
            known = ", ".join(self.ids()) or "none"
            raise RulesetError(
                "--ruleset", [Problem("", f"no rule set {ruleset_id!r}; known: {known}")]
            )
        chosen = version or versions[-1]
        if chosen not in versions:
            raise RulesetError(
                "--version",
                [
                    Problem(
                        "", f"{ruleset_id} has no version {chosen!r}; known: {', '.join(versions)}"
                    )
                ],
            )
        return self.load(self.root / ruleset_id / f"{chosen}.yaml")


def _safe_version_key(version: str) -> tuple:
    """Sort key that survives a malformed file name (which validation then reports)."""
    try:
        return (0, version_key(version))
    except ValueError:
        return (-1, ())
