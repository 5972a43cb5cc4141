"""The period report as a browser form (checker.web.followup.period_form)."""

import io

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import send_file
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from checker.formats.display import moment
from checker.formats.display import number
from checker.formats.inputs import InputError
from checker.formats.messages import render
from checker.web.access import MAX_ID
from checker.web.access import role_required
from checker.web.concurrency import conflict_message
from checker.web.concurrency import fingerprint
from checker.web.concurrency import lock
from checker.web.extensions import db
from checker.web.followup import machine_upload
from checker.web.followup import period_form
from checker.web.followup import workbooks
from checker.web.followup.service import awarded_tender
from checker.web.followup.service import in_force
from checker.web.followup.service import submit_period
from checker.web.i18n import select_locale
from checker.web.models import Tender

bp = Blueprint("period_form", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _own_contract(tender_id: int) -> Tender:
    tender = db.session.get(Tender, tender_id) if 0 < tender_id <= MAX_ID else None
    if tender is None or tender.organisation_id != current_user.organisation_id:
        abort(404)
    if awarded_tender(tender.procurement) is not tender:
        abort(404)
    return tender


def _basis(current) -> str:
    return fingerprint([(report.id, report.sha256) for report in current])


def _entries(tender, current) -> dict:
    """What each row is: the tender's entry with what the last period changed."""
    entries: dict = {}
    for data in (tender.data, period_form.base(tender, current)):
        for kind in period_form.KINDS:
            for entry in data.get(kind) or []:
                key = (kind, str(entry.get("id")))
                entries[key] = entries.get(key, {}) | entry
    return entries


def _page(tender, current, form, status=200, conflict=None, machines=None):
    lang = select_locale()
    entries = _entries(tender, current)
    page = render_template(
        "followup/period_form.html",
        tender=tender,
        procurement=tender.procurement,
        form=form,
        entries=entries,
        quantities=period_form.QUANTITIES,
        kinds=period_form.KINDS,
        addable=period_form.addable(tender, form),
        basis=_basis(current),
        from_period=current[-1] if current else None,
        conflict=conflict,
        machines=machines,
        moment=lambda value: moment(value, lang),
        reading=lambda value: number(value, lang, 1),
        said=lambda message: render(message, lang),
    )
    return page, status


@bp.route("/contracts/<int:tender_id>/periods/new", methods=["GET", "POST"])
@role_required("contractor")
def new(tender_id: int):
    tender = _own_contract(tender_id)
    if request.method == "GET":
        current = in_force(tender)
        return _page(tender, current, period_form.start(tender, current))
    lock(tender)  # two tabs sending one contract's periods take turns
    current = in_force(tender)
    form = period_form.read(request.form)
    if "add" in request.form:
        period_form.add(form, request.form.get("add_choice", ""))
        return _page(tender, current, form)
    if "workbook" in request.form:
        lang = "en" if select_locale() == "en" else "nb"
        read = workbooks.read_in(form, request.files.get("period_sheet"), lang)
        return _page(tender, current, form, 200 if read else 422)
    if request.form.get("machine_data") in ("fill", "check"):
        uploads = (request.files.get("snapshot_start"), request.files.get("snapshot_end"))
        fill = request.form["machine_data"] == "fill"
        machines = machine_upload.read_in(tender, current, form, uploads, fill)
        return _page(tender, current, form, 200 if machines else 422, machines=machines)
    if request.form.get("basis") != _basis(current):
        return _page(tender, current, form, 409, conflict_message())
    data = period_form.report(tender, current, form)
    if data is None:
        return _page(tender, current, form, 422)
    try:
        report = submit_period(tender, current_user, data, _("the form"))
    except InputError as err:
        db.session.rollback()
        period_form.mark(form, err.problems)
        return _page(tender, in_force(tender), form, 422)
    db.session.commit()
    flash(_("Period report received (version %(version)s).", version=report.version), "success")
    return redirect(url_for("followup.contract", tender_id=tender.id), 303)


@bp.route("/contracts/<int:tender_id>/periods/template.xlsx")
@role_required("contractor")
def template(tender_id: int):
    """The period sheet for the next period, filled as the form would start."""
    tender = _own_contract(tender_id)
    current = in_force(tender)
    lang = request.args.get("lang") if request.args.get("lang") in ("nb", "en") else None
    lang = lang or ("en" if select_locale() == "en" else "nb")
    form = period_form.start(tender, current)
    data = workbooks.build(form, _entries(tender, current), lang)
    name = f"periode-{form.start[:7]}.xlsx" if lang == "nb" else f"period-{form.start[:7]}.xlsx"
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=name)
