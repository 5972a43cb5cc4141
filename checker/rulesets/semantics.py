"""What a rule set file must satisfy beyond its JSON Schema: each check type's parameters,
levels, references, `where` filters and field names, and names that match the file's place."""

import re
from functools import cache
from pathlib import Path

from checker.checks import CHECKS
from checker.checks import ITEM_TARGETS
from checker.formats.inputs import Problem
from checker.formats.inputs import load_schema
from checker.formats.vocabulary import LEVEL_RANK
from checker.rulesets.params import value_problems
from checker.rulesets.wording import placeholders


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
    sources = {source["id"] for source in document["sources"]}
    for name, spec in given.items():
        if spec.get("source") is not None and spec["source"] not in sources:
            path = f"{where}.parameters.{name}.source"
            problems.append(Problem(path, f"{spec['source']!r} is not in sources[]"))
    problems += _field_name_problems(where, rule, given)
    texts = {name: rule.get(name) for name in ("title", "requirement", "guidance", "note")}
    texts |= {f"evidence[{i}]": text for i, text in enumerate(rule.get("evidence") or [])}
    for name in sorted(placeholders(texts) - set(check_type.params)):
        problems.append(
            Problem(f"{where}.{{{name}}}", f"a text names {{{name}}}, not a parameter of the check")
        )
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


def name_rules(problems: list[Problem], document) -> list[Problem]:
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


def _correction_problems(path: Path, document: dict) -> list[Problem]:
    """A correction names an earlier version of the same rule set that exists beside it."""
    corrects = document.get("corrects")
    if not corrects:
        return []
    version = corrects["version"]
    own = tuple(int(part) for part in document["version"].split("."))
    if tuple(int(part) for part in version.split(".")) >= own:
        return [Problem("corrects.version", f"expected a version before {document['version']}")]
    if not (path.parent / f"{version}.yaml").exists():
        return [
            Problem(
                "corrects.version", f"no version {version!r} of {document['id']} beside this file"
            )
        ]
    return []


def document_problems(path: Path, document: dict) -> list[Problem]:
    """Every problem a schema-valid rule set document has beyond the schema."""
    problems = _file_name_problems(path, document) + _level_order_problems(document)
    problems += _cross_rule_problems(document) + _correction_problems(path, document)
    for index, rule in enumerate(document["rules"]):
        problems += _rule_problems(index, rule, document)
    return problems
