"""The assessment engine: a tender against one rule set version, level and tailoring. No I/O."""

from checker import __version__
from checker.checks import CHECKS
from checker.checks import Context
from checker.emissions import Factors
from checker.emissions import compute_metrics
from checker.emissions import load_factors
from checker.inputs import InputError
from checker.inputs import Problem
from checker.params import check_value
from checker.params import range_problems
from checker.ruleset import Rule
from checker.ruleset import Ruleset
from checker.tender import tender_sha256
from checker.texts import say
from checker.vocabulary import BLOCKING_KINDS
from checker.vocabulary import LEVEL_RANK

ASSESSMENT_FORMAT = "climate-assessment/1"
# When items disagree, the rule takes the most serious state among them.
FOLD_ORDER = (
    "fail",
    "error",
    "not_answered",
    "manual_review",
    "waived",
    "pass",
    "informational",
    "not_applicable",
)
FOLD_RANK = {status: rank for rank, status in enumerate(FOLD_ORDER)}


class TailoringError(InputError):
    """A level or tailoring that the rule set does not allow."""


def select_rules(ruleset: Ruleset, level: str) -> list[Rule]:
    """Rules of the level and every level below it, minus those a selected rule replaces."""
    chosen = [rule for rule in ruleset.rules if LEVEL_RANK[rule.level] <= LEVEL_RANK[level]]
    replaced = {rule.replaces for rule in chosen if rule.replaces}
    return [rule for rule in chosen if rule.id not in replaced]


def normalise_tailoring(ruleset: Ruleset, level: str, tailoring: dict | None) -> dict:
    """Check a tailoring against the rule set and return it in canonical form."""
    tailoring = tailoring or {}
    problems = []
    if level not in ruleset.levels:
        problems.append(
            Problem("level", f"expected one of {', '.join(ruleset.levels)}; found {level!r}")
        )
    unknown_keys = set(tailoring) - {"deselected", "parameters"}
    problems += [
        Problem(key, "unknown tailoring field; expected deselected or parameters")
        for key in unknown_keys
    ]
    deselected = tailoring.get("deselected") or {}
    for rule_id, reason in deselected.items():
        if ruleset.rule(rule_id) is None:
            problems.append(Problem(f"deselected.{rule_id}", "no such rule in this rule set"))
        elif not isinstance(reason, str) or not reason.strip():
            problems.append(
                Problem(f"deselected.{rule_id}", "expected a reason for deselecting the rule")
            )
    parameters = tailoring.get("parameters") or {}
    for rule_id, values in parameters.items():
        problems += _parameter_problems(ruleset, rule_id, values)
    if problems:
        raise TailoringError("tailoring", problems)
    return {
        "deselected": dict(sorted(deselected.items())),
        "parameters": {
            key: dict(sorted(value.items())) for key, value in sorted(parameters.items())
        },
    }


def _parameter_problems(ruleset: Ruleset, rule_id: str, values: dict) -> list[Problem]:
    rule = ruleset.rule(rule_id)
    if rule is None:
        return [Problem(f"parameters.{rule_id}", "no such rule in this rule set")]
    problems = []
    for name, value in values.items():
        path = f"parameters.{rule_id}.{name}"
        declared = rule.parameters.get(name)
        if declared is None or not declared.is_tailorable:
            problems.append(Problem(path, "this parameter cannot be tailored"))
            continue
        spec = {"min": declared.min, "max": declared.max, "choices": declared.choices}
        type_problems = check_value(path, CHECKS[rule.check_type].params[name].type, value)
        problems += type_problems or range_problems(path, spec, value)
    return problems


def effective_parameters(rule: Rule, tailoring: dict) -> dict:
    """Check-type defaults, then the rule file's values, then the procurement's tailoring."""
    values = {
        name: spec.default
        for name, spec in CHECKS[rule.check_type].params.items()
        if not spec.required
    }
    values |= {name: parameter.value for name, parameter in rule.parameters.items()}
    return values | tailoring["parameters"].get(rule.id, {})


def _matches(entry: dict, where: dict) -> bool:
    if "categories" in where and entry.get("category") not in where["categories"]:
        return False
    if "purposes" in where and entry.get("purpose") not in where["purposes"]:
        return False
    if "carriers" in where and entry.get("energy_carrier") not in where["carriers"]:
        return False
    weight = entry.get("operating_weight_t")
    if "min_operating_weight_t" in where and (
        weight is None or weight < where["min_operating_weight_t"]
    ):
        return False
    if "max_operating_weight_t" in where and (
        weight is None or weight > where["max_operating_weight_t"]
    ):
        return False
    return True


def entries_for(rule: Rule, tender: dict) -> list[dict]:
    if rule.applies_to in ("tender", "procurement"):
        return []
    entries = tender.get(rule.applies_to) or []
    return (
        [entry for entry in entries if _matches(entry, rule.where)] if rule.where else list(entries)
    )


def fold(items: list[dict]) -> str:
    return min((entry["status"] for entry in items), key=FOLD_RANK.__getitem__)


STATUS_WORDS = {
    "pass": ("pass", "bestått"),
    "fail": ("fail", "brudd"),
    "error": ("error", "feil"),
    "not_answered": ("not answered", "ikke besvart"),
    "manual_review": ("manual review", "manuell vurdering"),
    "waived": ("waived", "unntak gitt"),
    "informational": ("informational", "til informasjon"),
    "not_applicable": ("not applicable", "ikke relevant"),
}


def count_message(items: list[dict]) -> dict:
    """'8 checked: 7 pass, 1 fail' in both languages, most serious state first."""
    counts: dict[str, int] = {}
    for entry in items:
        counts[entry["status"]] = counts.get(entry["status"], 0) + 1
    ordered = sorted(counts, key=FOLD_RANK.__getitem__)
    return {
        "en": f"{len(items)} checked: "
        + ", ".join(f"{counts[s]} {STATUS_WORDS[s][0]}" for s in ordered),
        "nb": f"{len(items)} kontrollert: "
        + ", ".join(f"{counts[s]} {STATUS_WORDS[s][1]}" for s in ordered),
    }


def evaluate_rule(rule: Rule, params: dict, ctx: Context) -> dict:
    """Run one rule's check and shape its result."""
    entries = entries_for(rule, ctx.tender)
    is_item_rule = rule.applies_to not in ("tender", "procurement")
    if is_item_rule and not entries and rule.check_type != "inventory_complete":
        message = say(
            "no {what} in scope of this rule",
            "ingen {what} omfattes av denne regelen",
            what=rule.applies_to,
        )
        return _result(rule, "not_applicable", message, [], params, None)
    outcome = CHECKS[rule.check_type].function(ctx, params, entries)
    items = outcome.items
    status = outcome.status or (fold(items) if items else "not_applicable")
    message = outcome.message or count_message(items)
    return _result(rule, status, message, items, params, outcome.points)


def _result(rule: Rule, status: str, message: dict, items: list, params: dict, points) -> dict:
    result = {
        "rule": rule.id,
        "kind": rule.kind,
        "level": rule.level,
        "title": rule.title,
        "status": status,
        "message": message,
        "items": items,
        "parameters": params,
    }
    if rule.kind == "award":
        result["points"] = points if points is not None else 0.0
        result["max_points"] = params.get("max_points")
    return result


def verdict_of(results: list[dict]) -> str:
    blocking = [result["status"] for result in results if result["kind"] in BLOCKING_KINDS]
    if "fail" in blocking:
        return "non_compliant"
    if any(status in ("error", "not_answered", "manual_review") for status in blocking):
        return "incomplete"
    return "compliant"


def _context(tender: dict, metrics: dict, decisions: dict) -> Context:
    exceptions_by_item: dict[str, list[dict]] = {}
    for request in tender.get("exceptions") or []:
        exceptions_by_item.setdefault(request["item"], []).append(request)
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    return Context(tender, fuels, exceptions_by_item, decisions, metrics)


def _summary(results: list[dict]) -> dict:
    counts = {status: 0 for status in FOLD_ORDER}
    for result in results:
        counts[result["status"]] += 1
    awards = [result for result in results if result["kind"] == "award"]
    return {
        "rules": len(results),
        "by_status": {status: count for status, count in counts.items() if count},
        "award_points": round(sum(result["points"] for result in awards), 2),
        "award_max_points": round(sum(result["max_points"] or 0 for result in awards), 2),
    }


def assess(
    ruleset: Ruleset,
    level: str | None,
    tailoring: dict | None,
    tender: dict,
    *,
    decisions: dict | None = None,
    factors: Factors | None = None,
) -> dict:
    """Assess a validated tender; the result is plain data in the climate-assessment/1 format.

    decisions maps an exception request id to the officer's decision
    ({decision: approved|rejected, by, legal_basis, expires, reason}).
    """
    level = level or ruleset.levels[0]
    tailoring = normalise_tailoring(ruleset, level, tailoring)
    factors = factors or load_factors()
    metrics = compute_metrics(tender, factors)
    ctx = _context(tender, metrics, decisions or {})
    results = []
    for rule in select_rules(ruleset, level):
        reason = tailoring["deselected"].get(rule.id)
        if reason is None:
            results.append(evaluate_rule(rule, effective_parameters(rule, tailoring), ctx))
            continue
        message = say("deselected in tailoring: {r}", "valgt bort ved tilpasning: {r}", r=reason)
        results.append(_result(rule, "not_applicable", message, [], {}, None))
    return {
        "format": ASSESSMENT_FORMAT,
        "verdict": verdict_of(results),
        "ruleset": ruleset.reference(),
        "level": level,
        "tailoring": tailoring,
        "decisions": dict(sorted((decisions or {}).items())),
        "tender": {
            "tender_id": tender["tender_id"],
            "contractor": tender["contractor"],
            "procurement": tender["procurement"]["reference"],
            "sha256": tender_sha256(tender),
        },
        "summary": _summary(results),
        "results": results,
        "metrics": metrics,
        "engine": {"name": "climate-checker", "version": __version__},
    }
