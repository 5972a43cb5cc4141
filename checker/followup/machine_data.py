"""From two fleet snapshots to a period's hours and litres per machine, and into a period report.

Machines are paired between the snapshots, and matched to period entries, by PIN first, then
serial number (trimmed, any letter case; an entry's own or the one it inherits from the tender).
Filling never replaces a figure the contractor stated: it adds what is missing and records the
machine data beside it (`machine_data`), so the follow-up compares the two.
"""

import copy
from dataclasses import dataclass

from checker.followup import messages as _messages  # noqa: F401 - defines its messages
from checker.followup.deviations import differs
from checker.followup.inherit import planned_entries
from checker.followup.telematics import Reading
from checker.followup.telematics import Snapshot
from checker.followup.telematics import moment
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.messages import say

SOURCE = "ISO 15143-3"
KEYS = (("pin", "pin"), ("serial_number", "serial_number"), ("equipment_id", "equipment_id"))
FIGURES = (("hours", "hours"), ("fuel_litres", "fuel_litres"))


def normalised(identifier: str | None) -> str | None:
    return "".join(identifier.split()).upper() if identifier else None


@dataclass(frozen=True)
class MachineUse:
    """One machine's use between two snapshots."""

    matched_by: str
    identifier: str
    start: Reading
    end: Reading
    hours: float | None
    fuel_litres: float | None
    notes: tuple[str, ...]


def _difference(what: str, before: float | None, after: float | None, notes: list) -> float | None:
    if before is None or after is None:
        return None
    if after < before:
        notes.append(
            f"{what} went back from {before:g} to {after:g} (meter or unit replaced?); left out"
        )
        return None
    return round(after - before, 1)


def _use(key: str, identifier: str, start: Reading, end: Reading) -> MachineUse:
    notes = list(start.notes) + list(end.notes)
    hours = _difference("CumulativeOperatingHours", start.hours, end.hours, notes)
    litres = _difference("FuelUsed", start.fuel_litres, end.fuel_litres, notes)
    if litres is None and (start.fuel_litres is None or end.fuel_litres is None):
        if start.fuel_last24_litres is not None or end.fuel_last24_litres is not None:
            notes.append("only FuelUsedLast24 given: the last 24 hours' litres add up to no period")
    return MachineUse(key, identifier, start, end, hours, litres, tuple(dict.fromkeys(notes)))


def usage(start: Snapshot, end: Snapshot) -> tuple[list[MachineUse], list[str]]:
    """Each machine in both snapshots with its use; notes on those in only one."""
    began, ended = moment(start.taken_at), moment(end.taken_at)
    if began and ended and ended < began:
        message = say("snapshot.before_start", end=end.taken_at, start=start.taken_at)
        raise InputError(end.source, [Problem("Fleet.snapshotTime", message)])
    index = {key: {} for key, _ in KEYS}
    for reading in end.machines:
        for key, attribute in KEYS:
            value = normalised(getattr(reading, attribute))
            if value:
                index[key].setdefault(value, reading)
    uses, notes, paired = [], [], set()
    for reading in start.machines:
        for key, attribute in KEYS:
            value = normalised(getattr(reading, attribute))
            if value and value in index[key]:
                later = index[key][value]
                uses.append(_use(key, getattr(reading, attribute), reading, later))
                paired.add(id(later))
                break
        else:
            notes.append(f"{reading.label()}: only in the start snapshot")
    notes += [f"{r.label()}: only in the end snapshot" for r in end.machines if id(r) not in paired]
    return uses, notes


def _identifiers(entry: dict, tender: dict | None) -> dict[str, str]:
    """The entry's PIN and serial number: stated, inherited, or recorded with earlier data."""
    planned = planned_entries(tender, "machines").get(entry["id"], {}) if tender else {}
    recorded = entry.get("machine_data") or {}
    found = {}
    for key in ("pin", "serial_number"):
        value = entry.get(key) or planned.get(key)
        if not value and recorded.get("matched_by") == key:
            value = recorded.get("identifier")
        if normalised(value):
            found[key] = normalised(value)
    return found


def _match(entry: dict, tender: dict | None, uses: list[MachineUse]) -> tuple:
    """The machine whose PIN (else serial number) is the entry's, and which of the two matched."""
    wanted = _identifiers(entry, tender)
    for key, value in wanted.items():
        for use in uses:
            if value in (normalised(getattr(use.start, key)), normalised(getattr(use.end, key))):
                return use, key, value
    return None, None, None


def _record(use: MachineUse, key: str, value: str, start: Snapshot, end: Snapshot) -> dict:
    return {
        "source": SOURCE,
        "matched_by": key,
        "identifier": value,
        "start": use.start.hours_at or use.start.fuel_at or start.taken_at,
        "end": use.end.hours_at or use.end.fuel_at or end.taken_at,
        "hours": use.hours,
        "fuel_litres": use.fuel_litres,
    }


@dataclass
class Outcome:
    """What machine data did to (or found in) a period report, entry by entry."""

    report: dict
    rows: list[dict]
    unmatched_entries: list[str]
    unmatched_machines: list[str]
    notes: list[str]

    @property
    def has_mismatch(self) -> bool:
        return any(row["mismatch"] for row in self.rows)


def apply_machine_data(
    report: dict, tender: dict | None, start: Snapshot, end: Snapshot, *, fill: bool = True
) -> Outcome:
    """Match the snapshots' machines to the report's machines; fill (or only compare) figures."""
    uses, notes = usage(start, end)
    filled = copy.deepcopy(report)
    rows, unmatched, used = [], [], set()
    for entry in filled.get("machines") or []:
        use, key, value = _match(entry, tender, uses)
        if use is None:
            unmatched.append(entry["id"])
            continue
        used.add(id(use))
        row = {"id": entry["id"], "identifier": value, "filled": [], "mismatch": [], "figures": {}}
        for field, measured_field in FIGURES:
            reported, measured = entry.get(field), getattr(use, measured_field)
            row["figures"][field] = (reported, measured)
            if measured is None:
                continue
            if reported is None and fill:
                entry[field] = measured
                row["filled"].append(field)
            elif reported is not None and differs(reported, measured):
                row["mismatch"].append(field)
        if fill:
            entry["machine_data"] = _record(use, key, value, start, end)
        notes += [f"{entry['id']}: {note}" for note in use.notes]
        rows.append(row)
    others = [use.start.label() for use in uses if id(use) not in used]
    return Outcome(filled if fill else report, rows, unmatched, others, notes)
