"""Deviations of one period from the plan and the contract, each for the officer to handle.

Kinds: rule_failed (a requirement or contract rule fails for an item), not_in_plan,
carrier_changed, fossil_delivery, exception_expired, fuel_mismatch and telematics_mismatch
(the last two when figures differ by more than 10 % of the reference: the litres delivered, the
machine data).
"""

from dataclasses import dataclass

from checker.assessment.emissions import effective_carrier
from checker.followup import messages as _messages  # noqa: F401 - defines its messages
from checker.followup.inherit import ITEM_LISTS
from checker.followup.inherit import askable_ids
from checker.followup.inherit import planned_entries
from checker.formats.messages import say
from checker.formats.vocabulary import CARRIER_CLASS
from checker.formats.vocabulary import FOSSIL
from checker.formats.vocabulary import LIQUID_PRODUCTS
from checker.rulesets.ruleset import Ruleset

FOLLOWED_KINDS = frozenset({"requirement", "contract"})
TOLERANCE = 0.10  # figures that differ by more than 10 % of the reference are a deviation
KIND_ORDER = (
    "rule_failed",
    "not_in_plan",
    "carrier_changed",
    "fossil_delivery",
    "exception_expired",
    "fuel_mismatch",
    "telematics_mismatch",
)


@dataclass(frozen=True)
class PeriodFacts:
    """What the deviation checks read about one period."""

    tender: dict  # the awarded tender (the plan)
    report: dict  # the period report as given
    effective: dict  # the tender the engine assessed for the period
    results: list[dict]  # the engine's results for the period
    metrics: dict  # the engine's metrics for the period
    decisions: dict  # every decision of the contract
    ruleset: Ruleset


def _deviation(facts: PeriodFacts, kind: str, item: str | None, message: dict, **extra) -> dict:
    start = facts.report["period"]["start"]
    return {
        "id": f"{start}/{kind}/{item or '-'}",
        "item": item,
        "kind": kind,
        "message": message,
    } | extra


def differs(reported: float, reference: float) -> bool:
    """More than 10 % apart, measured against the reference; any amount against none."""
    if reference == 0:
        return reported > 0
    return abs(reported - reference) > TOLERANCE * reference


def _change(reported: float, reference: float) -> dict | str:
    """How far the reported figure lies from the reference, for a message: "+18 %"."""
    if reference == 0:
        return "–"
    return {"change": (reported - reference) / reference}


def rule_failures(facts: PeriodFacts) -> list[dict]:
    """Every failing item (or failing rule without items) of a requirement or contract rule."""
    found = []
    for result in facts.results:
        if result["kind"] not in FOLLOWED_KINDS or result["status"] != "fail":
            continue
        failing = [item for item in result["items"] if item["status"] == "fail"]
        for item in failing or [None]:
            reason = item["reason"] if item else result["message"]
            message = say("deviation.rule_failed", title={"text": result["title"]}, reason=reason)
            found.append(
                _deviation(facts, "rule_failed", item and item["id"], message, rule=result["rule"])
            )
    return found


def plan_changes(facts: PeriodFacts) -> list[dict]:
    """Entries the tender did not list, and entries whose energy carrier is not the plan's."""
    found = []
    for kind in ITEM_LISTS:
        plan = planned_entries(facts.tender, kind)
        for entry in facts.report.get(kind) or []:
            planned = plan.get(entry["id"])
            if planned is None:
                message = say(
                    "deviation.not_in_plan",
                    id=entry["id"],
                    what={"code": entry.get("category") or entry.get("purpose")},
                    carrier={"code": entry.get("energy_carrier")},
                )
                found.append(_deviation(facts, "not_in_plan", entry["id"], message))
                continue
            stated = entry.get("energy_carrier")
            if stated is not None and stated != planned.get("energy_carrier"):
                message = say(
                    "deviation.carrier_changed",
                    id=entry["id"],
                    now={"code": stated},
                    plan={"code": planned.get("energy_carrier")},
                )
                found.append(_deviation(facts, "carrier_changed", entry["id"], message))
    return found


def _forbidding_rules(facts: PeriodFacts) -> list[dict]:
    """Results of energy-carrier rules that keep fossil fuel off the whole site's machines or heat."""
    forbidding = []
    for result in facts.results:
        rule = facts.ruleset.rule(result["rule"])
        if (
            rule is None
            or result["kind"] not in FOLLOWED_KINDS
            or rule.check_type != "energy_carrier"
            or rule.applies_to not in ("machines", "heating")
            or rule.where
            or "allowed_classes" not in result["parameters"]  # deselected
        ):
            continue
        if FOSSIL not in result["parameters"]["allowed_classes"]:
            forbidding.append(result)
    return forbidding


def _entitled(facts: PeriodFacts, product: str, forbidding: list[dict]) -> bool:
    """Whether an entry of the period may burn this fossil product (e.g. an approved exception)."""
    fuels = {fuel["id"]: fuel for fuel in facts.effective.get("fuels") or []}
    burners = {
        entry["id"]
        for kind in ITEM_LISTS
        for entry in facts.effective.get(kind) or []
        if effective_carrier(entry, fuels) == product
    }
    for entry_id in burners:
        states = [
            item["status"]
            for result in forbidding
            for item in result["items"]
            if item["id"] == entry_id
        ]
        if states and all(state in ("pass", "waived") for state in states):
            return True
    return False


def fossil_deliveries(facts: PeriodFacts) -> list[dict]:
    """Fossil fuel delivered to a site whose rules keep it out, unless an entry may burn it."""
    forbidding = _forbidding_rules(facts)
    if not forbidding:
        return []
    fuels = {fuel["id"]: fuel for fuel in facts.effective.get("fuels") or []}
    found = []
    for delivery in facts.report.get("deliveries") or []:
        product = fuels[delivery["fuel_id"]]["product"]
        if CARRIER_CLASS.get(product) != FOSSIL or _entitled(facts, product, forbidding):
            continue
        message = say(
            "deviation.fossil_delivery",
            date={"day": delivery["date"]},
            litres=delivery["litres"],
            fuel=delivery["fuel_id"],
            product={"code": product},
            rules={"list": [{"text": result["title"]} for result in forbidding]},
        )
        found.append(
            _deviation(facts, "fossil_delivery", delivery["id"], message, litres=delivery["litres"])
        )
    return found


def expired_approvals(facts: PeriodFacts) -> list[dict]:
    """Approvals in force for items that ran, whose expiry lies before the period's end."""
    end = facts.report["period"]["end"]
    askable = askable_ids(facts.effective)
    items = {request["id"]: request["item"] for request in facts.effective.get("exceptions") or []}
    found = []
    for key, decision in facts.decisions.items():
        expires = decision.get("expires")
        if (
            key not in askable
            or decision["decision"] != "approved"
            or not expires
            or expires >= end
        ):
            continue
        message = say(
            "deviation.exception_expired", key=key, expires={"day": expires}, end={"day": end}
        )
        found.append(
            _deviation(facts, "exception_expired", items.get(key, key), message, decision=key)
        )
    return found


def _fuel_group(entry: dict, fuels: dict) -> str | None:
    """Liquid fuels are compared by product; any other delivered fuel by its own id."""
    carrier = effective_carrier(entry, fuels)
    if carrier in LIQUID_PRODUCTS:
        return carrier
    return entry.get("fuel_id")


def _consumed_litres(facts: PeriodFacts, fuels: dict) -> dict[str, list]:
    consumed: dict[str, list] = {}
    for kind in ITEM_LISTS:
        for entry in facts.effective.get(kind) or []:
            figures = facts.metrics["items"].get(entry["id"]) or {}
            group = _fuel_group(entry, fuels)
            if group is not None and figures.get("litres") is not None:
                consumed.setdefault(group, []).append(
                    (entry["id"], figures["litres"], figures["method"])
                )
    return consumed


def _mismatch_message(group: str, used: float, estimated: float, got: float) -> dict:
    named = {"code": group}  # a liquid product by its name; any other fuel by its id
    if got == 0:
        return say("deviation.no_delivery", group=named, used=used)
    values = {"group": named, "used": used, "got": got, "pct": _change(used, got)}
    if estimated:
        return say("deviation.fuel_mismatch_estimated", **values, est=estimated)
    return say("deviation.fuel_mismatch", **values)


def fuel_mismatches(facts: PeriodFacts) -> list[dict]:
    """Litres the entries used against litres delivered, when the period reports its deliveries."""
    if "deliveries" not in facts.report:
        return []  # a report without a deliveries list states nothing about them
    fuels = {fuel["id"]: fuel for fuel in facts.effective.get("fuels") or []}
    delivered: dict[str, float] = {}
    for delivery in facts.report["deliveries"]:
        fuel = fuels[delivery["fuel_id"]]
        group = fuel["product"] if fuel["product"] in LIQUID_PRODUCTS else fuel["id"]
        delivered[group] = delivered.get(group, 0.0) + delivery["litres"]
    consumed = _consumed_litres(facts, fuels)
    found = []
    for group in sorted(set(delivered) | {g for g in consumed if g in LIQUID_PRODUCTS}):
        used = round(sum(litres for _, litres, _ in consumed.get(group, [])), 1)
        estimated = round(
            sum(litres for _, litres, how in consumed.get(group, []) if how != "declared_litres"), 1
        )
        got = round(delivered.get(group, 0.0), 1)
        if not differs(used, got):
            continue
        message = _mismatch_message(group, used, estimated, got)
        found.append(
            _deviation(
                facts, "fuel_mismatch", group, message, used_litres=used, delivered_litres=got
            )
        )
    return found


def telematics_mismatches(facts: PeriodFacts) -> list[dict]:
    """Reported hours or litres against the machine data, machine by machine."""
    found = []
    for entry in facts.report.get("machines") or []:
        data = entry.get("machine_data")
        if not data:
            continue
        for field, reported, unit in (
            ("hours", entry.get("hours"), "h"),
            ("fuel_litres", entry.get("fuel_litres"), "L"),
        ):
            measured = data.get(field)
            if reported is None or measured is None or not differs(reported, measured):
                continue
            message = say(
                "deviation.telematics_mismatch",
                id=entry["id"],
                reported=reported,
                measured=measured,
                unit=unit,
                pct=_change(reported, measured),
            )
            found.append(
                _deviation(
                    facts,
                    "telematics_mismatch",
                    entry["id"],
                    message,
                    field=field,
                    reported=reported,
                    machine_data=measured,
                )
            )
    return found


def deviations(facts: PeriodFacts) -> list[dict]:
    """Every deviation of the period, by kind in a fixed order, then as found."""
    found = (
        rule_failures(facts)
        + plan_changes(facts)
        + fossil_deliveries(facts)
        + expired_approvals(facts)
        + fuel_mismatches(facts)
        + telematics_mismatches(facts)
    )
    return sorted(found, key=lambda deviation: KIND_ORDER.index(deviation["kind"]))
