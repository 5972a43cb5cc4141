"""Deviations of one period from the plan and the contract, each for the officer to handle.

Kinds: rule_failed (a requirement or contract rule fails for an item), not_in_plan,
carrier_changed, fossil_delivery, exception_expired, fuel_mismatch and telematics_mismatch
(the last two when figures differ by more than 10 % of the reference: the litres delivered, the
machine data).
"""

from dataclasses import dataclass

from checker.assessment.emissions import effective_carrier
from checker.followup.inherit import ITEM_LISTS
from checker.followup.inherit import askable_ids
from checker.followup.inherit import planned_entries
from checker.followup.texts import LANGUAGES
from checker.followup.texts import in_language
from checker.followup.texts import tell
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


def _percent(reported: float, reference: float) -> str:
    if reference == 0:
        return "–"
    return f"{(reported - reference) / reference * 100:+.0f} %".replace("-", "−")


def day(iso: str) -> str:
    """31.12.2026, as every report writes a day."""
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


def rule_failures(facts: PeriodFacts) -> list[dict]:
    """Every failing item (or failing rule without items) of a requirement or contract rule."""
    found = []
    for result in facts.results:
        if result["kind"] not in FOLLOWED_KINDS or result["status"] != "fail":
            continue
        failing = [item for item in result["items"] if item["status"] == "fail"]
        for item in failing or [None]:
            reason = item["reason"] if item else result["message"]
            message = {
                lang: f"{in_language(result['title'], lang)}: {in_language(reason, lang)}"
                for lang in LANGUAGES
            }
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
                message = tell(
                    "{id} ({what}) is not in the tender's list; energy carrier: {carrier}",
                    "{id} ({what}) står ikke i tilbudets liste; energibærer: {carrier}",
                    "{id} ({what}) står ikkje i lista i tilbodet; energiberar: {carrier}",
                    id=entry["id"],
                    names={
                        "what": entry.get("category") or entry.get("purpose"),
                        "carrier": entry.get("energy_carrier"),
                    },
                )
                found.append(_deviation(facts, "not_in_plan", entry["id"], message))
                continue
            stated = entry.get("energy_carrier")
            if stated is not None and stated != planned.get("energy_carrier"):
                message = tell(
                    "{id} ran on {now}; the tender promised {plan}",
                    "{id} gikk på {now}; tilbudet lovet {plan}",
                    "{id} gjekk på {now}; tilbodet lova {plan}",
                    id=entry["id"],
                    names={"now": stated, "plan": planned.get("energy_carrier")},
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


def _titles(results: list[dict]) -> dict:
    """The rules' titles in each language, «quoted» in Norwegian, "quoted" in English."""
    marks = {"nb": "«{}»", "nn": "«{}»", "en": "“{}”"}

    def title(result: dict, lang: str) -> str:
        given = result.get("title") or result["rule"]
        return given if isinstance(given, str) else in_language(given, lang)

    return {
        lang: ", ".join(mark.format(title(result, lang)) for result in results)
        for lang, mark in marks.items()
    }


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
        message = tell(
            "{date}: {litres} L delivered, fuel {fuel}: {product}; the rules ({rules}) keep fossil fuel off the site",
            "{date}: {litres} L levert, drivstoff {fuel}: {product}; reglene ({rules}) forbyr fossilt på plassen",
            "{date}: {litres} L levert, drivstoff {fuel}: {product}; reglane ({rules}) forbyr fossilt på plassen",
            litres=delivery["litres"],
            names={"product": product},
            fuel=delivery["fuel_id"],
            date=day(delivery["date"]),
            rules=_titles(forbidding),
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
        message = tell(
            "the approval of {key} expired on {expires}, before the period's end ({end})",
            "godkjenningen av {key} utløp {expires}, før periodens slutt ({end})",
            "godkjenninga av {key} gjekk ut {expires}, før slutten av perioden ({end})",
            key=key,
            expires=day(expires),
            end=day(end),
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
    if got == 0:
        return tell(
            "{group}: {used} L used, no delivery reported",
            "{group}: {used} L brukt, ingen levering rapportert",
            "{group}: {used} L brukt, ingen levering rapportert",
            names={"group": group},
            used=used,
        )
    texts = (
        "{group}: {used} L used, {got} L delivered ({pct})",
        "{group}: {used} L brukt, {got} L levert ({pct})",
        "{group}: {used} L brukt, {got} L levert ({pct})",
    )
    if estimated:
        texts = (
            "{group}: {used} L used (of which {est} L estimated from hours), {got} L delivered ({pct})",
            "{group}: {used} L brukt (av dette {est} L anslått fra timer), {got} L levert ({pct})",
            "{group}: {used} L brukt (av dette {est} L rekna ut frå timar), {got} L levert ({pct})",
        )
    return tell(
        *texts, names={"group": group}, used=used, est=estimated, got=got, pct=_percent(used, got)
    )


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
            message = tell(
                "{id}: {reported} {unit} reported, {measured} {unit} in the machine data ({pct})",
                "{id}: {reported} {unit} rapportert, {measured} {unit} i maskindataene ({pct})",
                "{id}: {reported} {unit} rapportert, {measured} {unit} i maskindataene ({pct})",
                id=entry["id"],
                reported=reported,
                measured=measured,
                unit=unit,
                pct=_percent(reported, measured),
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
