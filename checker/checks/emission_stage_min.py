"""Check type `emission_stage_min`: combustion machines meet at least an EU emission stage.

Stage IIIB only ever existed for engines of 37-560 kW, so a rule demanding it must say what it
demands of smaller and larger engines: `power_bands` gives the stage per band of engine power
(or none), and the machine's `engine_power_kw` is asked for where the band decides.
"""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import fill_in
from checker.checks.base import item
from checker.checks.base import register
from checker.checks.exceptions import REJECTED
from checker.checks.exceptions import accepted_grounds
from checker.checks.exceptions import exception_advice
from checker.checks.exceptions import exception_outcome
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.vocabulary import COMBUSTION_CARRIERS
from checker.formats.vocabulary import STAGE_RANK

TOO_LOW = "stage_too_low"


def _band(bands: list[dict], power: float) -> dict | None:
    """The band an engine of `power` kW falls in: from min_kw (inclusive) to max_kw (exclusive)."""
    for band in bands:
        if power >= band["min_kw"] and ("max_kw" not in band or power < band["max_kw"]):
            return band
    return None


def _demanded(params: dict, power: float | None) -> tuple[str | None, dict | None, bool]:
    """(stage demanded, band, whether the power decides it and is unknown)."""
    bands = params["power_bands"]
    if not bands:
        return params["min_stage"], None, False
    if power is None:
        return None, None, True
    band = _band(bands, power)
    if band is None:
        return params["min_stage"], None, False
    return band["min_stage"], band, False


def _strictest(params: dict) -> str:
    stages = [params["min_stage"]] + [
        b["min_stage"] for b in params["power_bands"] if b["min_stage"]
    ]
    return max(stages, key=STAGE_RANK.__getitem__)


def _judge(entry: dict, ctx: Context, params: dict, stage: str, strictest: str) -> dict:
    power = entry.get("engine_power_kw")
    if STAGE_RANK[stage] >= STAGE_RANK[strictest]:
        return item(
            entry,
            "pass",
            say("emission_stage_min.stage_met", stage=stage),
            "stage_met",
        )
    demanded, band, unknown = _demanded(params, power)
    if unknown:
        return item(
            entry,
            "not_answered",
            say(
                "emission_stage_min.power_missing",
                f={"field": "engine_power_kw"},
                stage=stage,
                strict=strictest,
            ),
            "power_missing",
        )
    if demanded is None:
        return item(
            entry,
            "not_applicable",
            say("emission_stage_min.no_stage_for_power", p=power),
            "no_stage_for_power",
        )
    if STAGE_RANK[stage] >= STAGE_RANK[demanded]:
        reason = say(
            "emission_stage_min.stage_kw_least",
            stage=stage,
            p=power if power is not None else 0,
            d=demanded,
        )
        return item(entry, "pass", reason, "stage_met")
    values = {"id": entry["id"], "stage": stage, "min": demanded}
    wrong = (
        say("emission_stage_min.stage_too_low_for_power", **values, p=power)
        if band
        else say("emission_stage_min.stage_least_stage_required", **values)
    )
    return exception_outcome(entry, ctx, accepted_grounds(params), wrong, TOO_LOW)


def emission_stage_min(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Machines with a combustion engine meet at least the given EU emission stage."""
    results, strictest = [], _strictest(params)
    for entry in entries:
        carrier, stage = entry.get("energy_carrier"), entry.get("emission_stage")
        if carrier is not None and carrier not in COMBUSTION_CARRIERS:
            message = say("emission_stage_min.no_combustion_engine", carrier={"code": carrier})
            results.append(item(entry, "not_applicable", message, "no_combustion_engine"))
        elif stage is None:
            message = say(
                "emission_stage_min.emission_stage_missing_combustion",
                f={"field": "emission_stage"},
            )
            results.append(item(entry, "not_answered", message, "stage_missing"))
        else:
            results.append(_judge(entry, ctx, params, stage, strictest))
    return Outcome(None, items=results)


def advise(finding: Finding) -> dict | None:
    if finding.status == "not_answered":
        return fill_in(finding)
    if finding.code in (TOO_LOW, REJECTED):
        params = {"power_bands": [], **finding.params}
        minimum = _demanded(params, finding.entry.get("engine_power_kw"))[0] or params["min_stage"]
        return say(
            "emission_stage_min.replace_stage_machine_eu",
            id=finding.entry.get("id", "?"),
            s=finding.entry.get("emission_stage") or "?",
            m=minimum,
        )
    return exception_advice(finding)


DFO_BANDS = {
    "min_stage": "IIIB",
    "power_bands": [
        {"min_kw": 0, "max_kw": 19, "min_stage": None},
        {"min_kw": 19, "max_kw": 37, "min_stage": "IIIA"},
        {"min_kw": 560, "min_stage": None},
    ],
}


def _machine(power, stage, carrier="diesel") -> dict:
    return {
        "id": "M1",
        "category": "excavator",
        "energy_carrier": carrier,
        "engine_power_kw": power,
        "emission_stage": stage,
    }


EXAMPLES = (
    Example(
        "a Stage V engine meets IIIB",
        {"min_stage": "IIIB"},
        {"machines": [_machine(120, "V")]},
        "pass",
    ),
    Example(
        "a Stage IIIA engine of 120 kW fails IIIB",
        {"min_stage": "IIIB"},
        {"machines": [_machine(120, "IIIA")]},
        "fail",
        {"M1": "fail"},
    ),
    Example(
        "a 24 kW Stage IIIA engine meets the band's IIIA",
        DFO_BANDS,
        {"machines": [_machine(24, "IIIA")]},
        "pass",
    ),
    Example(
        "a 24 kW Stage II engine fails the band's IIIA",
        DFO_BANDS,
        {"machines": [_machine(24, "II")]},
        "fail",
    ),
    Example(
        "a 15 kW engine has no stage to meet",
        DFO_BANDS,
        {"machines": [_machine(15, "II")]},
        "not_applicable",
    ),
    Example(
        "a Stage IIIA engine without its power is not answered",
        DFO_BANDS,
        {"machines": [_machine(None, "IIIA")]},
        "not_answered",
    ),
    Example(
        "an electric machine has no combustion engine",
        {"min_stage": "IIIB"},
        {"machines": [_machine(120, None, "battery_electric")]},
        "not_applicable",
    ),
)

register(
    "emission_stage_min",
    emission_stage_min,
    targets={"machines"},
    params={
        "min_stage": Param("stage"),
        "exempt_sporadic": Param("bool", required=False, default=False),
        "power_bands": Param("stage_bands", required=False, default=[]),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "emission_stage_min.stage_met": ("Stage {stage}", "Trinn {stage}", "Trinn {stage}"),
        "emission_stage_min.power_missing": (
            (
                "{f} is needed: the stage demanded depends on the engine's power (Stage "
                "{stage} is below {strict})"
            ),
            (
                "{f} trengs: trinnet som kreves avhenger av motoreffekten (trinn {stage} "
                "er under {strict})"
            ),
            (
                "{f} trengst: trinnet som er kravd, avheng av motoreffekten (trinn "
                "{stage} er under {strict})"
            ),
        ),
        "emission_stage_min.no_stage_for_power": (
            (
                "no EU stage is demanded of engines of {p} kW (no Stage I-IV limit existed for this "
                "power)"
            ),
            (
                "det kreves ikke noe EU-trinn for motorer på {p} kW (ingen trinn I-IV-grense fantes "
                "for denne effekten)"
            ),
            (
                "det er ikkje kravd noko EU-trinn for motorar på {p} kW (ingen trinn I–IV-grense "
                "fanst for denne effekten)"
            ),
        ),
        "emission_stage_min.stage_kw_least": (
            "Stage {stage} ({p} kW: at least {d})",
            "Trinn {stage} ({p} kW: minst {d})",
            "Trinn {stage} ({p} kW: minst {d})",
        ),
        "emission_stage_min.stage_least_stage_required": (
            (
                "{id} is Stage {stage}; at least Stage {min} is required: use a newer machine "
                "or an electric one"
            ),
            (
                "{id} er trinn {stage}; minst trinn {min} kreves: bruk en nyere maskin eller"
                " en elektrisk"
            ),
            (
                "{id} er trinn {stage}; minst trinn {min} er kravd: bruk ei nyare maskin "
                "eller ei elektrisk"
            ),
        ),
        "emission_stage_min.stage_too_low_for_power": (
            (
                "{id} is Stage {stage}; at least Stage {min} is required for {p} kW: use a newer machine "
                "or an electric one"
            ),
            (
                "{id} er trinn {stage}; minst trinn {min} kreves for {p} kW: bruk en nyere maskin eller"
                " en elektrisk"
            ),
            (
                "{id} er trinn {stage}; minst trinn {min} er kravd for {p} kW: bruk ei nyare maskin "
                "eller ei elektrisk"
            ),
        ),
        "emission_stage_min.no_combustion_engine": (
            "no combustion engine ({carrier})",
            "ingen forbrenningsmotor ({carrier})",
            "ingen forbrenningsmotor ({carrier})",
        ),
        "emission_stage_min.emission_stage_missing_combustion": (
            "{f} is missing for a combustion engine",
            "{f} mangler for en forbrenningsmotor",
            "{f} manglar for ein forbrenningsmotor",
        ),
        "emission_stage_min.replace_stage_machine_eu": (
            (
                "Replace {id} (stage {s}) with a machine of EU stage {m} or newer, or an electric "
                "one."
            ),
            (
                "Bytt ut {id} (trinn {s}) med en maskin på EU-trinn {m} eller nyere, eller en "
                "elektrisk."
            ),
            (
                "Byt ut {id} (trinn {s}) med ei maskin på EU-trinn {m} eller nyare, eller ei "
                "elektrisk."
            ),
        ),
    }
)
