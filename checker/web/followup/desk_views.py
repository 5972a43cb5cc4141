"""The officer's side of the follow-up: handling deviations, deciding exceptions asked for
during the contract, issuing the follow-up report (the auditor reads all of it)."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from checker.web.access import procurement_for_reading
from checker.web.access import role_required
from checker.web.concurrency import Conflict
from checker.web.concurrency import lock
from checker.web.evaluation.decisions import decision_basis
from checker.web.evaluation.pages import make_decision_form
from checker.web.extensions import db
from checker.web.followup.decision_forms import FollowupReportForm
from checker.web.followup.handling import decide_deviation
from checker.web.followup.handling import decide_period_exception
from checker.web.followup.handling import deviation_queue
from checker.web.followup.handling import period_requests
from checker.web.followup.pages import current_result
from checker.web.followup.pages import deviation_form
from checker.web.followup.pages import officer_page
from checker.web.followup.pages import token
from checker.web.followup.reminders import tell_correction
from checker.web.followup.report import request_followup_report
from checker.web.followup.service import FollowupProblem
from checker.web.followup.service import awarded_tender
from checker.web.followup.service import in_force

bp = Blueprint("followup_desk", __name__, url_prefix="/procurements/<int:procurement_id>/followup")


def _contract(procurement_id: int) -> tuple:
    procurement = procurement_for_reading(procurement_id)
    tender = awarded_tender(procurement)
    if tender is None:
        abort(404)
    return procurement, tender


def _back(procurement_id: int, anchor: str = "deviations"):
    url = url_for("followup.officer", procurement_id=procurement_id, _anchor=anchor)
    return redirect(url, 303)


@bp.route("/deviations/<string(length=16):deviation>", methods=["POST"])
@role_required("officer")
def decide(procurement_id: int, deviation: str):
    procurement, tender = _contract(procurement_id)
    lock(tender)  # two officers on one contract take turns; the version says who saw what
    result, _problem = current_result(procurement, tender)
    entry = next((e for e in deviation_queue(tender, result) if token(e.key) == deviation), None)
    if entry is None:
        abort(404)
    form = deviation_form(entry, bound=True)
    if not form.validate_on_submit():
        return officer_page(procurement, tender, deviation=(entry.key, form), status=422)
    try:
        decide_deviation(
            tender, entry, current_user, form.decision.data, form.reason.data, int(form.seen.data)
        )
    except Conflict as conflict:
        db.session.rollback()
        form.seen.data = str(entry.version)  # sent again, it applies on top of the current state
        return officer_page(
            procurement, tender, deviation=(entry.key, form), status=409, conflict=conflict
        )
    if form.decision.data == "correction":
        tell_correction(tender, entry, form.reason.data)
    db.session.commit()
    flash(_("The handling of the deviation is recorded."), "success")
    return _back(procurement.id)


@bp.route("/exceptions/<string(maxlength=100):key>", methods=["POST"])
@role_required("officer")
def decide_exception(procurement_id: int, key: str):
    procurement, tender = _contract(procurement_id)
    lock(tender)
    if key not in {found["request"]["id"] for found in period_requests(in_force(tender))}:
        abort(404)
    form = make_decision_form(key, bound=True)
    if not form.validate_on_submit():
        return officer_page(procurement, tender, exception=(key, form), status=422)
    try:
        form.check_basis(decision_basis(tender, key))
    except Conflict as conflict:
        return officer_page(
            procurement, tender, exception=(key, form), status=409, conflict=conflict
        )
    decide_period_exception(
        tender,
        key,
        current_user,
        form.decision.data,
        legal_basis=(form.legal_basis.data or "").strip(),
        expires=form.expires.data,
        reason=form.reason.data.strip(),
        waived_share=form.waived_share(),
    )
    db.session.commit()
    flash(_("The decision is recorded; the follow-up applies it from the period on."), "success")
    return _back(procurement.id, "exceptions")


@bp.route("/report", methods=["POST"])
@role_required("officer", "auditor")
def issue_report(procurement_id: int):
    procurement, tender = _contract(procurement_id)
    form = FollowupReportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        report = request_followup_report(procurement, tender, form.lang.data, current_user)
    except FollowupProblem as err:
        db.session.rollback()
        flash(str(err), "error")
        return _back(procurement.id, "report")
    db.session.commit()
    return redirect(url_for("tenders.report", report_id=report.id), 303)
