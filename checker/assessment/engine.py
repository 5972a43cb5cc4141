"""The assessment engine: a tender against one rule set version, level and tailoring. No I/O."""

from functools import cache

import jsonschema

from checker import __version__
from checker.assessment.emissions import Factors
from checker.assessment.emissions import compute_metrics
from checker.assessment.emissions import load_factors
from checker.assessment.status import count_states
from checker.assessment.status import fold
from checker.assessment.status import verdict_of
from checker.checks import CHECKS
from checker.checks import Context
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import load_schema
from checker.formats.inputs import schema_problems
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.problems import short
from checker.formats.tender import tender_sha256
from checker.formats.vocabulary import LEVEL_RANK
from checker.rulesets.params import check_value
from checker.rulesets.params import range_problems
from checker.rulesets.ruleset import Rule
from checker.rulesets.ruleset import Ruleset
from checker.rulesets.wording import tailored_rule

ASSESSMENT_FORMAT = "climate-assessment/1"


class TailoringError(InputError):
    """A level or tailoring that the rule set does not allow."""


class DecisionsError(InputError):
    """Officer decisions that are malformed or name no exception request of the tender."""


@cache
def _decisions_validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(load_schema("decisions.schema.json"))


def decidable(tender: dict) -> dict[str, str]:
    """What an officer may decide on, by key, with the item it concerns: every exception request,
    and every machine that claims sporadic use (the claim is keyed by the machine's id)."""
    keys = {request["id"]: request.get("item") for request in tender.get("exceptions") or []}
    sporadic = [
        machine["id"] for machine in tender.get("machines") or [] if machine.get("sporadic")
    ]
    return keys | {machine_id: machine_id for machine_id in sporadic}


def check_decisions(decisions: dict | None, tender: dict) -> dict:
    """Decisions must be complete and refer to exception requests (or sporadic claims) of the tender."""
    decisions = decisions or {}
    if not isinstance(decisions, dict):
        raise DecisionsError("decisions", [Problem("", say("tailoring.decisions_not_a_mapping"))])
    problems = schema_problems(_decisions_validator(), decisions)
    askable = set(decidable(tender))
    for key in decisions:
        if key not in askable:
            known = {"list": sorted(askable)} if askable else say("tender.none_declared")
            problems.append(Problem(str(key), say("tailoring.unknown_decision", known=known)))
    if problems:
        raise DecisionsError("decisions", problems)
    return dict(sorted(decisions.items()))


def select_rules(ruleset: Ruleset, level: str, deselected=()) -> list[Rule]:
    """Rules of the level and every level below it, minus those a selected rule replaces.

    A deselected rule replaces nothing: leaving out the stricter rule brings back the one it
    replaced, rather than leaving the subject without any rule.
    """
    chosen = [rule for rule in ruleset.rules if LEVEL_RANK[rule.level] <= LEVEL_RANK[level]]
    replaced = {rule.replaces for rule in chosen if rule.replaces and rule.id not in deselected}
    return [rule for rule in chosen if rule.id not in replaced]


@cache
def _tailoring_validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(load_schema("tailoring.schema.json"))


def normalise_tailoring(ruleset: Ruleset, level: str, tailoring: dict | None) -> dict:
    """Check a tailoring against the rule set and return it in canonical form."""
    tailoring = {} if tailoring is None else tailoring
    if not isinstance(tailoring, dict):
        raise TailoringError("tailoring", [Problem("", say("tailoring.not_a_mapping"))])
    problems = []
    if level not in ruleset.levels:
        problems.append(
            Problem(
                "level",
                say("input.enum", allowed={"list": list(ruleset.levels)}, found=short(level)),
            )
        )
    problems += schema_problems(_tailoring_validator(), tailoring)
    if problems:
        raise TailoringError("tailoring", problems)
    deselected = tailoring.get("deselected") or {}
    for rule_id, reason in deselected.items():
        if ruleset.rule(rule_id) is None:
            problems.append(Problem(f"deselected.{rule_id}", say("tailoring.no_such_rule")))
        elif not reason.strip():
            problems.append(Problem(f"deselected.{rule_id}", say("tailoring.reason_missing")))
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
        return [Problem(f"parameters.{rule_id}", say("tailoring.no_such_rule"))]
    problems = []
    for name, value in values.items():
        path = f"parameters.{rule_id}.{name}"
        declared = rule.parameters.get(name)
        if declared is None or not declared.is_tailorable:
            problems.append(Problem(path, say("tailoring.not_tailorable")))
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


WEIGHT_BOUNDS = ("min_operating_weight_t", "max_operating_weight_t")


def _matches(entry: dict, where: dict) -> bool:
    """Whether an entry is in a rule's scope; an unknown weight is decided in entries_for."""
    if "categories" in where and entry.get("category") not in where["categories"]:
        return False
    if "purposes" in where and entry.get("purpose") not in where["purposes"]:
        return False
    if "carriers" in where and entry.get("energy_carrier") not in where["carriers"]:
        return False
    weight = entry.get("operating_weight_t")
    if weight is None:
        return True
    low, high = where.get("min_operating_weight_t"), where.get("max_operating_weight_t")
    return (low is None or weight >= low) and (high is None or weight <= high)


def entries_for(rule: Rule, tender: dict) -> tuple[list[dict], list[dict]]:
    """The entries a rule looks at, and those it cannot place because their weight is missing."""
    if rule.applies_to in ("tender", "procurement"):
        return [], []
    entries = tender.get(rule.applies_to) or []
    if not rule.where:
        return list(entries), []
    matched = [entry for entry in entries if _matches(entry, rule.where)]
    if not any(bound in rule.where for bound in WEIGHT_BOUNDS):
        return matched, []
    unknown = [entry for entry in matched if entry.get("operating_weight_t") is None]
    return [entry for entry in matched if entry.get("operating_weight_t") is not None], unknown


def count_message(items: list[dict]) -> dict:
    """'8 checked: 1 fail, 7 pass' in both languages, most serious state first."""
    counts = count_states(entry["status"] for entry in items)
    return say("engine.checked", n=len(items), counts={"counts": [list(c) for c in counts.items()]})


def _weight_unknown(entry: dict) -> dict:
    return {
        "id": entry["id"],
        "status": "not_answered",
        "reason": say("engine.operating_weight_t_needed"),
        "code": "weight_unknown",
    }


def evaluate_rule(rule: Rule, params: dict, ctx: Context) -> dict:
    """Run one rule's check and shape its result; a check that breaks gives the state error."""
    entries, unknown = entries_for(rule, ctx.tender)
    check_type = CHECKS[rule.check_type]
    is_item_rule = rule.applies_to not in ("tender", "procurement")
    if is_item_rule and not entries and not unknown and not check_type.runs_without_entries:
        message = say("engine.no_scope_this_rule", what={"entries": rule.applies_to})
        return _result(rule, "not_applicable", message, [], params, None, "not_in_scope")
    try:
        outcome = check_type.function(ctx, params, entries)
    except (ArithmeticError, KeyError, TypeError, ValueError) as err:
        message = say("engine.could_not_evaluated", kind=type(err).__name__, detail=str(err))
        return _result(rule, "error", message, [], params, None, "evaluation_error")
    items = outcome.items + [_weight_unknown(entry) for entry in unknown]
    status = (fold([{"status": outcome.status}, *items]) if outcome.status else None) or (
        fold(items) if items else "not_applicable"
    )
    message = outcome.message or count_message(items)
    return _result(rule, status, message, items, params, outcome.points, outcome.code)


def _result(
    rule: Rule, status: str, message: dict, items: list, params: dict, points, code=None
) -> dict:
    """One rule's result; `code` names the finding of a rule judged as a whole (None when its
    state is folded from its items, which carry their own codes)."""
    result = {
        "rule": rule.id,
        "kind": rule.kind,
        "level": rule.level,
        "title": rule.title,
        "status": status,
        "message": message,
        "code": code,
        "items": items,
        "parameters": params,
    }
    if rule.kind == "award":
        result["points"] = points if points is not None else 0.0
        result["max_points"] = params.get("max_points")
    return result


def _context(tender: dict, metrics: dict, decisions: dict, as_of: str | None = None) -> Context:
    exceptions_by_item: dict[str, list[dict]] = {}
    for request in tender.get("exceptions") or []:
        exceptions_by_item.setdefault(request["item"], []).append(request)
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    machines = {machine["id"]: machine for machine in tender.get("machines") or []}
    return Context(tender, fuels, exceptions_by_item, decisions, metrics, as_of, machines)


def _summary(results: list[dict]) -> dict:
    awards = [result for result in results if result["kind"] == "award"]
    return {
        "rules": len(results),
        "by_status": count_states(result["status"] for result in results),
        "award_points": round(sum(result["points"] for result in awards), 2),
        "award_max_points": round(sum(result["max_points"] or 0 for result in awards), 2),
    }


def _evaluate(rules: list[Rule], tailoring: dict, ctx: Context) -> list[dict]:
    results = []
    for rule in rules:
        rule = tailored_rule(rule, tailoring)  # its texts read with the tailored values
        reason = tailoring["deselected"].get(rule.id)
        if reason is None:
            results.append(evaluate_rule(rule, effective_parameters(rule, tailoring), ctx))
            continue
        message = say("engine.deselected_tailoring", r=reason)
        results.append(_result(rule, "not_applicable", message, [], {}, None, "deselected"))
    return results


def assess(
    ruleset: Ruleset,
    level: str | None,
    tailoring: dict | None,
    tender: dict,
    *,
    decisions: dict | None = None,
    factors: Factors | None = None,
    as_of: str | None = None,
) -> dict:
    """Assess a validated tender; the result is plain data in the climate-assessment/1 format.

    decisions maps an exception request id to the officer's decision
    ({decision: approved|rejected, by, legal_basis, expires, reason}). as_of (ISO 8601 date)
    is the day the assessment speaks for: an approval that expired before it waives nothing.
    """
    level = level or ruleset.levels[0]
    tailoring = normalise_tailoring(ruleset, level, tailoring)
    factors = factors or load_factors()
    decisions = check_decisions(decisions, tender)
    metrics = compute_metrics(tender, factors, decisions, as_of)
    ctx = _context(tender, metrics, decisions, as_of)
    results = _evaluate(select_rules(ruleset, level, tailoring["deselected"]), tailoring, ctx)
    return {
        "format": ASSESSMENT_FORMAT,
        "verdict": verdict_of(results),
        "ruleset": ruleset.reference(),
        "level": level,
        "tailoring": tailoring,
        "decisions": decisions,
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


def assess_procurement(
    ruleset: Ruleset, level: str | None, tailoring: dict | None, procurement: dict
) -> dict:
    """Run a rule set's procedure rules on the procurement alone (no tender): e.g. FOA § 7-9 live.

    procurement has the shape of a tender's procurement block (climate-tender/1).
    """
    level = level or ruleset.levels[0]
    tailoring = normalise_tailoring(ruleset, level, tailoring)
    ctx = Context({"procurement": procurement}, {}, {}, {}, {})
    rules = [
        rule
        for rule in select_rules(ruleset, level, tailoring["deselected"])
        if rule.applies_to == "procurement"
    ]
    results = _evaluate(rules, tailoring, ctx)
    return {
        "verdict": verdict_of(results),
        "ruleset": ruleset.reference(),
        "level": level,
        "results": results,
    }


MESSAGES = define(
    {
        "engine.operating_weight_t_needed": (
            "the operating weight (t) is needed to know whether this rule applies",
            "driftsvekt (t) trengs for å vite om regelen gjelder",
            "driftsvekt (t) trengst for å vite om regelen gjeld",
        ),
        "engine.no_scope_this_rule": (
            "no {what} in scope of this rule",
            "ingen {what} omfattes av denne regelen",
            "ingen {what} er omfatta av denne regelen",
        ),
        "engine.could_not_evaluated": (
            "could not be evaluated ({kind}: {detail})",
            "kunne ikke vurderes ({kind}: {detail})",
            "kunne ikkje vurderast ({kind}: {detail})",
        ),
        "engine.deselected_tailoring": (
            "deselected in tailoring: {r}",
            "valgt bort ved tilpasning: {r}",
            "valt bort ved tilpassing: {r}",
        ),
        "engine.checked": (
            "{n} checked: {counts}",
            "{n} kontrollert: {counts}",
            "{n} kontrollerte: {counts}",
        ),
    }
)
