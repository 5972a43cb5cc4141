"""Tenders of a closed procurement and their reports (officers and auditors of the buyer)."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from checker.formats.inputs import InputError
from checker.reports.envelope import KINDS
from checker.reports.envelope import SELF_DECLARATION
from checker.reports.envelope import TIERS
from checker.reports.wording import REPORT_LANGUAGES
from checker.web.access import BUYER_READERS
from checker.web.access import opened_tender
from checker.web.access import procurement_for_reading
from checker.web.access import role_required
from checker.web.concurrency import Conflict
from checker.web.concurrency import lock
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.assessments import history
from checker.web.evaluation.assessments import may_review
from checker.web.evaluation.decisions import score_basis
from checker.web.evaluation.decisions import scores_in_force
from checker.web.evaluation.decisions import set_score
from checker.web.evaluation.forms import ScoreForm
from checker.web.extensions import db
from checker.web.models import IssuedReport
from checker.web.models import Tender
from checker.web.pagecache import kept_page
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.reports.issuing import assessment_of
from checker.web.reports.issuing import pdf_download
from checker.web.reports.issuing import request_report
from checker.web.search import kept_args
from checker.web.search import paginate
from checker.web.workspace.search import opened_tenders
from checker.web.workspace.search import opened_tenders_form

bp = Blueprint("tenders", __name__)


@bp.route("/tenders/")
@role_required(*BUYER_READERS)
@kept_page
def index():
    """Every opened tender of the organisation's procurements, searchable."""
    form = opened_tenders_form()
    valid = form.checked()
    page = paginate(opened_tenders(form, current_user.organisation_id, valid))
    return render_template(
        "evaluation/tenders.html", page=page, form=form, args=kept_args()
    ), 200 if valid else 422


@bp.route("/procurements/<int:procurement_id>/tenders/<int:tender_id>")
@role_required(*BUYER_READERS)
def show(procurement_id: int, tender_id: int):
    return tender_page(opened_tender(procurement_id, tender_id))


def score_forms(tender: Tender, bound: tuple | None = None) -> dict:
    """One form per manually scored criterion; `bound` is (criterion id, form) after a failed POST."""
    in_force = scores_in_force(tender)
    forms = {}
    for criterion in tender.procurement.criteria:
        if criterion.scoring != "manual":
            continue
        current = in_force.get(criterion.id)
        forms[criterion.id] = ScoreForm(
            formdata=None,
            prefix=f"score-{criterion.id}",
            points=current.points if current else None,
            reason=current.reason if current else "",
        )
        forms[criterion.id].set_basis(current.id if current else 0)
    if bound:
        forms[bound[0]] = bound[1]
    return forms


def tender_page(tender: Tender, bound_score: tuple | None = None, status: int = 200, conflict=None):
    """The tender with its stored assessment (or a preview), history, scores and reports."""
    stored = current_assessment(tender)
    assessment, ruleset = (stored.data if stored else None), chosen_ruleset(tender.procurement)
    if stored is None:
        try:
            assessment, ruleset = assessment_of(tender)
        except InputError as err:
            flash(
                _("The stored tender data is not valid: %(problem)s", problem=err.describe()),
                "error",
            )
    reports = db.session.scalars(
        select(IssuedReport)
        .where(IssuedReport.tender_id == tender.id)
        .order_by(IssuedReport.id.desc())
    ).all()
    return render_template(
        "evaluation/tender.html",
        tender=tender,
        assessment=assessment,
        stored=stored,
        history=history(tender),
        ruleset=ruleset,
        reports=reports,
        kinds=KINDS,
        tiers=TIERS,
        scores=scores_in_force(tender),
        score_forms=score_forms(tender, bound_score),
        reviewing=may_review(current_user, tender.procurement),
        conflict=conflict,
    ), status


@bp.route("/procurements/<int:procurement_id>/tenders/<int:tender_id>/scores", methods=["POST"])
@role_required("officer")
def score(procurement_id: int, tender_id: int):
    tender = opened_tender(procurement_id, tender_id)
    criterion_id = request.form.get("criterion", type=int)
    criterion = next(
        (c for c in tender.procurement.criteria if c.id == criterion_id and c.scoring == "manual"),
        None,
    )
    if criterion is None:
        abort(404)
    form = ScoreForm(prefix=f"score-{criterion.id}")
    if not form.validate_on_submit():
        return tender_page(tender, (criterion.id, form), 422)
    lock(tender)
    try:
        form.check_basis(score_basis(tender, criterion.id))
    except Conflict as conflict:
        return tender_page(tender, (criterion.id, form), 409, conflict)
    try:
        set_score(tender, criterion.id, form.points.data, form.reason.data.strip(), current_user)
    except EvaluationProblem as err:
        flash(str(err), "error")
        return redirect(
            url_for("tenders.show", procurement_id=procurement_id, tender_id=tender_id), 303
        )
    db.session.commit()
    flash(_("Points saved for %(criterion)s.", criterion=criterion.name), "success")
    return redirect(
        url_for("tenders.show", procurement_id=procurement_id, tender_id=tender_id), 303
    )


@bp.route("/procurements/<int:procurement_id>/tenders/<int:tender_id>/reports", methods=["POST"])
@role_required(*BUYER_READERS)
def issue(procurement_id: int, tender_id: int):
    tender = opened_tender(procurement_id, tender_id)
    kind, tier, lang = request.form.get("kind"), request.form.get("tier"), request.form.get("lang")
    if kind not in KINDS or tier not in TIERS or lang not in REPORT_LANGUAGES:
        abort(400)
    try:
        report = request_report(tender, kind, tier, lang, current_user)
    except InputError:
        flash(_("No report can be made: the stored tender data is not valid."), "error")
        return redirect(url_for("tenders.show", procurement_id=procurement_id, tender_id=tender_id))
    return redirect(url_for("tenders.report", report_id=report.id))


def _report(report_id: int) -> IssuedReport:
    report = db.session.get(IssuedReport, report_id) if 0 < report_id <= 2**31 - 1 else None
    # A self-declaration is the contractor's own, never the buyer's (a bid may still be sealed).
    if report is None or report.kind == SELF_DECLARATION or report.procurement_id is None:
        abort(404)
    procurement_for_reading(report.procurement_id)  # 404 for other organisations
    return report


@bp.route("/reports/<int:report_id>")
@role_required(*BUYER_READERS)
def report(report_id: int):
    found = _report(report_id)
    return render_template("evaluation/tender_report.html", report=found)


@bp.route("/reports/<int:report_id>/download")
@role_required(*BUYER_READERS)
def download(report_id: int):
    report = _report(report_id)
    if report.state != "ready":
        return redirect(url_for("tenders.report", report_id=report.id))
    subject = (
        report.tender.data.get("tender_id", report.tender_id)
        if report.tender
        else report.procurement.reference
    )
    return pdf_download(report, f"{report.kind}-{subject}-{report.lang}.pdf")
