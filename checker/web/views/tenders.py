"""Tenders of a closed procurement and their reports (officers and auditors of the buyer)."""

from flask import Blueprint
from flask import Response
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from checker.inputs import InputError
from checker.report.envelope import KINDS
from checker.report.envelope import TIERS
from checker.web.access import BUYER_READERS
from checker.web.access import procurement_for_reading
from checker.web.access import role_required
from checker.web.extensions import db
from checker.web.models import IssuedReport
from checker.web.models import Tender
from checker.web.reports import assessment_of
from checker.web.reports import request_report

bp = Blueprint("tenders", __name__)
# Tenders stay sealed until the deadline: nobody at the buyer reads them while it is open.
OPENED_STATES = ("closed", "evaluated", "awarded")


def _tender(procurement_id: int, tender_id: int) -> Tender:
    procurement = procurement_for_reading(procurement_id)
    if procurement.state not in OPENED_STATES:
        abort(404)
    tender = db.session.get(Tender, tender_id) if 0 < tender_id <= 2**31 - 1 else None
    if tender is None or tender.procurement_id != procurement.id or tender.status != "submitted":
        abort(404)
    return tender


@bp.route("/procurements/<int:procurement_id>/tenders/<int:tender_id>")
@role_required(*BUYER_READERS)
def show(procurement_id: int, tender_id: int):
    tender = _tender(procurement_id, tender_id)
    try:
        assessment, ruleset = assessment_of(tender)
    except InputError as err:
        assessment, ruleset = None, None
        flash(
            _("The stored tender data is not valid: %(problem)s", problem=err.describe()), "error"
        )
    reports = db.session.scalars(
        select(IssuedReport)
        .where(IssuedReport.tender_id == tender.id)
        .order_by(IssuedReport.id.desc())
    ).all()
    return render_template(
        "tenders/show.html",
        tender=tender,
        assessment=assessment,
        ruleset=ruleset,
        reports=reports,
        kinds=KINDS,
        tiers=TIERS,
    )


@bp.route("/procurements/<int:procurement_id>/tenders/<int:tender_id>/reports", methods=["POST"])
@role_required(*BUYER_READERS)
def issue(procurement_id: int, tender_id: int):
    tender = _tender(procurement_id, tender_id)
    kind, tier, lang = request.form.get("kind"), request.form.get("tier"), request.form.get("lang")
    if kind not in KINDS or tier not in TIERS or lang not in ("nb", "en"):
        abort(400)
    try:
        report = request_report(tender, kind, tier, lang, current_user)
    except InputError:
        flash(_("No report can be made: the stored tender data is not valid."), "error")
        return redirect(url_for("tenders.show", procurement_id=procurement_id, tender_id=tender_id))
    return redirect(url_for("tenders.report", report_id=report.id))


def _report(report_id: int) -> IssuedReport:
    report = db.session.get(IssuedReport, report_id) if 0 < report_id <= 2**31 - 1 else None
    if report is None:
        abort(404)
    procurement_for_reading(report.tender.procurement_id)  # 404 for other organisations
    return report


@bp.route("/reports/<int:report_id>")
@role_required(*BUYER_READERS)
def report(report_id: int):
    return render_template("tenders/report.html", report=_report(report_id))


@bp.route("/reports/<int:report_id>/download")
@role_required(*BUYER_READERS)
def download(report_id: int):
    report = _report(report_id)
    if report.state != "ready":
        return redirect(url_for("tenders.report", report_id=report.id))
    name = (
        f"{report.kind}-{report.tender.data.get('tender_id', report.tender_id)}-{report.lang}.pdf"
    )
    safe_name = "".join(char if char.isalnum() or char in "-._" else "_" for char in name)
    return Response(
        report.pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{safe_name}"',
            "X-Report-SHA256": report.pdf_sha256,
            "Cache-Control": "private, max-age=0",
        },
    )
