"""The period report as a browser form: it starts from the last period in force (or, for the
first period, from the tender's entries), so a month with no change is a few clicks.

The form is plain named fields (`machines-0-hours`, ...), read back here into a
climate-period-report/1. Each row carries its list and id; what a row does not show (make,
model, fuel, charging, a new machine's details) comes from the entry it started from, so it is
sent again unchanged. Numbers are read in Norwegian and English spellings (1 234,5 or 1234.5).
"""

import calendar
import copy
import json
import re
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta

from flask_babel import gettext as _

from checker import clock
from checker.formats.inputs import Problem
from checker.web.i18n import select_locale
from checker.web.models import PeriodReport
from checker.web.models import Tender

KINDS = ("machines", "vehicles", "heating")
# The quantities a row shows, per list, in order; the first is the one the format requires.
QUANTITIES = {
    "machines": ("hours", "fuel_litres", "energy_kwh"),
    "vehicles": ("km", "fuel_litres", "energy_kwh"),
    "heating": ("energy_kwh",),
}
# Shown as text beside the quantities, so machine data can find the machine.
IDENTITY = "serial_number"
# Period-only facts, never carried from the month before.
NOT_CARRIED = frozenset({"machine_data", "days_on_site"})
_PATH = re.compile(r"^(?P<kind>[a-z]+)\[(?P<index>\d+)\](?:\.(?P<field>[a-z_]+))?")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


@dataclass
class Row:
    kind: str
    id: str
    values: dict[str, str]  # the quantities as typed
    removed: bool = False
    serial_number: str = ""
    machine_data: str = ""  # the JSON of machine data read into this row (checker.followup)
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class PeriodForm:
    start: str
    end: str
    rows: list[Row]
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message
    problems: list[str] = field(default_factory=list)  # for the summary at the top
    index: dict[str, list[int]] = field(default_factory=dict)  # report entry -> form row

    def rows_of(self, kind: str) -> list[tuple[int, Row]]:
        return [(n, row) for n, row in enumerate(self.rows) if row.kind == kind]


def _month_after(day: date) -> tuple[date, date]:
    first = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def base(tender: Tender, current: list[PeriodReport]) -> dict:
    """What the next period starts from: the newest period in force, else the tender."""
    return current[-1].data if current else tender.data


def shown(value) -> str:
    if value is None:
        return ""
    number = float(value)
    text = str(int(number)) if number.is_integer() else str(number)
    return text.replace(".", ",")


def start(tender: Tender, current: list[PeriodReport]) -> PeriodForm:
    """The form for the next period: the month after the last one (the last month before
    today for the first), with the last period's entries and quantities, or the tender's
    entries with empty quantities."""
    if current:
        first, last = _month_after(current[-1].period_end)
    else:
        last = clock.today_in_norway().replace(day=1) - timedelta(days=1)
        first = last.replace(day=1)
    data = base(tender, current)
    rows = [
        Row(
            kind,
            str(entry.get("id", "")),
            {name: shown(entry.get(name)) if current else "" for name in QUANTITIES[kind]},
        )  # fmt: skip
        for kind in KINDS
        for entry in data.get(kind) or []
    ]
    return PeriodForm(first.isoformat(), last.isoformat(), rows)


def read(form) -> PeriodForm:
    """The form as posted, nothing changed (what was typed comes back as typed)."""
    rows = []
    for n in range(int(form.get("rows", "0") or 0) if form.get("rows", "").isdigit() else 0):
        kind = form.get(f"row-{n}-kind", "")
        if kind not in KINDS or n > 5000:
            continue
        values = {name: form.get(f"row-{n}-{name}", "").strip() for name in QUANTITIES[kind]}
        removed = form.get(f"row-{n}-remove") == "1"
        row = Row(kind, form.get(f"row-{n}-id", "").strip(), values, removed)
        row.serial_number = form.get(f"row-{n}-{IDENTITY}", "").strip()
        row.machine_data = form.get(f"row-{n}-machine_data", "")
        rows.append(row)
    return PeriodForm(form.get("start", "").strip(), form.get("end", "").strip(), rows)


def add(form: PeriodForm, choice: str) -> bool:
    """Add a row for a tender entry (`machines:M5`) the form does not list yet."""
    kind, _sep, entry_id = choice.partition(":")
    if kind not in KINDS or not entry_id:
        return False
    if any(r.kind == kind and r.id == entry_id and not r.removed for r in form.rows):
        return False
    form.rows.append(Row(kind, entry_id, dict.fromkeys(QUANTITIES[kind], "")))
    return True


def addable(tender: Tender, form: PeriodForm) -> list[tuple[str, str, dict]]:
    """Tender entries the form does not list: (choice, list, entry)."""
    listed = {(r.kind, r.id) for r in form.rows if not r.removed}
    return [
        (f"{kind}:{entry['id']}", kind, entry)
        for kind in KINDS
        for entry in tender.data.get(kind) or []
        if (kind, entry.get("id")) not in listed
    ]


def number_of(text: str) -> float | None:
    spelled = text.replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(spelled):
        return None
    return float(spelled.replace(",", "."))


def _date(text: str) -> date | None:
    """2027-03-01 (what a date field sends) or 01.03.2027 (what a person types)."""
    day, month, year = (text.split(".") + ["", ""])[:3] if "." in text else ("", "", "")
    try:
        if day:
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text)
    except ValueError:
        return None


def _identity(form: PeriodForm, n: int, row: Row, entry: dict) -> None:
    """The serial number as shown (a cleared one is dropped) and the machine data read in."""
    if row.kind != "machines":
        return
    entry.pop(IDENTITY, None)
    if row.serial_number:
        entry[IDENTITY] = row.serial_number
    if row.machine_data:
        try:
            entry["machine_data"] = json.loads(row.machine_data)
        except ValueError:
            form.problems.append(
                _("The machine data of %(id)s could not be read; read it in again.", id=row.id)
            )


def report(tender: Tender, current: list[PeriodReport], form: PeriodForm) -> dict | None:
    """The climate-period-report/1 the form says, or None with the form's errors set."""
    for name in ("start", "end"):
        typed = getattr(form, name)
        if _date(typed) is None:
            form.errors[name] = _(
                "Give a date such as 01.03.2027 (found %(value)s).", value=typed or "–"
            )
        else:
            setattr(form, name, _date(typed).isoformat())
    # The last period's entries are sent again as they were; a tender entry is named by its id
    # alone, since a period report's entry inherits the rest from the tender.
    carried = {
        (kind, str(entry.get("id"))): entry
        for kind in KINDS
        for entry in (current[-1].data.get(kind) or [] if current else [])
    }
    lists: dict[str, list] = {kind: [] for kind in KINDS}
    for n, row in enumerate(form.rows):
        if row.removed:
            continue
        entry = {k: v for k, v in copy.deepcopy(carried.get((row.kind, row.id), {})).items()
                 if k not in NOT_CARRIED and k not in QUANTITIES[row.kind]}  # fmt: skip
        entry["id"] = row.id
        _identity(form, n, row, entry)
        for name, typed in row.values.items():
            if not typed:
                continue
            number = number_of(typed)
            if number is None:
                row.errors[name] = _(
                    "Give a number, such as 120 or 1 234,5 (found %(value)s).", value=typed
                )
                form.errors[f"row-{n}-{name}"] = row.errors[name]
            else:
                entry[name] = int(number) if number.is_integer() else number
        lists[row.kind].append((n, entry))
    if form.errors or form.problems:
        return None
    data = {
        "format": "climate-period-report/1",
        "tender_id": tender.data.get("tender_id"),
        "period": {"start": form.start, "end": form.end},
        "contractor": tender.data.get("contractor"),
        **{kind: [entry for _n, entry in entries] for kind, entries in lists.items() if entries},
    }
    fuels = base(tender, current).get("fuels") if current else None
    if fuels:
        data["fuels"] = copy.deepcopy(fuels)
    form.index = {kind: [n for n, _entry in entries] for kind, entries in lists.items()}
    return data


def mark(form: PeriodForm, problems: list[Problem]) -> None:
    """Put each problem of the report on the form field it is about (or the top)."""
    for problem in problems:
        match = _PATH.match(problem.path)
        rows = form.index.get(match["kind"], []) if match else []
        if match and int(match["index"]) < len(rows):
            n = rows[int(match["index"])]
            shown = (*QUANTITIES[form.rows[n].kind], IDENTITY)
            name = match["field"] if match["field"] in shown else None
            if name:
                form.rows[n].errors[name] = problem.message
                form.errors[f"row-{n}-{name}"] = problem.message
                continue
            form.problems.append(f"{form.rows[n].id}: {problem.text(select_locale())}")
        elif problem.path.startswith("period"):
            form.errors.setdefault("end", problem.message)
        else:
            form.problems.append(f"{problem.path or '–'}: {problem.text(select_locale())}")
