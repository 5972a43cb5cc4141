"""The period-report format (climate-period-report/1): load, validate, check what a schema cannot.

A period report is read against the awarded tender it follows up: its entries inherit from the
tender's (see inherit.py), so most checks look at an entry as it ran, plan and report together.
"""

from datetime import date
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema

from checker.followup import messages as _messages  # noqa: F401 - defines its messages
from checker.followup.inherit import ITEM_LISTS
from checker.followup.inherit import merged_entries
from checker.followup.inherit import merged_fuels
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import load_schema
from checker.formats.inputs import read_file
from checker.formats.inputs import schema_problems
from checker.formats.messages import say
from checker.formats.tender import duplicate_ids
from checker.formats.tender import fuel_matches
from checker.formats.tender import org_number_is_valid

PERIOD_FORMAT = "climate-period-report/1"
GRID = "grid"
# A new entry states what a tender entry needs, and its energy carrier: without one, nothing
# that ran could be judged.
NEW_ENTRY_FIELDS = {
    "machines": ("category", "energy_carrier"),
    "vehicles": ("purpose", "energy_carrier"),
    "heating": ("purpose", "energy_carrier"),
}


@cache
def period_validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(load_schema("period-report.schema.json"))


@cache
def _compiled_schema():
    """The schema compiled to Python code: some 40 times faster than jsonschema on a report of
    150 entries, which matters when a contract's two years of reports are read at once."""
    # Formats are annotations in JSON Schema 2020-12, as jsonschema reads them (dates are
    # checked as real dates after the schema); defaults are never written into the report.
    return fastjsonschema.compile(
        load_schema("period-report.schema.json"), use_formats=False, use_default=False
    )


def period_schema_problems(data) -> list[Problem]:
    """Every schema problem of a report. Only a report the compiled schema accepts skips
    jsonschema, whose messages name each problem of one it refuses."""
    try:
        _compiled_schema()(data)
    except fastjsonschema.JsonSchemaException as err:
        return schema_problems(period_validator(), data) or [
            Problem(
                err.name.removeprefix("data").lstrip("."),
                say("period.schema", detail=err.message),
            )
        ]
    return []


def period_days(period: dict) -> int:
    """Days of the period, both ends included."""
    start, end = (date.fromisoformat(period["period"][key]) for key in ("start", "end"))
    return (end - start).days + 1


def _header_problems(period: dict, tender: dict) -> list[Problem]:
    problems = []
    if period["tender_id"] != tender["tender_id"]:
        problems.append(
            Problem(
                "tender_id",
                say("period.other_tender", wanted=tender["tender_id"], found=period["tender_id"]),
            )
        )
    number = period["contractor"]["org_number"]
    if not org_number_is_valid(number):
        problems.append(
            Problem(
                "contractor.org_number",
                say("period.org_number", found=number),
            )
        )
    elif number != tender["contractor"]["org_number"]:
        problems.append(
            Problem(
                "contractor.org_number",
                say(
                    "period.other_contractor",
                    wanted=tender["contractor"]["org_number"],
                    found=number,
                ),
            )
        )
    return problems + _date_problems(period)


def _real_date(path: str, value: str) -> list[Problem]:
    try:
        date.fromisoformat(value)
    except ValueError:
        return [Problem(path, say("period.not_a_date", found=str(value)))]
    return []


def _date_problems(period: dict) -> list[Problem]:
    span = period["period"]
    problems = _real_date("period.start", span["start"]) + _real_date("period.end", span["end"])
    if not problems and span["end"] < span["start"]:
        problems.append(
            Problem(
                "period.end",
                say("period.end_before_start", start=span["start"], found=span["end"]),
            )
        )
    for index, request in enumerate(period.get("exceptions") or []):
        if isinstance(request.get("market_check"), list):
            for number, enquiry in enumerate(request["market_check"]):
                if enquiry.get("date") is not None:
                    path = f"exceptions[{index}].market_check[{number}].date"
                    problems += _real_date(path, enquiry["date"])
    return problems


def _new_entry_problems(period: dict, tender: dict) -> list[Problem]:
    """An entry the tender did not list states every field a tender entry needs."""
    planned = {kind: {entry["id"] for entry in tender.get(kind) or []} for kind in ITEM_LISTS}
    problems = []
    for kind in ITEM_LISTS:
        for index, entry in enumerate(period.get(kind) or []):
            other = [name for name in ITEM_LISTS if name != kind and entry["id"] in planned[name]]
            if other:
                message = say(
                    "period.in_other_list",
                    id=entry["id"],
                    other={"entries": other[0]},
                    kind={"entries": kind},
                )
                problems.append(Problem(f"{kind}[{index}].id", message))
            elif entry["id"] not in planned[kind]:
                missing = [name for name in NEW_ENTRY_FIELDS[kind] if entry.get(name) is None]
                if missing:
                    message = say(
                        "period.new_entry_incomplete", id=entry["id"], missing={"list": missing}
                    )
                    problems.append(Problem(f"{kind}[{index}]", message))
    return problems


def _fuel_problems(period: dict, tender: dict, merged: dict) -> list[Problem]:
    """Every fuel_id names a fuel of the tender or the period, and the fuel the entry burns."""
    fuels = merged_fuels(tender, period)
    known = {"list": sorted(fuels)} if fuels else say("period.none_declared")
    problems = []
    for kind in ITEM_LISTS:
        for index, entry in enumerate(merged[kind]):
            fuel_id, path = entry.get("fuel_id"), f"{kind}[{index}].fuel_id"
            if fuel_id is None:
                continue
            if fuel_id not in fuels:
                problems.append(
                    Problem(path, say("period.unknown_fuel", fuel=fuel_id, known=known))
                )
            elif entry.get("energy_carrier") and not fuel_matches(
                entry["energy_carrier"], fuels[fuel_id]["product"]
            ):
                message = say(
                    "tender.fuel_not_burnt",
                    carrier=entry["energy_carrier"],
                    fuel=fuel_id,
                    product=fuels[fuel_id]["product"],
                )
                problems.append(Problem(path, message))
    for index, delivery in enumerate(period.get("deliveries") or []):
        if delivery["fuel_id"] not in fuels:
            message = say("period.unknown_fuel", fuel=delivery["fuel_id"], known=known)
            problems.append(Problem(f"deliveries[{index}].fuel_id", message))
    return problems


def _charging_problems(merged: dict) -> list[Problem]:
    """charged_from is the grid or a generator that ran on site in the same period."""
    generators = {m["id"] for m in merged["machines"] if m.get("category") == "generator"}
    problems = []
    for kind in ("machines", "vehicles"):
        for index, entry in enumerate(merged[kind]):
            source = entry.get("charged_from")
            if source is None or source == GRID:
                continue
            if source == entry["id"] or source not in generators:
                others = sorted(generators - {entry["id"]})
                listed = {"list": others} if others else say("period.no_generator")
                message = say("period.charged_from", listed=listed, found=source)
                problems.append(Problem(f"{kind}[{index}].charged_from", message))
    return problems


def _delivery_problems(period: dict) -> list[Problem]:
    span = period["period"]
    problems = []
    for index, delivery in enumerate(period.get("deliveries") or []):
        path = f"deliveries[{index}].date"
        found = _real_date(path, delivery["date"])
        if not found and not span["start"] <= delivery["date"] <= span["end"]:
            message = say(
                "period.delivery_outside",
                start=span["start"],
                end=span["end"],
                found=delivery["date"],
            )
            found = [Problem(path, message)]
        problems += found
    return problems


def _item_problems(period: dict) -> list[Problem]:
    """Exception requests name an entry of the period; days on site fit in the period."""
    ids = {entry["id"] for kind in ITEM_LISTS for entry in period.get(kind) or []}
    problems = []
    for index, request in enumerate(period.get("exceptions") or []):
        if request["item"] not in ids:
            message = say("period.unknown_item", item=request["item"])
            problems.append(Problem(f"exceptions[{index}].item", message))
    days = period_days(period)
    for kind in ("machines", "vehicles"):
        for index, entry in enumerate(period.get(kind) or []):
            if (entry.get("days_on_site") or 0) > days:
                message = say("period.too_many_days", days=days, found=entry["days_on_site"])
                problems.append(Problem(f"{kind}[{index}].days_on_site", message))
    return problems


def semantic_problems(period: dict, tender: dict) -> list[Problem]:
    """Checks beyond the schema, against the awarded tender the report follows up."""
    problems = _header_problems(period, tender)
    if problems:
        return problems  # the rest reads dates and entries that must first be right
    problems += duplicate_ids(period, ITEM_LISTS)
    for name in ("fuels", "deliveries", "exceptions"):
        problems += duplicate_ids(period, (name,))
    problems += _new_entry_problems(period, tender)
    merged = {kind: merged_entries(tender, period, kind) for kind in ITEM_LISTS}
    problems += _fuel_problems(period, tender, merged)
    problems += _charging_problems(merged)
    problems += _delivery_problems(period)
    return problems + _item_problems(period)


def validate_period(data, tender: dict, source: str = "period report") -> dict:
    """Return the period report if it is valid against the tender; else raise InputError."""
    if not isinstance(data, dict):
        raise InputError(source, [Problem("", say("tender.not_a_mapping"))])
    problems = period_schema_problems(data)
    if not problems:
        problems = semantic_problems(data, tender)
    if problems:
        raise InputError(source, problems)
    return data


def load_period(path: Path, tender: dict) -> dict:
    """Read a period report file (JSON or YAML) and validate it against the tender."""
    return validate_period(read_file(path), tender, str(path))


def order_periods(named: list[tuple[str, dict]], tender: dict) -> list[tuple[str, dict]]:
    """The periods of one follow-up in time order; overlaps and reused request ids are bad input.

    named pairs each validated period report with the name its problems are reported under.
    """
    ordered = sorted(named, key=lambda pair: (pair[1]["period"]["start"], pair[1]["period"]["end"]))
    for (earlier, before), (source, period) in zip(ordered, ordered[1:], strict=False):
        if period["period"]["start"] <= before["period"]["end"]:
            span = before["period"]
            message = say("period.overlaps", other=earlier, start=span["start"], end=span["end"])
            raise InputError(source, [Problem("period", message)])
    asked = {request["id"]: say("period.the_tender") for request in tender.get("exceptions") or []}
    for source, period in ordered:
        problems = []
        for index, request in enumerate(period.get("exceptions") or []):
            if request["id"] in asked:
                message = say("period.already_asked", id=request["id"], where=asked[request["id"]])
                problems.append(Problem(f"exceptions[{index}].id", message))
            asked[request["id"]] = source
        if problems:
            raise InputError(source, problems)
    return ordered
