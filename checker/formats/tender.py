"""The tender interchange format (climate-tender/1): load, validate, and check what a schema cannot."""

import hashlib
import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema

from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import load_schema
from checker.formats.inputs import read_file
from checker.formats.inputs import schema_problems
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.vocabulary import FUEL_PRODUCTS
from checker.formats.vocabulary import LIQUID_PRODUCTS
from checker.formats.vocabulary import NO_FUEL_CARRIERS

TENDER_FORMAT = "climate-tender/1"
ITEM_LISTS = ("machines", "vehicles", "heating")
ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
# Spaces (also no-break), dots and hyphens people put between the digit groups.
_ORG_NUMBER_SEPARATORS = re.compile(r"[\s\u00a0\u202f.\-]")


@cache
def tender_validator() -> jsonschema.protocols.Validator:
    schema = load_schema("tender.schema.json")
    return jsonschema.Draft202012Validator(schema)


# The CPV regulation's check digit: the eight digits weighted 3, 7, 1, 3, 7, 1, 3, 7, summed,
# modulo 10. A few codes of the 2008 list carry a digit that does not follow the rule (the
# Publications Office has said so); such a code can be given without its check digit.
CPV_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)


def cpv_check_digit(code: str) -> int:
    """The check digit of an eight-digit CPV code (45214200 -> 2)."""
    return sum(int(digit) * weight for digit, weight in zip(code, CPV_WEIGHTS, strict=True)) % 10


def org_number_is_valid(number: str) -> bool:
    """Norwegian organisasjonsnummer: 9 digits starting with 8 or 9, the last a modulus-11 check digit."""
    if len(number) != 9 or not number.isdigit() or number[0] not in "89":
        return False
    return _check_digit(number[:8]) == int(number[8])


def _check_digit(first_eight: str) -> int | None:
    """The modulus-11 check digit for eight digits; None when no number can begin with them."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_eight, ORG_NUMBER_WEIGHTS, strict=True)
    )
    check = (11 - total % 11) % 11
    return None if check == 10 else check


def normalise_org_number(text: str) -> str:
    """The nine digits of the usual spellings: '914 880 009', '914.880.009', 'NO 914880009 MVA'."""
    compact = _ORG_NUMBER_SEPARATORS.sub("", text).upper()
    compact = compact.removeprefix("NO").removesuffix("MVA")
    return compact


def org_number_problem(text: str) -> dict | None:
    """What is wrong with a typed organisation number ({nb, en}), or None when it is valid."""
    number = normalise_org_number(text)
    if not number.isdigit():
        return say("tender.expected_only_digits_spaces", t=text.strip())
    if len(number) != 9:
        return say("tender.expected_digits_found", n=len(number))
    if number[0] not in "89":
        return say("tender.organisation_number_starts_this", d=number[0])
    expected = _check_digit(number[:8])
    if expected is None:
        return say("tender.check_digit_cannot_match", f=number[:8])
    if expected != int(number[8]):
        return say("tender.check_digit_last_digit")
    return None


def duplicate_ids(tender: dict, lists: tuple[str, ...]) -> list[Problem]:
    """Ids used twice across the given lists (one namespace), each named by its path."""
    seen: dict[str, str] = {}
    problems = []
    for name in lists:
        for index, entry in enumerate(tender.get(name) or []):
            path = f"{name}[{index}].id"
            if entry["id"] in seen:
                problems.append(
                    Problem(path, say("tender.id_used", id=entry["id"], where=seen[entry["id"]]))
                )
            else:
                seen[entry["id"]] = path
    return problems


def _reference_problems(tender: dict) -> list[Problem]:
    fuel_ids = {fuel["id"] for fuel in tender.get("fuels") or []}
    item_ids = {entry["id"] for name in ITEM_LISTS for entry in tender.get(name) or []}
    problems = []
    for name in ITEM_LISTS:
        for index, entry in enumerate(tender.get(name) or []):
            fuel_id = entry.get("fuel_id")
            if fuel_id is not None and fuel_id not in fuel_ids:
                known = {"list": sorted(fuel_ids)} if fuel_ids else say("tender.none_declared")
                message = say("tender.unknown_fuel", fuel=fuel_id, known=known)
                problems.append(Problem(f"{name}[{index}].fuel_id", message))
    for index, exception in enumerate(tender.get("exceptions") or []):
        if exception["item"] not in item_ids:
            message = say("tender.unknown_item", item=exception["item"])
            problems.append(Problem(f"exceptions[{index}].item", message))
    return problems


def _charging_problems(tender: dict) -> list[Problem]:
    """charged_from is grid (the default) or the id of an on-site machine of category generator."""
    machines = {machine["id"]: machine for machine in tender.get("machines") or []}
    generators = sorted(
        key for key, machine in machines.items() if machine["category"] == "generator"
    )
    problems = []
    for name in ("machines", "vehicles"):
        for index, entry in enumerate(tender.get(name) or []):
            source = entry.get("charged_from")
            if source in (None, "grid"):
                continue
            path = f"{name}[{index}].charged_from"
            known = ", ".join(["grid", *generators])  # what a file may give, as typed
            if source == entry["id"]:
                problems.append(Problem(path, say("tender.charged_from_itself", known=known)))
            elif machines.get(source, {}).get("category") != "generator":
                problems.append(
                    Problem(
                        path, say("tender.charged_from_unknown", known=known, found=str(source))
                    )
                )
    return problems or _charging_cycles(machines)


def _charging_cycles(machines: dict[str, dict]) -> list[Problem]:
    """Generators charged from each other in a ring have no source of energy at all."""
    order = list(machines)
    for start in order:
        seen, current = [], start
        while current in machines and machines[current].get("charged_from") not in (None, "grid"):
            if current in seen:
                ring = " -> ".join([*seen[seen.index(current) :], current])
                path = f"machines[{order.index(current)}].charged_from"
                return [Problem(path, say("tender.charging_ring", ring=ring))]
            seen.append(current)
            current = machines[current]["charged_from"]
    return []


def fuel_matches(carrier: str | None, product: str) -> bool:
    """A fuel_id must name the fuel the entry actually burns."""
    if carrier == "plugin_hybrid":
        return product in LIQUID_PRODUCTS
    if carrier in FUEL_PRODUCTS:
        return product == carrier
    return carrier is not None and carrier not in NO_FUEL_CARRIERS and product == "other"


def _fuel_carrier_problems(tender: dict) -> list[Problem]:
    fuels = {fuel["id"]: fuel for fuel in tender.get("fuels") or []}
    problems = []
    for name in ITEM_LISTS:
        for index, entry in enumerate(tender.get(name) or []):
            fuel = fuels.get(entry.get("fuel_id"))
            carrier = entry.get("energy_carrier")
            if fuel and carrier and not fuel_matches(carrier, fuel["product"]):
                message = say(
                    "tender.fuel_not_burnt",
                    carrier=carrier,
                    fuel=fuel["id"],
                    product=fuel["product"],
                )
                problems.append(Problem(f"{name}[{index}].fuel_id", message))
    return problems


def _date_problems(tender: dict) -> list[Problem]:
    """ISO dates must be real calendar dates (the schema only checks the pattern)."""
    dated = [("procurement.contract_start", tender["procurement"].get("contract_start"))]
    for index, exception in enumerate(tender.get("exceptions") or []):
        dated.append(
            (f"exceptions[{index}].grid_statement_date", exception.get("grid_statement_date"))
        )
        if isinstance(exception.get("market_check"), list):
            for number, enquiry in enumerate(exception["market_check"]):
                if isinstance(enquiry, dict):
                    path = f"exceptions[{index}].market_check[{number}].date"
                    dated.append((path, enquiry.get("date")))
    problems = []
    for path, value in dated:
        if value is None:
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            problems.append(Problem(path, say("tender.not_a_date", found=str(value))))
    return problems


def semantic_problems(tender: dict) -> list[Problem]:
    """Checks beyond the schema: org number check digit, unique ids, references that resolve
    (fuel_id, exception items, charged_from), real dates."""
    problems = []
    org_number = tender["contractor"]["org_number"]
    if not org_number_is_valid(org_number):
        problems.append(
            Problem("contractor.org_number", say("tender.org_number", found=org_number))
        )
    problems += duplicate_ids(tender, ITEM_LISTS)
    problems += duplicate_ids(tender, ("fuels",))
    problems += duplicate_ids(tender, ("exceptions",))
    problems += _reference_problems(tender)
    problems += _fuel_carrier_problems(tender)
    problems += _charging_problems(tender)
    problems += _date_problems(tender)
    return problems


def validate_tender(data, source: str = "tender") -> dict:
    """Return the tender if it is valid; raise InputError naming every bad field otherwise."""
    if not isinstance(data, dict):
        raise InputError(source, [Problem("", say("tender.not_a_mapping"))])
    problems = schema_problems(tender_validator(), data)
    if not problems:
        problems = semantic_problems(data)
    if problems:
        raise InputError(source, problems)
    return data


def load_tender(path: Path) -> dict:
    """Read a tender file (JSON or YAML) and validate it."""
    return validate_tender(read_file(path), str(path))


def canonical_json(data) -> bytes:
    """The canonical form that hashes are computed over: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def tender_sha256(tender: dict) -> str:
    return hashlib.sha256(canonical_json(tender)).hexdigest()


MESSAGES = define(
    {
        "tender.expected_only_digits_spaces": (
            "expected only digits (spaces and dots are fine); found «{t}»",
            "forventet bare sifre (mellomrom og punktum går fint); fant «{t}»",
            "venta berre siffer (mellomrom og punktum går fint); fann «{t}»",
        ),
        "tender.expected_digits_found": (
            "expected 9 digits; found {n}",
            "forventet 9 sifre; fant {n}",
            "venta 9 siffer; fann {n}",
        ),
        "tender.organisation_number_starts_this": (
            "an organisation number starts with 8 or 9; this starts with {d}",
            "et organisasjonsnummer begynner med 8 eller 9; dette begynner med {d}",
            "eit organisasjonsnummer byrjar med 8 eller 9; dette byrjar med {d}",
        ),
        "tender.check_digit_cannot_match": (
            (
                "the check digit cannot match: no organisation number begins with {f}; check for a "
                "typo"
            ),
            (
                "kontrollsifferet kan ikke stemme: ingen organisasjonsnumre begynner med {f}; se "
                "etter en skrivefeil"
            ),
            (
                "kontrollsifferet kan ikkje stemme: ingen organisasjonsnummer byrjar med {f}; sjå "
                "etter ein skrivefeil"
            ),
        ),
        "tender.check_digit_last_digit": (
            (
                "the check digit (the last digit) does not match the first eight (modulus 11); check "
                "for a typo"
            ),
            (
                "kontrollsifferet (det siste sifferet) stemmer ikke med de åtte første (modulus 11); "
                "se etter en skrivefeil"
            ),
            (
                "kontrollsifferet (det siste sifferet) stemmer ikkje med dei åtte første (modulus "
                "11); sjå etter ein skrivefeil"
            ),
        ),
    }
)
