"""Checks on machines and vehicles: energy carriers, emission stages, Euro classes, age."""

from checker.assessment.emissions import effective_class
from checker.checks.base import Context
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import carrier_of
from checker.checks.base import check
from checker.checks.base import item
from checker.checks.exceptions import SPORADIC
from checker.checks.exceptions import exception_outcome
from checker.formats.texts import say
from checker.formats.vocabulary import COMBUSTION_CARRIERS
from checker.formats.vocabulary import EURO_RANK
from checker.formats.vocabulary import STAGE_RANK
from checker.formats.vocabulary import ZERO_EMISSION

# --- energy carriers -------------------------------------------------------------------------


@check(
    "energy_carrier",
    {"machines", "vehicles", "heating"},
    allowed_classes=Param("class_list"),
    allowed_carriers=Param("carrier_list", required=False, default=[]),
    exempt_sporadic=Param("bool", required=False, default=False),
    min_euro_class=Param("euro_class", required=False, default=None),
    exception_grounds=Param("ground_list", required=False, default=[]),
    fallback_carriers=Param("carrier_list", required=False, default=[]),
)
def energy_carrier(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Each entry runs on an allowed energy carrier class (or an explicitly allowed carrier)."""
    allowed_classes = set(params["allowed_classes"])
    allowed_carriers = set(params["allowed_carriers"])
    min_euro = params["min_euro_class"]
    results = []
    for entry in entries:
        carrier = entry.get("energy_carrier")
        if carrier is None:
            results.append(
                item(
                    entry,
                    "not_answered",
                    say("energy_carrier is missing", "energy_carrier mangler"),
                )
            )
            continue
        carrier_class = effective_class(entry, ctx.fuels)
        if carrier_class in allowed_classes or carrier in allowed_carriers:
            results.append(_euro_gate(entry, carrier, carrier_class, min_euro))
            continue
        wrong = say(
            "{id} runs on {carrier} ({cls}); allowed: {allowed}",
            "{id} går på {carrier} ({cls}); tillatt: {allowed}",
            id=entry["id"],
            carrier=carrier,
            cls=carrier_class,
            allowed=", ".join(sorted(allowed_classes | allowed_carriers)),
        )
        grounds = _grounds(params)
        results.append(exception_outcome(entry, ctx, grounds, wrong, params["fallback_carriers"]))
    return Outcome(None, items=results)


def _grounds(params: dict) -> list[str]:
    """The exception grounds a rule accepts; exempting sporadic use adds that ground."""
    grounds = list(params.get("exception_grounds") or [])
    return grounds + [SPORADIC] if params.get("exempt_sporadic") else grounds


def _euro_gate(entry: dict, carrier: str, carrier_class: str, min_euro: str | None) -> dict:
    """An allowed combustion vehicle must also meet the minimum Euro class, if the rule sets one."""
    ok = say("{carrier} ({cls})", "{carrier} ({cls})", carrier=carrier, cls=carrier_class)
    if min_euro is None or carrier_class == ZERO_EMISSION or carrier not in COMBUSTION_CARRIERS:
        return item(entry, "pass", ok)
    euro = entry.get("euro_class")
    if euro is None:
        return item(
            entry,
            "not_answered",
            say(
                "{carrier} needs euro_class; it is missing",
                "{carrier} krever euro_class; den mangler",
                carrier=carrier,
            ),
        )
    if EURO_RANK[euro] < EURO_RANK[min_euro]:
        return item(
            entry,
            "fail",
            say(
                "{carrier} is allowed only with Euro {min} or better; {id} is Euro {euro}",
                "{carrier} er tillatt bare med Euro {min} eller bedre; {id} er Euro {euro}",
                carrier=carrier,
                min=min_euro,
                id=entry["id"],
                euro=euro,
            ),
        )
    return item(
        entry,
        "pass",
        say("{carrier}, Euro {euro}", "{carrier}, Euro {euro}", carrier=carrier, euro=euro),
    )


@check(
    "emission_stage_min",
    {"machines"},
    min_stage=Param("stage"),
    exempt_sporadic=Param("bool", required=False, default=False),
)
def emission_stage_min(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Machines with a combustion engine meet at least the given EU emission stage."""
    minimum = params["min_stage"]
    results = []
    for entry in entries:
        carrier, stage = entry.get("energy_carrier"), entry.get("emission_stage")
        if carrier is not None and carrier not in COMBUSTION_CARRIERS:
            results.append(
                item(
                    entry,
                    "not_applicable",
                    say(
                        "no combustion engine ({carrier})",
                        "ingen forbrenningsmotor ({carrier})",
                        carrier=carrier,
                    ),
                )
            )
        elif stage is None:
            results.append(
                item(
                    entry,
                    "not_answered",
                    say(
                        "emission_stage is missing for a combustion engine",
                        "emission_stage mangler for en forbrenningsmotor",
                    ),
                )
            )
        elif STAGE_RANK[stage] < STAGE_RANK[minimum]:
            wrong = say(
                "{id} is Stage {stage}; at least Stage {min} is required: use a newer machine or an electric one",
                "{id} er trinn {stage}; minst trinn {min} kreves: bruk en nyere maskin eller en elektrisk",
                id=entry["id"],
                stage=stage,
                min=minimum,
            )
            results.append(exception_outcome(entry, ctx, _grounds(params), wrong))
        else:
            results.append(item(entry, "pass", say("Stage {stage}", "Trinn {stage}", stage=stage)))
    return Outcome(None, items=results)


@check("euro_class_min", {"vehicles"}, min_class=Param("euro_class"))
def euro_class_min(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Vehicles with a combustion engine meet at least the given Euro class."""
    results = [
        _euro_gate(
            entry, carrier_of(entry), effective_class(entry, ctx.fuels) or "?", params["min_class"]
        )
        if entry.get("energy_carrier")
        else item(entry, "not_answered", say("energy_carrier is missing", "energy_carrier mangler"))
        for entry in entries
    ]
    return Outcome(None, items=results)


@check(
    "machine_age_max",
    {"machines"},
    max_age_years=Param("integer"),
    exception_grounds=Param("ground_list", required=False, default=[]),
)
def machine_age_max(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Machines are at most N years old at contract start, the year of manufacture not counted."""
    start = (ctx.tender["procurement"].get("contract_start") or "")[:4]
    if not start:
        return Outcome(
            "not_answered",
            say(
                "procurement.contract_start is needed to compute machine ages",
                "procurement.contract_start trengs for å regne ut maskinalder",
            ),
        )
    results = []
    for entry in entries:
        year = entry.get("year")
        if year is None:
            results.append(
                item(entry, "not_answered", say("year is missing", "year (årsmodell) mangler"))
            )
            continue
        age = int(start) - year - 1
        reason = say(
            "{id} is {age} years old at contract start (limit {max})",
            "{id} er {age} år gammel ved kontraktsstart (grense {max})",
            id=entry["id"],
            age=max(age, 0),
            max=params["max_age_years"],
        )
        if age <= params["max_age_years"]:
            results.append(item(entry, "pass", reason))
        else:
            # An approved dispensation waives an over-age machine, as for energy carriers.
            results.append(exception_outcome(entry, ctx, _grounds(params), reason))
    return Outcome(None, items=results)
