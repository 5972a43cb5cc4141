"""Check type `inventory_complete`: the machine or vehicle list exists and every row is filled."""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import fill_in
from checker.checks.base import item
from checker.checks.base import register
from checker.formats.messages import define
from checker.formats.messages import say


def inventory_complete(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """The list exists and every row has the named fields (and one of the quantity fields)."""
    if not entries:
        return Outcome(
            "not_answered",
            say("inventory_complete.list_empty"),
            code="list_empty",
        )
    quantities = params["quantity_fields"]
    results = []
    for entry in entries:
        missing = [
            {"field": name} for name in params["required_fields"] if entry.get(name) in (None, "")
        ]
        if quantities and all(entry.get(name) is None for name in quantities):
            missing.append({"either": [{"field": name} for name in quantities]})
        if missing:
            message = say("inventory_complete.missing", m={"list": missing})
            results.append(item(entry, "not_answered", message, "fields_missing"))
        else:
            results.append(item(entry, "pass", say("inventory_complete.complete"), "complete"))
    return Outcome(None, items=results)


def advise(finding: Finding) -> dict | None:
    if finding.code == "list_empty":
        return say("inventory_complete.list_every_machine_vehicle")
    return fill_in(finding)


RULE = {
    "required_fields": ["category", "make"],
    "quantity_fields": ["planned_hours", "fuel_litres"],
}
EXAMPLES = (
    Example(
        "a complete row passes",
        RULE,
        {"machines": [{"id": "M1", "category": "excavator", "make": "Volvo", "planned_hours": 10}]},
        "pass",
    ),
    Example(
        "a row without make or quantity is not answered",
        RULE,
        {"machines": [{"id": "M1", "category": "excavator"}]},
        "not_answered",
        {"M1": "not_answered"},
    ),
    Example("an empty list is not answered", RULE, {"machines": []}, "not_answered"),
)

register(
    "inventory_complete",
    inventory_complete,
    targets={"machines", "vehicles"},
    params={
        "required_fields": Param("field_list"),
        "quantity_fields": Param("field_list", required=False, default=[]),
    },
    advice=advise,
    examples=EXAMPLES,
    runs_without_entries=True,
)


MESSAGES = define(
    {
        "inventory_complete.list_empty": ("the list is empty", "listen er tom", "lista er tom"),
        "inventory_complete.missing": ("missing: {m}", "mangler: {m}", "manglar: {m}"),
        "inventory_complete.complete": ("complete", "komplett", "fullstendig"),
        "inventory_complete.list_every_machine_vehicle": (
            "List every machine and vehicle you will use, one row each.",
            "List opp alle maskiner og kjøretøy du vil bruke, én rad for hver.",
            "List opp alle maskiner og køyretøy du vil bruke, éi rad for kvar.",
        ),
    }
)
