"""The officer's review and award evaluation after the deadline (read-only for auditors)."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from checker.assessment.diff import diff_assessments
from checker.formats.inputs import InputError
from checker.reports.wording import REPORT_LANGUAGES
from checker.web.access import BUYER_READERS
from checker.web.access import MAX_ID
from checker.web.access import opened_procurement
from checker.web.access import opened_tender
from checker.web.access import role_required
from checker.web.concurrency import Conflict
from checker.web.concurrency import lock
from checker.web.evaluation import queue as walk
from checker.web.evaluation import ranking
from checker.web.evaluation.assessments import REVIEW_STATE
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.assessments import history
from checker.web.evaluation.assessments import submitted_tenders
from checker.web.evaluation.decisions import decide_exception
from checker.web.evaluation.decisions import decision_basis
from checker.web.evaluation.decisions import override_basis
from checker.web.evaluation.decisions import review_queue
from checker.web.evaluation.decisions import set_override
from checker.web.evaluation.forms import AwardForm
from checker.web.evaluation.forms import ConcludeForm
from checker.web.evaluation.forms import ReopenForm
from checker.web.evaluation.forms import RunForm
from checker.web.evaluation.pages import award_form_for
from checker.web.evaluation.pages import make_decision_form
from checker.web.evaluation.pages import make_override_form
from checker.web.evaluation.pages import overview
from checker.web.evaluation.pages import question_page
from checker.web.evaluation.questions import claim_keys
from checker.web.evaluation.questions import side_by_side
from checker.web.evaluation.questions import target
from checker.web.evaluation.ranking import concluded_evaluation
from checker.web.evaluation.ranking import current_evaluation
from checker.web.evaluation.runs import start_run
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import AssessmentRun
from checker.web.notices.tenders import send_outcome
from checker.web.reports.issuing import request_evaluation_report

bp = Blueprint("evaluation", __name__, url_prefix="/procurements/<int:procurement_id>")


def _to_overview(procurement_id: int):
    return redirect(url_for("evaluation.index", procurement_id=procurement_id), 303)


def _refused(err: Exception, procurement_id: int):
    flash(str(err), "error")
    return _to_overview(procurement_id)


@bp.route("/evaluation")
@role_required(*BUYER_READERS)
def index(procurement_id: int):
    return overview(opened_procurement(procurement_id))


@bp.route("/evaluation/run", methods=["POST"])
@role_required("officer")
def run(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    if not RunForm().validate_on_submit():
        abort(400)
    try:
        started = start_run(procurement, current_user)
    except EvaluationProblem as err:
        return _refused(err, procurement_id)
    return redirect(
        url_for("evaluation.run_status", procurement_id=procurement_id, run_id=started.id), 303
    )


@bp.route("/evaluation/runs/<int:run_id>")
@role_required(*BUYER_READERS)
def run_status(procurement_id: int, run_id: int):
    procurement = opened_procurement(procurement_id)
    found = db.session.get(AssessmentRun, run_id) if 0 < run_id <= MAX_ID else None
    if found is None or found.procurement_id != procurement.id:
        abort(404)
    results = db.session.scalars(
        db.select(Assessment).where(Assessment.run_id == found.id).order_by(Assessment.id)
    ).all()
    return render_template(
        "evaluation/run.html", procurement=procurement, run=found, results=results
    )


@bp.route("/evaluation/review")
@role_required(*BUYER_READERS)
def queue(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    return render_template(
        "evaluation/queue.html", procurement=procurement, queue=review_queue(procurement)
    )


@bp.route("/tenders/<int:tender_id>/question")
@role_required(*BUYER_READERS)
def question(procurement_id: int, tender_id: int):
    tender = opened_tender(procurement_id, tender_id)
    rule_id = request.args.get("rule", "")[:100]
    item_id = request.args.get("item", "")[:100] or None
    return question_page(tender, rule_id, item_id)


@bp.route("/tenders/<int:tender_id>/override", methods=["POST"])
@role_required("officer")
def override(procurement_id: int, tender_id: int):
    tender = opened_tender(procurement_id, tender_id)
    form = make_override_form("", None, bound=True)
    rule_id, item_id = form.rule.data or "", form.item.data or None
    target(tender, rule_id, item_id)  # 404 for a rule or item the assessment does not have
    if not form.validate_on_submit():
        return question_page(tender, rule_id, item_id, override_form=form, status=422)
    lock(tender)  # decisions on one tender take turns; the newest is then known for certain
    try:
        form.check_basis(override_basis(tender, rule_id, item_id))
    except Conflict as conflict:
        return question_page(
            tender, rule_id, item_id, override_form=form, status=409, conflict=conflict
        )
    before = walk.queue_before(tender.procurement)
    try:
        set_override(
            tender, rule_id, item_id, form.status.data, form.reason.data.strip(), current_user
        )
    except (EvaluationProblem, InputError) as err:
        db.session.rollback()
        return _refused(err, procurement_id)
    db.session.commit()
    flash(_("The state is set and the tender assessed again."), "success")
    return walk.judged(tender, rule_id, item_id, before)


@bp.route("/tenders/<int:tender_id>/decision", methods=["POST"])
@role_required("officer")
def decide(procurement_id: int, tender_id: int):
    tender = opened_tender(procurement_id, tender_id)
    rule_id, item_id = (
        request.form.get("rule", "")[:100],
        request.form.get("item", "")[:100] or None,
    )
    target(tender, rule_id, item_id)
    key = request.form.get("key", "")[:100]
    if key not in claim_keys(tender, item_id):
        abort(404)
    form = make_decision_form(key, bound=True)
    if not form.validate_on_submit():
        return question_page(tender, rule_id, item_id, decision=(key, form), status=422)
    lock(tender)
    try:
        form.check_basis(decision_basis(tender, key))
    except Conflict as conflict:
        return question_page(
            tender, rule_id, item_id, decision=(key, form), status=409, conflict=conflict
        )
    before = walk.queue_before(tender.procurement)
    try:
        decide_exception(
            tender,
            key,
            current_user,
            form.decision.data,
            legal_basis=(form.legal_basis.data or "").strip(),
            expires=form.expires.data,
            reason=form.reason.data.strip(),
            waived_share=form.waived_share(),
        )
    except (EvaluationProblem, InputError) as err:
        db.session.rollback()
        return _refused(err, procurement_id)
    db.session.commit()
    flash(_("The decision is recorded and the tender assessed again."), "success")
    return walk.judged(tender, rule_id, item_id, before)


def _stored(tender, assessment_id: int) -> Assessment:
    found = db.session.get(Assessment, assessment_id) if 0 < assessment_id <= MAX_ID else None
    if found is None or found.tender_id != tender.id:
        abort(404)
    return found


@bp.route("/tenders/<int:tender_id>/assessments/<int:assessment_id>")
@role_required(*BUYER_READERS)
def assessment(procurement_id: int, tender_id: int, assessment_id: int):
    tender = opened_tender(procurement_id, tender_id)
    after = _stored(tender, assessment_id)
    against = request.args.get("against", type=int)
    if against:
        before = _stored(tender, against)
    else:
        before = db.session.scalar(
            db.select(Assessment)
            .where(Assessment.tender_id == tender.id, Assessment.id < after.id)
            .order_by(Assessment.id.desc())
            .limit(1)
        )
    diff = diff_assessments(before.data, after.data) if before else None
    return render_template(
        "evaluation/assessment.html",
        tender=tender,
        procurement=tender.procurement,
        after=after,
        before=before,
        diff=diff,
        history=history(tender),
    )


@bp.route("/compare")
@role_required(*BUYER_READERS)
def compare(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    tenders = submitted_tenders(procurement)
    chosen = [request.args.get(k, type=int) for k in ("a", "b")]
    picked = [next((t for t in tenders if t.id == c), None) for c in chosen]
    pairs, unassessed = None, False
    if all(picked) and picked[0].id != picked[1].id:
        pairs = side_by_side([current_assessment(t) for t in picked])
        unassessed = pairs is None
    elif any(c is not None for c in chosen):
        flash(_("Choose two different tenders of this procurement."), "error")
    return render_template(
        "evaluation/compare.html",
        procurement=procurement,
        tenders=tenders,
        chosen=chosen,
        picked=picked if pairs else None,
        compared=pairs,
        unassessed=unassessed,
    )


@bp.route("/evaluation/conclude", methods=["POST"])
@role_required("officer")
def conclude(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    form = ConcludeForm()
    if not form.validate_on_submit():
        abort(400)
    lock(procurement)
    try:
        if procurement.state == REVIEW_STATE:
            form.check_basis(current_evaluation(procurement))
        ranking.conclude(procurement, current_user)
    except Conflict as conflict:
        return overview(procurement, status=409, conflict=conflict)
    except EvaluationProblem as err:
        db.session.rollback()
        return _refused(err, procurement_id)
    db.session.commit()
    flash(_("The evaluation is concluded. The ranking is fixed."), "success")
    return _to_overview(procurement_id)


@bp.route("/evaluation/reopen", methods=["POST"])
@role_required("officer")
def reopen(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    form = ReopenForm()
    if not form.validate_on_submit():
        return overview(procurement, reopen_form=form, status=422)
    lock(procurement)
    try:
        _check_evaluation_basis(procurement, form)
        ranking.reopen(procurement, form.reason.data.strip(), current_user)
    except Conflict as conflict:
        return overview(procurement, reopen_form=form, status=409, conflict=conflict)
    except EvaluationProblem as err:
        db.session.rollback()
        return _refused(err, procurement_id)
    db.session.commit()
    flash(_("The evaluation is open again."), "success")
    return _to_overview(procurement_id)


@bp.route("/evaluation/report", methods=["POST"])
@role_required(*BUYER_READERS)
def report(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    lang = request.form.get("lang")
    if lang not in REPORT_LANGUAGES:
        abort(400)
    try:
        issued = request_evaluation_report(procurement, lang, current_user)
    except EvaluationProblem as err:
        return _refused(err, procurement_id)
    return redirect(url_for("tenders.report", report_id=issued.id), 303)


@bp.route("/evaluation/award", methods=["POST"])
@role_required("officer")
def award(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    form = award_form_for(procurement, concluded_evaluation(procurement), AwardForm())
    if not form.validate_on_submit():
        return overview(procurement, award_form=form, status=422)
    lock(procurement)
    try:
        _check_evaluation_basis(procurement, form)
        decision = ranking.award(
            procurement, int(form.tender.data), form.justification.data.strip(), current_user
        )
        send_outcome(procurement, decision, concluded_evaluation(procurement))  # to every tenderer
    except Conflict as conflict:
        return overview(procurement, award_form=form, status=409, conflict=conflict)
    except EvaluationProblem as err:
        db.session.rollback()
        return _refused(err, procurement_id)
    db.session.commit()
    flash(_("The contract is awarded."), "success")
    return _to_overview(procurement_id)


def _check_evaluation_basis(procurement, form) -> None:
    """Reopening and awarding act on the evaluation the officer saw, or not at all."""
    concluded = concluded_evaluation(procurement)
    form.check_basis(concluded.id if concluded else 0)
