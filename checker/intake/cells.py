"""One cell of an uploaded machine list turned into a field value, or a reason why it cannot be.

Every reason is a {nb, en} pair that says what was expected; the caller adds where (sheet, row,
column) and what was found.
"""

import re
from datetime import date
from datetime import datetime
from functools import cache

from checker.formats.inputs import load_schema
from checker.formats.messages import define
from checker.formats.messages import render
from checker.formats.messages import say
from checker.intake.columns import BOOLEAN
from checker.intake.columns import BOOLEAN_WORDS
from checker.intake.columns import CHOICE
from checker.intake.columns import ENQUIRIES
from checker.intake.columns import INTEGER
from checker.intake.columns import NUMBER
from checker.intake.columns import Column
from checker.intake.names import code_for_name
from checker.intake.template import ENQUIRY_SEPARATOR
from checker.intake.template import FORMULA_STARTS

_GROUPING = re.compile(r"[\s\u00a0\u202f]")
_NUMBER = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_PREFIXES = ("stage ", "trinn ", "steg ", "euro ")


class CellError(Exception):
    def __init__(self, message: dict):
        self.message = message
        super().__init__(render(message, "en"))


@cache
def field_rules(list_key: str) -> dict:
    """The tender schema's properties for one list's entries (bounds, lengths, patterns)."""
    schema = load_schema("tender.schema.json")["properties"][list_key]
    return schema["items"]["properties"] if "items" in schema else {}


def as_text(value) -> str:
    """A cell as text: whole numbers without '.0', dates as YYYY-MM-DD, an export's apostrophe
    in front of = + - @ taken off again."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _number(value) -> float | int:
    if isinstance(value, bool):
        raise CellError(say("cells.expected_number"))
    if isinstance(value, int | float):
        return value
    compact = _GROUPING.sub("", as_text(value))
    if not _NUMBER.match(compact):
        raise CellError(say("cells.expected_number_e_g"))
    number = float(compact.replace(",", "."))
    return int(number) if number.is_integer() else number


def _integer(value) -> int:
    number = _number(value)
    if isinstance(number, float) and not number.is_integer():
        raise CellError(say("cells.expected_whole_number"))
    return int(number)


def _choice(column: Column, value) -> str:
    named = code_for_name(as_text(value), column.choices)
    if named is not None:
        return named  # 'gravemaskin' or 'battery electric' for the code
    text = as_text(value).casefold().replace("-", "_").replace(" ", "_")
    for prefix in _PREFIXES:
        candidate = prefix.strip()
        if text.startswith(candidate + "_"):
            text = text[len(candidate) + 1 :]
    for choice in column.choices:
        if text == choice.casefold():
            return choice
    allowed = ", ".join(column.choices)
    raise CellError(say("cells.expected_one", a=allowed))


def _boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    word = as_text(value).casefold()
    if word in BOOLEAN_WORDS:
        return BOOLEAN_WORDS[word]
    raise CellError(say("cells.expected_yes_no"))


def _enquiries(text: str) -> str | list[dict]:
    """One enquiry per line as 'supplier | date | answer' becomes a list; other text stays text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    enquiries = []
    for line in lines:
        parts = [part.strip() for part in line.split(ENQUIRY_SEPARATOR.strip())]
        if len(parts) != 3 or not parts[0] or (parts[1] and not _DATE.match(parts[1])):
            return text
        enquiry = {"supplier": parts[0], "date": parts[1] or None, "answer": parts[2] or None}
        enquiries.append(enquiry)
    return enquiries or text


def _within_schema(rules: dict, value) -> None:
    """Bounds, lengths and patterns of the tender format, said in both languages."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = rules.get("minimum"), rules.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            raise CellError(say("cells.expected_number_from", lo=_plain(low), hi=_plain(high)))
    if isinstance(value, str):
        if len(value) > rules.get("maxLength", 20000):
            raise CellError(say("cells.expected_most_characters", n=rules.get("maxLength", 20000)))
        if "pattern" in rules and not re.match(rules["pattern"], value):
            raise CellError(say("cells.expected_letters_digits_starting"))


def _plain(number) -> str:
    if number is None:
        return "…"
    return f"{number:,.0f}".replace(",", " ") if number >= 10000 else f"{number:g}"


def convert(column: Column, list_key: str, value, is_formula: bool = False):
    """The field value of one non-empty cell; raises CellError naming what was expected."""
    if is_formula:
        raise CellError(say("cells.formula_formulas_not_accepted"))
    if isinstance(value, str) and _CONTROL.search(value):
        raise CellError(say("cells.text_without_invisible_control"))
    if column.type == NUMBER:
        result = _number(value)
    elif column.type == INTEGER:
        result = _integer(value)
    elif column.type == CHOICE:
        result = _choice(column, value)
    elif column.type == BOOLEAN:
        result = _boolean(value)
    elif column.type == ENQUIRIES:
        result = _enquiries(as_text(value))
    else:
        result = as_text(value)
    _within_schema(field_rules(list_key).get(column.key, {}), result)
    return result


MESSAGES = define(
    {
        "cells.expected_number": ("expected a number", "forventet et tall", "venta eit tal"),
        "cells.expected_number_e_g": (
            "expected a number, e.g. 12.5 or 1200",
            "forventet et tall, f.eks. 12,5 eller 1200",
            "venta eit tal, t.d. 12,5 eller 1200",
        ),
        "cells.expected_whole_number": (
            "expected a whole number",
            "forventet et heltall",
            "venta eit heiltal",
        ),
        "cells.expected_one": ("expected one of: {a}", "forventet en av: {a}", "venta ein av: {a}"),
        "cells.expected_yes_no": (
            "expected yes or no",
            "forventet ja eller nei",
            "venta ja eller nei",
        ),
        "cells.expected_number_from": (
            "expected a number from {lo} to {hi}",
            "forventet et tall fra {lo} til {hi}",
            "venta eit tal frå {lo} til {hi}",
        ),
        "cells.expected_most_characters": (
            "expected at most {n} characters",
            "forventet høyst {n} tegn",
            "venta høgst {n} teikn",
        ),
        "cells.expected_letters_digits_starting": (
            "expected letters, digits, '.', '_' or '-', starting with a letter or digit",
            (
                "forventet bokstaver, sifre, '.', '_' eller '-', som begynner med en bokstav eller et"
                " siffer"
            ),
            (
                "venta bokstavar, siffer, '.', '_' eller '-', som byrjar med ein bokstav eller eit "
                "siffer"
            ),
        ),
        "cells.formula_formulas_not_accepted": (
            "a formula; formulas are not accepted: type the value itself",
            "en formel; formler godtas ikke: skriv inn selve verdien",
            "ein formel; formlar blir ikkje godtekne: skriv inn sjølve verdien",
        ),
        "cells.text_without_invisible_control": (
            "text without invisible control characters",
            "tekst uten usynlige kontrolltegn",
            "tekst utan usynlege kontrollteikn",
        ),
    }
)
