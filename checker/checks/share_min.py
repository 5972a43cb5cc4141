"""Check type `share_min`: a share from the metrics (e.g. zero-emission energy) reaches a minimum."""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import register
from checker.checks.shares import not_computable
from checker.checks.shares import share_of
from checker.checks.shares import unknown_share
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.texts import percent
from checker.formats.vocabulary import ZERO_EMISSION_CARRIERS
from checker.rulesets.wording import metric_name
from checker.rulesets.wording import share_in_languages


def share_min(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """A share from the metrics (e.g. zero-emission share of energy) reaches a minimum."""
    share, missing = share_of(ctx.metrics, params["metric"], params["zero_emission_hydrogen"])
    unknown = unknown_share(params["metric"], missing)
    if unknown:
        return unknown
    if share is None:
        return not_computable(params["metric"])
    met = share >= params["min"]
    return Outcome(
        "pass" if met else "fail",
        say(
            "share_min.share_compared",
            m=metric_name(params["metric"]),
            s=percent(share),
            min=share_in_languages(params["min"]),
        ),
        code="share_met" if met else "share_too_low",
    )


def advise(finding: Finding) -> dict | None:
    """The combustion machines to replace first, named; the fill-in step while data is missing."""
    if finding.code in ("share_data_missing", "share_not_computable"):
        return say(
            "share_min.give_litres_kwh_engine",
            m=metric_name(finding.params.get("metric", "zero_emission_share")),
        )
    if finding.code != "share_too_low":
        return None
    fossil = [
        entry["id"]
        for entry in finding.tender.get("machines") or []
        if entry.get("energy_carrier") not in ZERO_EMISSION_CARRIERS | {None}
        or entry.get("charged_from") not in (None, "grid")
    ]
    return say(
        "share_min.raise_least_replace_combustion",
        m=metric_name(finding.params.get("metric", "zero_emission_share")),
        p=share_in_languages(float(finding.params.get("min") or 0)),
        ids={"ids": fossil},
    )


def _machine(id_, carrier, litres=None, kwh=None, **fields) -> dict:
    entry = {"id": id_, "category": "excavator", "energy_carrier": carrier, **fields}
    if litres is not None:
        entry["fuel_litres"] = litres
    if kwh is not None:
        entry["energy_kwh"] = kwh
    return entry


RULE = {"metric": "zero_emission_share", "min": 0.5}
EXAMPLES = (
    Example(
        "60 % zero-emission energy meets 50 %",
        RULE,
        {
            "machines": [
                _machine("M1", "battery_electric", kwh=6000),
                _machine("M2", "diesel", litres=397.8),
            ]
        },
        "pass",
    ),
    Example(
        "a battery machine charged from a diesel generator adds no zero-emission energy",
        RULE,
        {
            "machines": [
                _machine("M1", "battery_electric", kwh=6000, charged_from="G1"),
                {
                    "id": "G1",
                    "category": "generator",
                    "energy_carrier": "diesel",
                    "fuel_litres": 500,
                },
            ]
        },
        "fail",
    ),
    Example(
        "a share with an entry lacking data is not judged",
        RULE,
        {"machines": [_machine("M1", "battery_electric", kwh=6000), _machine("M2", "diesel")]},
        "not_answered",
    ),
    Example(
        "hydrogen combustion leaves the share for a fuel-cell-only buyer",
        RULE | {"zero_emission_hydrogen": "fuel_cell_only"},
        {
            "machines": [
                _machine("M1", "hydrogen_combustion", kwh=6000),
                _machine("M2", "diesel", litres=397.8),
            ]
        },
        "fail",
    ),
)

register(
    "share_min",
    share_min,
    targets={"tender"},
    params={
        "metric": Param("metric"),
        "min": Param("share"),
        "zero_emission_hydrogen": Param("hydrogen_reading", required=False, default="any"),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "share_min.share_compared": (
            "{m} is {s}; required at least {min}",
            "{m} er {s}; kravet er minst {min}",
            "{m} er {s}; kravet er minst {min}",
        ),
        "share_min.give_litres_kwh_engine": (
            "Give litres, kWh, or engine power and planned hours for every entry ({m}).",
            "Oppgi liter, kWh, eller motoreffekt og planlagte timer for hver post ({m}).",
            "Oppgi liter, kWh, eller motoreffekt og planlagde timar for kvar post ({m}).",
        ),
        "share_min.raise_least_replace_combustion": (
            (
                "Raise the {m} to at least {p}: replace combustion machines ({ids}) with electric "
                "ones charged from the grid, starting with those that run the most hours."
            ),
            (
                "Øk {m} til minst {p}: bytt ut forbrenningsmaskiner ({ids}) med elektriske som lades "
                "fra nettet, først dem som går flest timer."
            ),
            (
                "Auk {m} til minst {p}: byt ut forbrenningsmaskiner ({ids}) med elektriske som blir "
                "lada frå nettet, først dei som går flest timar."
            ),
        ),
    }
)
