"""Contract follow-up pages: the contractor submits period reports, the officer follows up."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import jsonify
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from checker.followup.labels import DEVIATION_KINDS
from checker.followup.labels import VERDICT
from checker.followup.text import day
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import parse_text
from checker.web.access import BUYER_READERS
from checker.web.access import MAX_ID
from checker.web.access import procurement_for_reading
from checker.web.access import role_required
from checker.web.extensions import db
from checker.web.followup.forms import AcceptPeriodForm
from checker.web.followup.forms import PeriodReportUploadForm
from checker.web.followup.handling import correction_requests
from checker.web.followup.pages import current_result
from checker.web.followup.pages import officer_page
from checker.web.followup.pages import sanction_line
from checker.web.followup.service import FollowupProblem
from checker.web.followup.service import accept_period
from checker.web.followup.service import awarded_tender
from checker.web.followup.service import contract_followup
from checker.web.followup.service import submit_period
from checker.web.followup.service import versions
from checker.web.i18n import select_locale
from checker.web.models import PeriodReport
from checker.web.models import Tender

bp = Blueprint("followup", __name__)


def _result(procurement, tender) -> tuple[dict | None, str | None]:
    try:
        return contract_followup(procurement, tender), None
    except FollowupProblem as err:
        return None, str(err)


def _names() -> dict:
    lang = select_locale()
    return {
        "kind_label": DEVIATION_KINDS[lang],
        "followup_verdict": VERDICT[lang],
        "day": day,
        "sanction_line": sanction_line,
    }


def _contract_of(procurement_id: int) -> tuple:
    procurement = procurement_for_reading(procurement_id)
    tender = awarded_tender(procurement)
    if tender is None:
        abort(404)
    return procurement, tender


@bp.route("/procurements/<int:procurement_id>/followup")
@role_required(*BUYER_READERS)
def officer(procurement_id: int):
    procurement, tender = _contract_of(procurement_id)
    return officer_page(procurement, tender)


@bp.route("/procurements/<int:procurement_id>/followup.json")
@role_required(*BUYER_READERS)
def officer_json(procurement_id: int):
    procurement, tender = _contract_of(procurement_id)
    result, problem = current_result(procurement, tender)  # with the officer's handling
    if problem:
        return jsonify({"error": problem}), 409
    return jsonify(result)


@bp.route(
    "/procurements/<int:procurement_id>/followup/periods/<int:report_id>/accept", methods=["POST"]
)
@role_required("officer")
def accept(procurement_id: int, report_id: int):
    procurement, tender = _contract_of(procurement_id)
    report = db.session.get(PeriodReport, report_id) if 0 < report_id <= MAX_ID else None
    if report is None or report.tender_id != tender.id:
        abort(404)
    if not AcceptPeriodForm().validate_on_submit():
        abort(400)
    accept_period(report, current_user)
    db.session.commit()
    flash(_("The period is accepted; a correction will now be a new version."), "success")
    return redirect(url_for("followup.officer", procurement_id=procurement.id), 303)


def _own_contract(tender_id: int) -> Tender:
    """The contractor's own awarded tender, or 404 (no hint that another's exists)."""
    tender = db.session.get(Tender, tender_id) if 0 < tender_id <= MAX_ID else None
    if tender is None or tender.organisation_id != current_user.organisation_id:
        abort(404)
    if awarded_tender(tender.procurement) is not tender:
        abort(404)
    return tender


def _read_upload(form: PeriodReportUploadForm):
    upload = form.report.data
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(upload.filename or "upload", [Problem("", _("not UTF-8 text"))]) from None
    return parse_text(text, upload.filename or "upload")


def _contract_page(tender: Tender, form: PeriodReportUploadForm, problems=None, status=200):
    result, problem = _result(tender.procurement, tender)
    page = render_template(
        "followup/contract.html",
        tender=tender,
        procurement=tender.procurement,
        reports=versions(tender),
        result=result,
        problem=problem,
        problems=problems or [],
        form=form,
        corrections=correction_requests(tender, result),
        **_names(),
    )
    return page, status


@bp.route("/contracts/<int:tender_id>", methods=["GET", "POST"])
@role_required("contractor")
def contract(tender_id: int):
    tender = _own_contract(tender_id)
    form = PeriodReportUploadForm()
    if not form.validate_on_submit():
        return _contract_page(tender, form, status=422 if form.errors else 200)
    try:
        report = submit_period(
            tender, current_user, _read_upload(form), form.report.data.filename or "upload"
        )
    except InputError as err:
        db.session.rollback()
        return _contract_page(tender, form, err.problems, 422)
    db.session.commit()
    flash(_("Period report received (version %(version)s).", version=report.version), "success")
    return redirect(url_for("followup.contract", tender_id=tender.id), 303)
