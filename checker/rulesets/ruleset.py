"""Rule sets as data: find, load and validate rules/<id>/<version>.yaml into frozen dataclasses."""

import hashlib
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from checker.checks import CHECKS
from checker.checks import ITEM_TARGETS
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import load_schema
from checker.formats.inputs import parse_text
from checker.formats.inputs import schema_problems
from checker.formats.vocabulary import LEVEL_RANK
from checker.paths import shipped
from checker.rulesets.params import value_problems

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
    problems += _where_problems(where, rule)
    given = rule.get("parameters") or {}
    problems += _field_name_problems(where, rule, given)
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


# Which `where` filters make sense for which entries.
WHERE_FITS = {
    "categories": {"machines"},
    "min_operating_weight_t": {"machines"},
    "max_operating_weight_t": {"machines"},
    "purposes": {"vehicles", "heating"},
    "carriers": {"machines", "vehicles", "heating"},
}


def _where_problems(where: str, rule: dict) -> list[Problem]:
    problems = []
    for name in rule["check"].get("where") or {}:
        if rule["applies_to"] not in WHERE_FITS[name]:
            fits = ", ".join(sorted(WHERE_FITS[name]))
            problems.append(
                Problem(
                    f"{where}.check.where.{name}",
                    f"filters {fits} only; this rule applies to {rule['applies_to']}",
                )
            )
    if rule["applies_to"] != "vehicles" and (
        (rule.get("parameters") or {}).get("min_euro_class") or {}
    ).get("value"):
        problems.append(
            Problem(f"{where}.parameters.min_euro_class", "only vehicles have a Euro class")
        )
    return problems


@cache
def _tender_fields(list_name: str) -> frozenset[str]:
    return frozenset(
        load_schema("tender.schema.json")["properties"][list_name]["items"]["properties"]
    )


def _field_name_problems(where: str, rule: dict, given: dict) -> list[Problem]:
    """Field-list parameters must name real fields of the entries the rule applies to."""
    problems = []
    if rule["applies_to"] not in ("machines", "vehicles", "heating", "fuels", "exceptions"):
        return problems
    known = _tender_fields(rule["applies_to"])
    for name, spec in given.items():
        if name in ("required_fields", "quantity_fields") and isinstance(spec.get("value"), list):
            for field_name in spec["value"]:
                if field_name not in known:
                    problems.append(
                        Problem(
                            f"{where}.parameters.{name}.value",
                            f"{field_name!r} is no field of {rule['applies_to']}; known: {', '.join(sorted(known))}",
                        )
                    )
    return problems


def _level_order_problems(document: dict) -> list[Problem]:
    ranks = [LEVEL_RANK[level] for level in document["levels"]]
    if ranks != sorted(ranks):
        return [
            Problem("levels", "expected the levels from the lowest up: basis, advanced, spearhead")
        ]
    return []


def _name_rules(problems: list[Problem], document) -> list[Problem]:
    """Add the rule id to schema problems under rules[i], so the author finds the rule."""
    rules = document.get("rules") if isinstance(document, dict) else None
    if not isinstance(rules, list):
        return problems
    named = []
    for problem in problems:
        match = re.match(r"rules\[(\d+)\](.*)", problem.path)
        rule = rules[int(match.group(1))] if match and int(match.group(1)) < len(rules) else None
        if isinstance(rule, dict) and isinstance(rule.get("id"), str):
            problem = Problem(
                f"rules[{match.group(1)}] (rule {rule['id']}){match.group(2)}", problem.message
            )
        named.append(problem)
    return named


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
    problems = _name_rules(schema_problems(_ruleset_validator(), document), document)
    if not problems:
        problems = _file_name_problems(path, document) + _level_order_problems(document)
        problems += _cross_rule_problems(document)
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
    return shipped("rules")


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

    def newest_published(self, ruleset_id: str, versions: list[str]) -> str:
        """The default version: the newest published one (a draft is only used when named)."""
        for version in reversed(versions):
            if self.load(self.root / ruleset_id / f"{version}.yaml").status == "published":
                return version
        return versions[-1]

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
