"""Check type `euro_class_min`: vehicles with a combustion engine meet at least a Euro class."""

from checker.assessment.emissions import effective_class
from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import carrier_of
from checker.checks.base import fill_in
from checker.checks.base import item
from checker.checks.base import register
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.vocabulary import COMBUSTION_CARRIERS
from checker.formats.vocabulary import EURO_RANK
from checker.formats.vocabulary import ZERO_EMISSION


def euro_gate(entry: dict, carrier: str, carrier_class: str | None, min_euro: str | None) -> dict:
    """A combustion vehicle must meet the minimum Euro class, if the rule sets one."""
    if min_euro is None or carrier_class == ZERO_EMISSION or carrier not in COMBUSTION_CARRIERS:
        runs_on = {"carrier_class": [carrier, carrier_class]}
        return item(entry, "pass", say("euro_class_min.runs_on", carrier=runs_on), "allowed")
    euro = entry.get("euro_class")
    if euro is None:
        return item(
            entry,
            "not_answered",
            say(
                "euro_class_min.euro_class_missing",
                carrier={"code": carrier},
                f={"field": "euro_class"},
            ),
            "euro_class_missing",
        )
    if EURO_RANK[euro] < EURO_RANK[min_euro]:
        return item(
            entry,
            "fail",
            say(
                "euro_class_min.euro_class_too_low",
                carrier={"code": carrier},
                min=min_euro,
                id=entry["id"],
                euro=euro,
            ),
            "euro_class_too_low",
        )
    return item(
        entry,
        "pass",
        say("euro_class_min.allowed", carrier={"code": carrier}, euro=euro),
        "allowed",
    )


def euro_class_min(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Vehicles with a combustion engine meet at least the given Euro class."""
    results = [
        euro_gate(
            entry,
            carrier_of(entry),
            effective_class(entry, ctx.fuels, ctx.machines) or "?",
            params["min_class"],
        )
        if entry.get("energy_carrier")
        else item(
            entry,
            "not_answered",
            say("euro_class_min.carrier_missing", f={"field": "energy_carrier"}),
            "carrier_missing",
        )
        for entry in entries
    ]
    return Outcome(None, items=results)


def euro_advice(finding: Finding) -> dict | None:
    if finding.status == "not_answered":
        return fill_in(finding)
    return say(
        "euro_class_min.use_vehicle_euro_class",
        id=finding.entry.get("id", "?"),
        e=finding.entry.get("euro_class") or "?",
        m=finding.params.get("min_class") or finding.params.get("min_euro_class"),
    )


def _truck(id_: str, carrier: str | None, euro: str | None) -> dict:
    return {"id": id_, "purpose": "mass_transport", "energy_carrier": carrier, "euro_class": euro}


EXAMPLES = (
    Example(
        "a Euro VI diesel truck meets Euro VI",
        {"min_class": "VI"},
        {"vehicles": [_truck("V1", "diesel", "VI")]},
        "pass",
    ),
    Example(
        "a Euro V diesel truck fails Euro VI",
        {"min_class": "VI"},
        {"vehicles": [_truck("V1", "diesel", "V")]},
        "fail",
        {"V1": "fail"},
    ),
    Example(
        "an electric truck has no Euro class to meet",
        {"min_class": "VI"},
        {"vehicles": [_truck("V1", "battery_electric", None)]},
        "pass",
    ),
    Example(
        "a combustion truck without its Euro class is not answered",
        {"min_class": "VI"},
        {"vehicles": [_truck("V1", "biogas", None)]},
        "not_answered",
    ),
    Example("no vehicles: not applicable", {"min_class": "VI"}, {"vehicles": []}, "not_applicable"),
)

register(
    "euro_class_min",
    euro_class_min,
    targets={"vehicles"},
    params={"min_class": Param("euro_class")},
    advice=euro_advice,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "euro_class_min.euro_class_missing": (
            "{carrier} needs {f}; it is missing",
            "{carrier} krever {f}; den mangler",
            "{carrier} krev {f}; han manglar",
        ),
        "euro_class_min.euro_class_too_low": (
            "{carrier} is allowed only with Euro {min} or better; {id} is Euro {euro}",
            "{carrier} er tillatt bare med Euro {min} eller bedre; {id} er Euro {euro}",
            "{carrier} er tillate berre med Euro {min} eller betre; {id} er Euro {euro}",
        ),
        "euro_class_min.allowed": (
            "{carrier}, Euro {euro}",
            "{carrier}, Euro {euro}",
            "{carrier}, Euro {euro}",
        ),
        "euro_class_min.carrier_missing": ("{f} is missing", "{f} mangler", "{f} manglar"),
        "euro_class_min.use_vehicle_euro_class": (
            "Use a vehicle of Euro class {m} or newer for {id} (now {e}), or an electric one.",
            "Bruk et kjøretøy i euroklasse {m} eller nyere for {id} (nå {e}), eller et elektrisk.",
            (
                "Bruk eit køyretøy i euroklasse {m} eller nyare for {id} (no {e}), eller eit "
                "elektrisk."
            ),
        ),
        "euro_class_min.runs_on": ("{carrier}", "{carrier}", "{carrier}"),
    }
)
