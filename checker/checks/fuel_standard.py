"""Check type `fuel_standard`: fuels of one product meet a named standard (HVO100: EN 15940)."""

import re

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import fill_in
from checker.checks.base import item
from checker.checks.base import register
from checker.checks.fuel_users import undeclared_fuel_users
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.vocabulary import FUEL_PRODUCTS


def _standard_tokens(text: str) -> set[str]:
    """'EN 15940:2016, ISCC' -> {'en15940', 'iscc'}: standards compared as whole names, not substrings."""
    tokens = set()
    for part in re.split(r"[,;/+&]", text):
        name = re.sub(r"\s+", "", part.split(":")[0]).lower()
        if name:
            tokens.add(name)
    return tokens


def fuel_standard(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Fuels of one product meet the named standard (e.g. HVO100 to EN 15940)."""
    product, standard = params["product"], params["standard"]
    wanted = re.sub(r"\s+", "", standard).lower()
    results = []
    for entry in entries:
        if entry["product"] != product:
            message = say("fuel_standard.other_product", p={"code": product})
            results.append(item(entry, "not_applicable", message, "other_product"))
        elif not entry.get("standard"):
            message = say("fuel_standard.standard_missing_expected", s=standard)
            results.append(item(entry, "not_answered", message, "standard_missing"))
        elif wanted in _standard_tokens(entry["standard"]):
            message = say("fuel_standard.meets", s=standard)
            results.append(item(entry, "pass", message, "standard_met"))
        else:
            message = say(
                "fuel_standard.states_required", id=entry["id"], found=entry["standard"], s=standard
            )
            results.append(item(entry, "fail", message, "standard_wrong"))
    if product in FUEL_PRODUCTS:
        results += undeclared_fuel_users(ctx, {product})
    return Outcome(None, items=results)


def advise(finding: Finding) -> dict | None:
    if finding.status == "not_answered":
        return fill_in(finding)
    if finding.code == "standard_wrong":
        return say(
            "fuel_standard.state_that_fuel_meets",
            id=finding.entry.get("id", "?"),
            s=finding.params.get("standard"),
        )
    return None


RULE = {"product": "hvo100", "standard": "EN 15940"}


def _fuel(standard, product="hvo100") -> dict:
    return {"id": "F1", "product": product, "standard": standard}


EXAMPLES = (
    Example("HVO to EN 15940:2016 passes", RULE, {"fuels": [_fuel("EN 15940:2016")]}, "pass"),
    Example("HVO to EN 590 fails", RULE, {"fuels": [_fuel("EN 590")]}, "fail"),
    Example(
        "HVO without a standard is not answered", RULE, {"fuels": [_fuel(None)]}, "not_answered"
    ),
    Example("biogas is not HVO", RULE, {"fuels": [_fuel(None, "biogas")]}, "not_applicable"),
)

register(
    "fuel_standard",
    fuel_standard,
    targets={"fuels"},
    params={"product": Param("string"), "standard": Param("string")},
    advice=advise,
    examples=EXAMPLES,
    runs_without_entries=True,
)


MESSAGES = define(
    {
        "fuel_standard.other_product": ("not {p}", "ikke {p}", "ikkje {p}"),
        "fuel_standard.standard_missing_expected": (
            "standard is missing; expected {s}",
            "standard mangler; forventet {s}",
            "standard manglar; venta {s}",
        ),
        "fuel_standard.meets": ("meets {s}", "oppfyller {s}", "oppfyller {s}"),
        "fuel_standard.states_required": (
            "{id} states {found}; {s} is required",
            "{id} oppgir {found}; {s} kreves",
            "{id} oppgir {found}; {s} er kravd",
        ),
        "fuel_standard.state_that_fuel_meets": (
            "State that fuel {id} meets {s}, and attach the supplier's product sheet.",
            "Oppgi at drivstoffet {id} oppfyller {s}, og legg ved leverandørens produktdatablad.",
            (
                "Oppgi at drivstoffet {id} oppfyller {s}, og legg ved produktdatabladet frå "
                "leverandøren."
            ),
        ),
    }
)
