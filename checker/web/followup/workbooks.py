"""The period sheet (checker.intake.period_sheet) on the period form: downloaded filled as the
form starts, uploaded to fill the form, which is then checked and submitted as any other."""

from datetime import date

from flask_babel import gettext as _

from checker.formats.messages import render
from checker.intake import period_sheet
from checker.intake.limits import IntakeError
from checker.web.followup import period_form
from checker.web.followup.period_form import PeriodForm
from checker.web.followup.period_form import Row


def build(form: PeriodForm, entries: dict, lang: str) -> bytes:
    rows = []
    for row in form.rows:
        values = {k: period_form.number_of(v) for k, v in row.values.items() if v}
        rows.append(
            {"list": row.kind, "id": row.id, "entry": entries.get((row.kind, row.id), {})}
            | {"serial_number": row.serial_number or None}
            | values
        )
    start, end = date.fromisoformat(form.start), date.fromisoformat(form.end)
    return period_sheet.build(start, end, rows, lang)


def read_in(form: PeriodForm, upload, lang: str) -> bool:
    """Replace the form's period and rows with the sheet's; False with its problems named."""
    if upload is None or not upload.filename:
        form.problems.append(_("Choose the period sheet (Excel)."))
        return False
    try:
        sheet = period_sheet.read(upload.read())
    except IntakeError as err:
        form.problems.append(f"{upload.filename}: {render(err.message, lang)}")
        return False
    form.start, form.end = sheet.start or form.start, sheet.end or form.end
    form.rows = [
        Row(
            entry["list"],
            entry["id"],
            {name: entry.get(name, "") for name in period_form.QUANTITIES[entry["list"]]},
            serial_number=entry.get("serial_number", ""),
        )
        for entry in sheet.rows
    ]
    form.problems += [problem.text(lang) for problem in sheet.problems]
    return not sheet.problems
