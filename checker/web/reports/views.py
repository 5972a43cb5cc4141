"""A contractor's own self-declarations: made in the child process, registered, downloaded by
whoever asked for them (this browser session) or by the bid's own contractor."""

from flask import Blueprint
from flask import abort
from flask import redirect
from flask import render_template
from flask import url_for
from flask_login import current_user

from checker.reports.envelope import SELF_DECLARATION
from checker.web.access import MAX_ID
from checker.web.extensions import db
from checker.web.models import IssuedReport
from checker.web.reports.issuing import pdf_download
from checker.web.reports.own import asked_here

bp = Blueprint("own_reports", __name__, url_prefix="/own-reports")


def _own(report_id: int) -> IssuedReport:
    report = db.session.get(IssuedReport, report_id) if 0 < report_id <= MAX_ID else None
    if report is None or report.kind != SELF_DECLARATION:
        abort(404)
    bid_owner = (
        current_user.is_authenticated
        and current_user.role == "contractor"
        and report.tender is not None
        and report.tender.organisation_id == current_user.organisation_id
    )
    if not (asked_here(report_id) or bid_owner):
        abort(404)  # no hint that someone else's report exists
    return report


@bp.route("/<int:report_id>")
def show(report_id: int):
    report = _own(report_id)
    return render_template("workspace/report.html", report=report)


@bp.route("/<int:report_id>/download")
def download(report_id: int):
    report = _own(report_id)
    if report.state != "ready":
        return redirect(url_for("own_reports.show", report_id=report.id))
    return pdf_download(report, f"self-declaration-{report.lang}.pdf")
