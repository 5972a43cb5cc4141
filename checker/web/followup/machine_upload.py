"""Machine data on the period form: two ISO 15143-3 (AEMP 2.0) fleet snapshots fill the
machines' hours and litres, or are only compared with what the form says (checker.followup).

The snapshots are read as the command line reads them; machines are found by PIN or serial
number (the row's, the tender's, or the one earlier machine data matched).
"""

import json
from dataclasses import dataclass
from dataclasses import field

from flask_babel import gettext as _

from checker.followup.machine_data import apply_machine_data
from checker.followup.telematics import parse_snapshot
from checker.formats.inputs import InputError
from checker.web.followup import period_form
from checker.web.followup.period_form import PeriodForm
from checker.web.i18n import select_locale
from checker.web.models import PeriodReport
from checker.web.models import Tender

MAX_SNAPSHOT = 2 * 1024 * 1024  # each; the request as a whole stays under MAX_CONTENT_LENGTH


@dataclass
class Comparison:
    """What the machine data said, machine by machine, for the page."""

    filled: bool
    start: str | None
    end: str | None
    rows: list[dict] = field(default_factory=list)
    unmatched_entries: list[str] = field(default_factory=list)
    unmatched_machines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _snapshots(uploads, form: PeriodForm) -> list:
    read = []
    for label, upload in zip(
        (_("the first snapshot"), _("the last snapshot")), uploads, strict=True
    ):
        if upload is None or not upload.filename:
            form.problems.append(_("Choose %(which)s (XML or JSON).", which=label))
            continue
        raw = upload.read(MAX_SNAPSHOT + 1)
        if len(raw) > MAX_SNAPSHOT:
            form.problems.append(_("%(name)s is larger than 2 MB.", name=upload.filename))
            continue
        try:
            read.append(parse_snapshot(raw, upload.filename))
        except InputError as err:
            lang = select_locale()
            form.problems += [f"{upload.filename}: {p.text(lang)}" for p in err.problems]
    return read


def _machines(tender: Tender, current: list[PeriodReport], form: PeriodForm, fill: bool) -> list:
    """The form's machines as the matching needs them: identifiers and, to compare, figures."""
    earlier = {
        str(e.get("id")): e.get("machine_data")
        for e in period_form.base(tender, current).get("machines") or []
    }
    machines = []
    for n, row in form.rows_of("machines"):
        if row.removed:
            continue
        entry = {"id": row.id}
        if row.serial_number:
            entry["serial_number"] = row.serial_number
        recorded = json.loads(row.machine_data) if row.machine_data else earlier.get(row.id)
        if recorded:
            entry["machine_data"] = recorded
        for name in ("hours", "fuel_litres"):
            number = period_form.number_of(row.values.get(name, ""))
            if number is not None and not fill:
                entry[name] = number
        machines.append((n, entry))
    return machines


def read_in(tender: Tender, current: list[PeriodReport], form: PeriodForm, uploads, fill: bool):
    """Fill the form's hours and litres from the snapshots (replacing what it said for every
    machine found), or only compare them; None when the snapshots cannot be read."""
    snapshots = _snapshots(uploads, form)
    if len(snapshots) != 2:
        return None
    start, end = snapshots
    machines = _machines(tender, current, form, fill)
    outcome = apply_machine_data(
        {"machines": [entry for _n, entry in machines]}, tender.data, start, end, fill=fill
    )
    rows_by_id = {entry["id"]: n for n, entry in machines}
    comparison = Comparison(fill, start.taken_at, end.taken_at)
    filled = {e["id"]: e for e in outcome.report["machines"]}
    for row in outcome.rows:
        form_row = form.rows[rows_by_id[row["id"]]]
        if fill:
            entry = filled[row["id"]]
            for name in row["filled"]:
                form_row.values[name] = period_form.shown(entry[name])
            form_row.machine_data = json.dumps(entry["machine_data"], sort_keys=True)
        comparison.rows.append(
            {
                "id": row["id"],
                "identifier": row["identifier"],
                "figures": row["figures"],
                "filled": row["filled"],
                "mismatch": row["mismatch"],
            }
        )
    comparison.unmatched_entries = outcome.unmatched_entries
    comparison.unmatched_machines = outcome.unmatched_machines
    comparison.notes = outcome.notes
    return comparison
