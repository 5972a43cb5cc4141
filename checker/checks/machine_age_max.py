"""Check type `machine_age_max`: machines are at most N years old at contract start."""

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

TOO_OLD = "too_old"


def machine_age_max(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Machines are at most N years old at contract start, the year of manufacture not counted."""
    start = (ctx.tender["procurement"].get("contract_start") or "")[:4]
    if not start:
        return Outcome(
            "not_answered",
            say("machine_age_max.contract_start_missing"),
            code="contract_start_missing",
        )
    results = []
    for entry in entries:
        year = entry.get("year")
        if year is None:
            message = say("machine_age_max.year_missing")
            results.append(item(entry, "not_answered", message, "year_missing"))
            continue
        age = int(start) - year - 1
        reason = say(
            "machine_age_max.years_old_contract_start",
            id=entry["id"],
            age=max(age, 0),
            max=params["max_age_years"],
        )
        if age <= params["max_age_years"]:
            results.append(item(entry, "pass", reason, "age_within"))
        else:
            # An approved dispensation waives an over-age machine, as for energy carriers.
            results.append(exception_outcome(entry, ctx, accepted_grounds(params), reason, TOO_OLD))
    return Outcome(None, items=results)


def advise(finding: Finding) -> dict | None:
    if finding.status == "not_answered" and finding.code == "contract_start_missing":
        return say("machine_age_max.give_contract_start_procurement")
    if finding.status == "not_answered":
        return fill_in(finding)
    if finding.code in (TOO_OLD, REJECTED):
        return say(
            "machine_age_max.replace_made_machine_most",
            id=finding.entry.get("id", "?"),
            y=finding.entry.get("year") or "?",
            n=finding.params.get("max_age_years"),
        )
    return exception_advice(finding)


def _tender(year) -> dict:
    return {
        "procurement": {"contract_start": "2027-03-01"},
        "machines": [{"id": "M1", "category": "excavator", "year": year}],
    }


EXAMPLES = (
    Example("a 2014 machine is 12 years old in 2027", {"max_age_years": 12}, _tender(2014), "pass"),
    Example("a 2013 machine is 13 years old in 2027", {"max_age_years": 12}, _tender(2013), "fail"),
    Example(
        "a machine without its year is not answered",
        {"max_age_years": 12},
        _tender(None),
        "not_answered",
    ),
    Example(
        "no contract start: not answered",
        {"max_age_years": 12},
        {"procurement": {}, "machines": [{"id": "M1", "category": "excavator", "year": 2020}]},
        "not_answered",
    ),
    Example(
        "no machines: not applicable",
        {"max_age_years": 12},
        {"procurement": {"contract_start": "2027-03-01"}, "machines": []},
        "not_applicable",
    ),
)

register(
    "machine_age_max",
    machine_age_max,
    targets={"machines"},
    params={
        "max_age_years": Param("integer"),
        "exception_grounds": Param("ground_list", required=False, default=[]),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "machine_age_max.contract_start_missing": (
            "the contract start (procurement.contract_start) is needed to compute machine ages",
            "kontraktsstarten (procurement.contract_start) trengs for å regne ut maskinalder",
            "kontraktsstarten (procurement.contract_start) trengst for å rekne ut maskinalder",
        ),
        "machine_age_max.year_missing": (
            "year is missing",
            "year (årsmodell) mangler",
            "year (årsmodell) manglar",
        ),
        "machine_age_max.years_old_contract_start": (
            "{id} is {age} years old at contract start (limit {max})",
            "{id} er {age} år gammel ved kontraktsstart (grense {max})",
            "{id} er {age} år gammal ved kontraktsstart (grense {max})",
        ),
        "machine_age_max.give_contract_start_procurement": (
            "Give the contract start (procurement.contract_start) so machine ages can be counted.",
            "Oppgi kontraktsstart (procurement.contract_start) så maskinalderen kan regnes ut.",
            "Oppgi kontraktsstart (procurement.contract_start) så maskinalderen kan reknast ut.",
        ),
        "machine_age_max.replace_made_machine_most": (
            (
                "Replace {id} (made {y}) with a machine at most {n} years old at contract start, or "
                "ask for a dispensation."
            ),
            (
                "Bytt ut {id} (årsmodell {y}) med en maskin som er høyst {n} år ved kontraktstart, "
                "eller søk om dispensasjon."
            ),
            (
                "Byt ut {id} (årsmodell {y}) med ei maskin som er høgst {n} år ved kontraktsstart, "
                "eller søk om dispensasjon."
            ),
        ),
    }
)
