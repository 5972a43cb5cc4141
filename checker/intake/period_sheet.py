"""The period sheet: a period report as an Excel workbook beside the machine list. One sheet
("Periode" / "Period") holds the period's first and last day and a row per entry of the tender
or the last period (list, ID, what it is, serial number, hours, km, litres, kWh), so a contractor
fills in the quantities in Excel and uploads it. Headers in Norwegian or English (or the field
names); every problem is named by sheet, row, column, the value found and what was expected.
"""

import io
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime

from openpyxl import Workbook
from openpyxl import load_workbook
from openpyxl.styles import Font

from checker.formats.messages import define
from checker.formats.messages import say
from checker.intake.cells import CellError
from checker.intake.cells import _number
from checker.intake.cells import as_text
from checker.intake.columns import normalise_header
from checker.intake.limits import MAX_ROWS
from checker.intake.limits import IntakeError
from checker.intake.limits import check_size
from checker.intake.limits import check_xlsx_container
from checker.intake.names import name_of
from checker.intake.results import RowProblem
from checker.intake.template import neutralise

MESSAGES = define(
    {
        "period_sheet.expected_date_such": (
            "expected a date such as 01.03.2027",
            "forventet en dato som 01.03.2027",
            "venta ein dato som 01.03.2027",
        ),
        "period_sheet.expected_machine_vehicle_heating": (
            "expected Machine, Vehicle or Heating",
            "forventet Maskin, Kjøretøy eller Varme",
            "venta Maskin, Køyretøy eller Varme",
        ),
        "period_sheet.give_entry_s_id": (
            "give the entry's ID",
            "oppgi postens ID",
            "oppgi ID-en til posten",
        ),
        "period_sheet.not_used_this_list": (
            "not used for this list; leave it empty",
            "brukes ikke for denne listen; la den stå tom",
            "blir ikkje brukt for denne lista; la han stå tom",
        ),
        "period_sheet.expected_header_row_list": (
            "expected the header row (List, ID, ...)",
            "forventet overskriftsraden (Liste, ID, ...)",
            "venta overskriftsrada (Liste, ID, ...)",
        ),
        "period_sheet.period_s_day_missing": (
            "the period's day is missing",
            "periodens dag mangler",
            "dagen i perioden manglar",
        ),
        "period_sheet.workbook_could_not_read": (
            "The workbook could not be read.",
            "Arbeidsboken kunne ikke leses.",
            "Arbeidsboka kunne ikkje lesast.",
        ),
        "period_sheet.workbook_has_no_sheet": (
            "The workbook has no sheet Period (Periode).",
            "Arbeidsboken har ikke arket Periode.",
            "Arbeidsboka har ikkje arket Periode.",
        ),
    }
)

SHEET = {"nb": "Periode", "en": "Period"}
LISTS = {
    "machines": ("Maskin", "Machine"),
    "vehicles": ("Kjøretøy", "Vehicle"),
    "heating": ("Varme", "Heating"),
}
START = ("Første dag", "First day", "start")
END = ("Siste dag", "Last day", "end")
# (field, nb, en, the lists it belongs to); "what" is shown, never read.
COLUMNS = (
    ("list", "Liste", "List", ()),
    ("id", "ID", "ID", ()),
    ("what", "Hva", "What", ()),
    ("serial_number", "Serienummer", "Serial number", ("machines",)),
    ("hours", "Timer", "Hours", ("machines",)),
    ("km", "Kilometer", "Kilometres", ("vehicles",)),
    ("fuel_litres", "Drivstoff (liter)", "Fuel (litres)", ("machines", "vehicles")),
    ("energy_kwh", "Energi (kWh)", "Energy (kWh)", ("machines", "vehicles", "heating")),
)
QUANTITIES = ("hours", "km", "fuel_litres", "energy_kwh")
NOT_A_DATE = say("period_sheet.expected_date_such")
NOT_A_LIST = say("period_sheet.expected_machine_vehicle_heating")
NO_ID = say("period_sheet.give_entry_s_id")
NOT_HERE = say("period_sheet.not_used_this_list")
NO_HEADER = say("period_sheet.expected_header_row_list")
NO_DAY = say("period_sheet.period_s_day_missing")
UNREADABLE = say("period_sheet.workbook_could_not_read")
NO_SHEET = say("period_sheet.workbook_has_no_sheet")


@dataclass
class PeriodSheet:
    """What an uploaded period sheet says: the days as ISO dates, each row's fields as text
    (numbers in Norwegian spelling), and every problem."""

    start: str = ""
    end: str = ""
    rows: list[dict] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _what(entry: dict, lang: str) -> str:
    kind = entry.get("category") or entry.get("purpose")
    parts = [name_of(kind, lang)] if kind else []
    parts += [str(entry[key]) for key in ("make", "model") if entry.get(key)]
    if entry.get("energy_carrier"):
        parts.append(name_of(entry["energy_carrier"], lang))
    return ", ".join(parts)


def build(start: date, end: date, rows: list[dict], lang: str) -> bytes:
    """The sheet for one period; rows: {list, id, entry (what it is), and the fields' values}."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET[lang]
    index = 0 if lang == "nb" else 1
    sheet.append([START[index], start])
    sheet.append([END[index], end])
    sheet.append([])
    sheet.append([column[1 + index] for column in COLUMNS])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for cell in (sheet["B1"], sheet["B2"]):
        cell.number_format = "DD.MM.YYYY"
    for row in rows:
        values = {"list": LISTS[row["list"]][index], "what": _what(row.get("entry", {}), lang)}
        values |= {key: row.get(key) for key, *_rest in COLUMNS if key not in values}
        sheet.append([neutralise(values.get(key)) for key, *_rest in COLUMNS])
    for letter, width in zip("ABCDEFGH", (12, 10, 40, 16, 10, 12, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _day(value) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = as_text(value)
    try:
        if "." in text:
            day, month, year = text.split(".")
            return date(int(year), int(month), int(day)).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _list_of(text: str) -> str | None:
    wanted = normalise_header(text)
    for key, names in LISTS.items():
        if wanted in {normalise_header(name) for name in (key, *names)}:
            return key
    return None


def _headers(cells: list) -> dict[int, str] | None:
    names = {
        normalise_header(name): key for key, nb, en, _lists in COLUMNS for name in (key, nb, en)
    }
    found = {
        n: names[normalise_header(as_text(value))]
        for n, value in enumerate(cells)
        if value is not None and normalise_header(as_text(value)) in names
    }
    return found if {"list", "id"} <= set(found.values()) else None


class _Reader:
    def __init__(self, title: str):
        self.title = title
        self.result = PeriodSheet()
        self.columns: dict[int, str] | None = None
        self.spelled: dict[str, str] = {}
        self.bad_days: set[str] = set()

    def problem(self, row: int, column: str | None, value, message: dict) -> None:
        shown = None if value is None else as_text(value)
        self.result.problems.append(RowProblem(self.title, row, column, shown, message))

    def header(self, key: str) -> str:
        """The column's header as the file spells it."""
        return self.spelled.get(key) or next(nb for k, nb, _en, _lists in COLUMNS if k == key)

    def day(self, row: int, label, value) -> None:
        key = "start" if normalise_header(as_text(label)) in map(normalise_header, START) else "end"
        day = _day(value)
        if day is None:
            self.problem(row, as_text(label), value, NOT_A_DATE)
            self.bad_days.add(key)
        else:
            setattr(self.result, key, day)

    def entry(self, row: int, cells: list) -> None:
        values = {key: cells[n] for n, key in self.columns.items() if n < len(cells)}
        kind = _list_of(as_text(values.get("list")))
        if kind is None:
            self.problem(row, self.header("list"), values.get("list"), NOT_A_LIST)
            return
        entry = {"list": kind, "id": as_text(values.get("id"))}
        if not entry["id"]:
            self.problem(row, self.header("id"), None, NO_ID)
        for key, *_names, lists in COLUMNS[3:]:
            value = values.get(key)
            if value is None or as_text(value) == "":
                continue
            if kind not in lists:
                self.problem(row, self.header(key), value, NOT_HERE)
            elif key in QUANTITIES:
                try:
                    number = _number(value)
                    entry[key] = str(number).replace(".", ",")
                except CellError as err:
                    self.problem(row, self.header(key), value, err.message)
            else:
                entry[key] = as_text(value)
        self.result.rows.append(entry)

    def row(self, row: int, cells: list) -> None:
        if not any(v is not None and as_text(v) for v in cells):
            return
        first = normalise_header(as_text(cells[0])) if cells and cells[0] is not None else ""
        if self.columns is None and first in map(normalise_header, START + END):
            self.day(row, cells[0], cells[1] if len(cells) > 1 else None)
        elif self.columns is None:
            self.columns = _headers(cells)
            if self.columns is not None:
                self.spelled = {key: as_text(cells[n]) for n, key in self.columns.items()}
            if self.columns is None:
                self.problem(row, None, None, NO_HEADER)
                self.columns = {}
        elif self.columns:
            self.entry(row, cells)


def read(data: bytes) -> PeriodSheet:
    """Read an uploaded period sheet; IntakeError when the file as a whole cannot be read."""
    check_size(data)
    check_xlsx_container(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - any parser failure on a hostile file is the same answer
        raise IntakeError(say("period_sheet.workbook_could_not_read")) from None
    try:
        titles = {normalise_header(t) for t in SHEET.values()}
        sheet = next(
            (ws for ws in workbook.worksheets if normalise_header(ws.title) in titles), None
        )
        if sheet is None:
            raise IntakeError(NO_SHEET)
        reader = _Reader(sheet.title)
        for number, cells in enumerate(sheet.iter_rows(values_only=True, max_col=len(COLUMNS)), 1):
            if number > MAX_ROWS:
                break
            reader.row(number, list(cells))
    finally:
        workbook.close()
    for key in ("start", "end"):
        if not getattr(reader.result, key) and key not in reader.bad_days:
            label = START[0] if key == "start" else END[0]
            reader.problem(1 if key == "start" else 2, label, None, NO_DAY)
    return reader.result
