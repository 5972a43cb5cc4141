"""Check type `energy_carrier`: each machine, vehicle or heater runs on an allowed energy carrier."""

from checker.assessment.emissions import charging_generator
from checker.assessment.emissions import effective_carrier
from checker.assessment.emissions import effective_class
from checker.checks import energy_carrier_messages  # noqa: F401 - its messages
from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import fill_in
from checker.checks.base import item
from checker.checks.base import names
from checker.checks.base import register
from checker.checks.euro_class_min import euro_advice
from checker.checks.euro_class_min import euro_gate
from checker.checks.exceptions import REJECTED
from checker.checks.exceptions import SPORADIC
from checker.checks.exceptions import accepted_grounds
from checker.checks.exceptions import exception_advice
from checker.checks.exceptions import exception_outcome
from checker.formats.messages import say
from checker.formats.vocabulary import FOSSIL_FREE
from checker.formats.vocabulary import ZERO_EMISSION

NOT_ALLOWED = "carrier_not_allowed"
CHARGED_FROM_GENERATOR = "charged_from_generator"
# `zero_emission_hydrogen`: which hydrogen machines count as zero-emission in this rule.
HYDROGEN_READINGS = ("any", "fuel_cell_only")


def entry_class(entry: dict, ctx: Context, params: dict) -> str | None:
    """The entry's class as this rule reads it: charged_from and the hydrogen reading applied."""
    cls = effective_class(entry, ctx.fuels, ctx.machines)
    fuel_cell_only = params.get("zero_emission_hydrogen") == "fuel_cell_only"
    if fuel_cell_only and effective_carrier(entry, ctx.fuels) == "hydrogen_combustion":
        return FOSSIL_FREE
    return cls


def _fraction_not_allowed(entry: dict, ctx: Context, allowed: set[str]) -> float:
    """The share of an entry's planned energy in classes the rule does not allow (1 if unknown)."""
    figures = ctx.metrics.get("items", {}).get(entry["id"])
    if not figures or not figures.get("energy_kwh"):
        return 1.0
    outside = sum(kwh for cls, kwh in figures["by_class"].items() if cls not in allowed)
    return outside / figures["energy_kwh"]


def _with_class(carrier: str, cls: str) -> dict:
    """ "HVO100 (fossilfri)"; a carrier whose name says its class already stays as it is
    ("diesel (fossil)", never "diesel (fossil) (fossil)")."""
    return {"carrier_class": [carrier, cls]}


def _wrong(entry: dict, ctx: Context, carrier: str, cls: str, allowed: str) -> tuple[dict, str]:
    generator = charging_generator(entry, ctx.machines)
    if generator:
        message = say(
            "energy_carrier.runs_charged_from_generator",
            c={"code": carrier},
            gc={"code": generator.get("energy_carrier") or "?"},
            id=entry["id"],
            g=generator["id"],
            cls=names(cls),
            allowed=allowed,
        )
        return message, CHARGED_FROM_GENERATOR
    message = say(
        "energy_carrier.runs_allowed",
        id=entry["id"],
        carrier=_with_class(carrier, cls),
        allowed=allowed,
    )
    return message, NOT_ALLOWED


def energy_carrier(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Each entry runs on an allowed energy carrier class (or an explicitly allowed carrier)."""
    allowed_classes = set(params["allowed_classes"])
    allowed_carriers = set(params["allowed_carriers"])
    allowed = names(*sorted(allowed_classes | allowed_carriers))
    results = []
    for entry in entries:
        carrier = entry.get("energy_carrier")
        if carrier is None:
            message = say("energy_carrier.carrier_missing", f={"field": "energy_carrier"})
            results.append(item(entry, "not_answered", message, "carrier_missing"))
            continue
        cls = entry_class(entry, ctx, params)
        charged = charging_generator(entry, ctx.machines) is not None
        if cls in allowed_classes or (carrier in allowed_carriers and not charged):
            results.append(euro_gate(entry, carrier, cls, params["min_euro_class"]))
            continue
        wrong, code = _wrong(entry, ctx, carrier, cls, allowed)
        fraction = _fraction_not_allowed(entry, ctx, allowed_classes)
        results.append(
            exception_outcome(
                entry,
                ctx,
                accepted_grounds(params),
                wrong,
                code,
                params["fallback_carriers"],
                fraction,
            )
        )
    return Outcome(None, items=results)


# --- advice -------------------------------------------------------------------------------------


def _options(kind: str, params: dict) -> list[dict]:
    """What the entry could run on instead, zero-emission and biogas first (DFØ's reservation
    against liquid biofuel, Oslo's priority order), HVO from waste last."""
    classes = set(params.get("allowed_classes") or [])
    carriers = set(params.get("allowed_carriers") or [])
    vehicle = kind == "vehicles"
    options = []
    if ZERO_EMISSION in classes:
        options.append(
            say("energy_carrier.electric_vehicle")
            if vehicle
            else say("energy_carrier.electric_machine_battery_cable")
        )
    if FOSSIL_FREE in classes or "biogas" in carriers:
        options.append(
            say("energy_carrier.biogas_vehicle")
            if vehicle
            else say("energy_carrier.biogas_machine")
        )
    for carrier in sorted(carriers - {"biogas", "hvo100", "biodiesel_fame"}):
        options.append({"code": carrier})
    return options


def _replace(finding: Finding) -> dict:
    entry, params, kind = finding.entry, finding.params, finding.kind
    carrier = entry.get("energy_carrier") or "?"
    if kind == "heating":
        return say(
            "energy_carrier.heat_district_heat_electricity", c={"code": carrier}, id=entry["id"]
        )
    options = _options(kind, params) or [say("energy_carrier.allowed_energy_carrier")]
    parts = [
        say(
            "energy_carrier.use_instead", c={"code": carrier}, id=entry["id"], o={"either": options}
        )
    ]
    if FOSSIL_FREE in set(params.get("allowed_classes") or []):
        parts.append(say("energy_carrier.only_if_neither_available"))
    grounds = [g for g in params.get("exception_grounds") or [] if g != SPORADIC]
    if grounds:
        either = {"either": [{"code": ground} for ground in grounds]}
        parts.append(say("energy_carrier.ask_exception_evidence_needs", g=either))
        fallback = params.get("fallback_carriers") or []
        if fallback:
            either = {"either": [{"code": carrier} for carrier in fallback]}
            parts.append(say("energy_carrier.approved_exception_must_run", f=either))
    return say("energy_carrier.replace", parts={"all": parts})


def _charge_elsewhere(finding: Finding) -> dict:
    entry = finding.entry
    return say("energy_carrier.charge_from_grid_site", id=entry["id"], g=entry.get("charged_from"))


def advise(finding: Finding) -> dict | None:
    """A concrete replacement: zero-emission first, then biogas, HVO from waste only last."""
    if finding.status == "not_answered":
        return fill_in(finding)
    if finding.code in ("euro_class_too_low", "euro_class_missing"):
        return euro_advice(finding)
    if finding.code == CHARGED_FROM_GENERATOR:
        return _charge_elsewhere(finding)
    if finding.code in (NOT_ALLOWED, REJECTED):
        return (
            _charge_elsewhere(finding)
            if finding.entry.get("charged_from") not in (None, "grid")
            else _replace(finding)
        )
    return exception_advice(finding)


# --- examples ------------------------------------------------------------------------------------

FOSSIL_FREE_RULE = {"allowed_classes": ["fossil_free", "zero_emission"]}
ZERO_RULE = {"allowed_classes": ["zero_emission"], "exception_grounds": ["not_available"]}


def _machine(id_: str, carrier: str | None, **fields) -> dict:
    return {"id": id_, "category": "excavator", "energy_carrier": carrier, **fields}


EXAMPLES = (
    Example(
        "an HVO100 excavator on a fossil-free rule passes",
        FOSSIL_FREE_RULE,
        {"machines": [_machine("M1", "hvo100")]},
        "pass",
    ),
    Example(
        "a diesel excavator on a fossil-free rule fails",
        FOSSIL_FREE_RULE,
        {"machines": [_machine("M1", "diesel")]},
        "fail",
        {"M1": "fail"},
    ),
    Example(
        "a battery excavator charged from a diesel generator is fossil",
        FOSSIL_FREE_RULE,
        {
            "machines": [
                _machine("M1", "battery_electric", charged_from="G1"),
                {"id": "G1", "category": "generator", "energy_carrier": "diesel"},
            ]
        },
        "fail",
        {"M1": "fail", "G1": "fail"},
    ),
    Example(
        "a hydrogen-combustion machine counts as zero-emission by default",
        ZERO_RULE,
        {"machines": [_machine("M1", "hydrogen_combustion")]},
        "pass",
    ),
    Example(
        "a buyer who accepts fuel cells only fails a hydrogen-combustion machine",
        ZERO_RULE | {"zero_emission_hydrogen": "fuel_cell_only"},
        {"machines": [_machine("M1", "hydrogen_combustion")]},
        "fail",
    ),
    Example(
        "a non-conforming machine with an exception request awaits review",
        ZERO_RULE,
        {
            "machines": [_machine("M1", "hvo100")],
            "exceptions": [{"id": "E1", "item": "M1", "ground": "not_available"}],
        },
        "manual_review",
    ),
    Example(
        "a partial approval waives a hybrid whose fuel part it covers",
        ZERO_RULE,
        {
            "machines": [
                _machine("M1", "plugin_hybrid", fuel_id="F1", fuel_litres=100, energy_kwh=2000)
            ],
            "fuels": [{"id": "F1", "product": "hvo100"}],
            "exceptions": [{"id": "E1", "item": "M1", "ground": "not_available"}],
        },
        "waived",
        decisions={
            "E1": {"decision": "approved", "by": "K", "legal_basis": "x", "waived_share": 0.4}
        },
    ),
    Example(
        "a partial approval does not waive a machine wholly on fuel",
        ZERO_RULE,
        {
            "machines": [_machine("M1", "hvo100", fuel_litres=100)],
            "exceptions": [{"id": "E1", "item": "M1", "ground": "not_available"}],
        },
        "fail",
        decisions={
            "E1": {"decision": "approved", "by": "K", "legal_basis": "x", "waived_share": 0.4}
        },
    ),
    Example(
        "a missing carrier is not answered",
        FOSSIL_FREE_RULE,
        {"machines": [_machine("M1", None)]},
        "not_answered",
    ),
    Example(
        "a rule with no entries in scope is not applicable",
        FOSSIL_FREE_RULE,
        {"machines": []},
        "not_applicable",
    ),
)

register(
    "energy_carrier",
    energy_carrier,
    targets={"machines", "vehicles", "heating"},
    params={
        "allowed_classes": Param("class_list"),
        "allowed_carriers": Param("carrier_list", required=False, default=[]),
        "exempt_sporadic": Param("bool", required=False, default=False),
        "min_euro_class": Param("euro_class", required=False, default=None),
        "exception_grounds": Param("ground_list", required=False, default=[]),
        "fallback_carriers": Param("carrier_list", required=False, default=[]),
        "zero_emission_hydrogen": Param("hydrogen_reading", required=False, default="any"),
    },
    advice=advise,
    examples=EXAMPLES,
)
