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
from wtforms import SelectChoice

from checker.assessment.diff import diff_assessments
from checker.formats.inputs import InputError
from checker.formats.texts import LANGUAGES
from checker.web.access import BUYER_READERS
from checker.web.access import MAX_ID
from checker.web.access import opened_procurement
from checker.web.access import opened_tender
from checker.web.access import role_required
from checker.web.evaluation import queue as walk
from checker.web.evaluation import ranking
from checker.web.evaluation.assessments import REVIEW_STATE
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.assessments import history
from checker.web.evaluation.assessments import may_review
from checker.web.evaluation.assessments import submitted_tenders
from checker.web.evaluation.decisions import decide_exception
from checker.web.evaluation.decisions import review_queue
from checker.web.evaluation.decisions import set_override
from checker.web.evaluation.forms import AwardForm
from checker.web.evaluation.forms import ConcludeForm
from checker.web.evaluation.forms import ExceptionDecisionForm
from checker.web.evaluation.forms import OverrideForm
from checker.web.evaluation.forms import ReopenForm
from checker.web.evaluation.forms import RunForm
from checker.web.evaluation.questions import claim as contractor_claim
from checker.web.evaluation.questions import claim_keys
from checker.web.evaluation.questions import decisions_on
from checker.web.evaluation.questions import overrides_of
from checker.web.evaluation.questions import side_by_side
from checker.web.evaluation.questions import target
from checker.web.evaluation.ranking import award_decision
from checker.web.evaluation.ranking import concluded_evaluation
from checker.web.evaluation.ranking import current_evaluation
from checker.web.evaluation.runs import latest_run
from checker.web.evaluation.runs import start_run
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import AssessmentRun
from checker.web.models import IssuedReport
from checker.web.notices.tenders import send_outcome
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.reports.issuing import request_evaluation_report

bp = Blueprint("evaluation", __name__, url_prefix="/procurements/<int:procurement_id>")


def _to_overview(procurement_id: int):
    return redirect(url_for("evaluation.index", procurement_id=procurement_id), 303)


def _refused(err: Exception, procurement_id: int):
    flash(str(err), "error")
    return _to_overview(procurement_id)


def carried_out(action, done: str, back, refused_to=None, then=None):
    """An officer's step: committed with a message, or rolled back with the reason it was refused.

    `then` makes the answer after the commit (the review queue's next question needs the state
    the step left behind)."""
    try:
        action()
    except (EvaluationProblem, InputError) as err:
        db.session.rollback()
        flash(str(err), "error")
        return refused_to or back
    db.session.commit()
    flash(done, "success")
    return then() if then else back


def _award_form(procurement, evaluation, form=None) -> AwardForm:
    form = form or AwardForm()
    ranked = [e for e in (evaluation.data["tenders"] if evaluation else []) if e["rank"]]
    form.tender.choices = [
        SelectChoice(e["id"], f"{e['rank']}. {e['name']} ({e['total']})") for e in ranked
    ]
    return form


def _overview(procurement, *, reopen_form=None, award_form=None, status=200):
    concluded = concluded_evaluation(procurement)
    current = None if procurement.state != REVIEW_STATE else current_evaluation(procurement)
    return render_template(
        "evaluation/index.html",
        procurement=procurement,
        run=latest_run(procurement),
        queue=review_queue(procurement),
        ranking=concluded.data if concluded else current,
        concluded=concluded,
        decision=award_decision(procurement),
        criteria={str(c.id): c for c in procurement.criteria},
        reviewing=may_review(current_user, procurement),
        run_form=RunForm(),
        conclude_form=ConcludeForm(),
        reopen_form=reopen_form or ReopenForm(),
        award_form=_award_form(procurement, concluded, award_form),
        reports=db.session.scalars(
            db.select(IssuedReport)
            .where(IssuedReport.procurement_id == procurement.id, IssuedReport.tender_id.is_(None))
            .order_by(IssuedReport.id.desc())
        ).all(),
    ), status


@bp.route("/evaluation")
@role_required(*BUYER_READERS)
def index(procurement_id: int):
    return _overview(opened_procurement(procurement_id))


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


def _decision_form(key: str, bound: bool = False) -> ExceptionDecisionForm:
    prefix = f"decision-{key}"
    if bound:
        return ExceptionDecisionForm(prefix=prefix)
    return ExceptionDecisionForm(formdata=None, prefix=prefix)


def _override_form(rule_id: str, item_id: str | None, bound: bool = False) -> OverrideForm:
    if bound:
        return OverrideForm(prefix="override")
    return OverrideForm(formdata=None, prefix="override", rule=rule_id, item=item_id or "")


def _question_page(tender, rule_id, item_id, *, override_form=None, decision=None, status=200):
    assessment, result, entry = target(tender, rule_id, item_id)
    ruleset = chosen_ruleset(tender.procurement)
    claim = contractor_claim(tender, result, item_id)
    keys = claim_keys(tender, item_id)
    override_form = override_form or _override_form(rule_id, item_id)
    decision_forms = {key: _decision_form(key) for key in keys}
    if decision:
        decision_forms[decision[0]] = decision[1]
    return render_template(
        "evaluation/question.html",
        tender=tender,
        procurement=tender.procurement,
        assessment=assessment,
        result=result,
        entry=entry,
        rule=ruleset.rule(rule_id) if ruleset else None,
        claim=claim,
        override_form=override_form,
        decision_forms=decision_forms,
        history=overrides_of(tender, rule_id, item_id),
        decisions=decisions_on(tender, keys),
        reviewing=may_review(current_user, tender.procurement),
        in_queue=walk.navigation(tender.procurement, tender.id, rule_id, item_id),
    ), status


@bp.route("/tenders/<int:tender_id>/question")
@role_required(*BUYER_READERS)
def question(procurement_id: int, tender_id: int):
    tender = opened_tender(procurement_id, tender_id)
    rule_id = request.args.get("rule", "")[:100]
    item_id = request.args.get("item", "")[:100] or None
    return _question_page(tender, rule_id, item_id)


@bp.route("/tenders/<int:tender_id>/override", methods=["POST"])
@role_required("officer")
def override(procurement_id: int, tender_id: int):
    tender = opened_tender(procurement_id, tender_id)
    form = _override_form("", None, bound=True)
    rule_id, item_id = form.rule.data or "", form.item.data or None
    target(tender, rule_id, item_id)  # 404 for a rule or item the assessment does not have
    if not form.validate_on_submit():
        return _question_page(tender, rule_id, item_id, override_form=form, status=422)
    reason = form.reason.data.strip()
    before = walk.queue_before(tender.procurement)
    return carried_out(
        lambda: set_override(tender, rule_id, item_id, form.status.data, reason, current_user),
        _("The state is set and the tender assessed again."),
        _to_overview(procurement_id),
        then=lambda: walk.judged(tender, rule_id, item_id, before),
    )


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
    form = _decision_form(key, bound=True)
    if not form.validate_on_submit():
        return _question_page(tender, rule_id, item_id, decision=(key, form), status=422)
    before = walk.queue_before(tender.procurement)
    return carried_out(
        lambda: decide_exception(
            tender,
            key,
            current_user,
            form.decision.data,
            legal_basis=(form.legal_basis.data or "").strip(),
            expires=form.expires.data,
            reason=form.reason.data.strip(),
            waived_share=form.waived_share(),
        ),
        _("The decision is recorded and the tender assessed again."),
        _to_overview(procurement_id),
        then=lambda: walk.judged(tender, rule_id, item_id, before),
    )


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
    if not ConcludeForm().validate_on_submit():
        abort(400)
    return carried_out(
        lambda: ranking.conclude(procurement, current_user),
        _("The evaluation is concluded. The ranking is fixed."),
        _to_overview(procurement_id),
    )


@bp.route("/evaluation/reopen", methods=["POST"])
@role_required("officer")
def reopen(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    form = ReopenForm()
    if not form.validate_on_submit():
        return _overview(procurement, reopen_form=form, status=422)
    return carried_out(
        lambda: ranking.reopen(procurement, form.reason.data.strip(), current_user),
        _("The evaluation is open again."),
        _to_overview(procurement_id),
    )


@bp.route("/evaluation/report", methods=["POST"])
@role_required(*BUYER_READERS)
def report(procurement_id: int):
    procurement = opened_procurement(procurement_id)
    lang = request.form.get("lang")
    if lang not in LANGUAGES:
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
    form = _award_form(procurement, concluded_evaluation(procurement), AwardForm())
    if not form.validate_on_submit():
        return _overview(procurement, award_form=form, status=422)
    justification = form.justification.data.strip()
    return carried_out(
        lambda: _award(procurement, int(form.tender.data), justification),
        _("The contract is awarded."),
        _to_overview(procurement_id),
    )


def _award(procurement, tender_id: int, justification: str) -> None:
    """Award the contract and tell every tenderer the outcome, in one transaction."""
    decision = ranking.award(procurement, tender_id, justification, current_user)
    send_outcome(procurement, decision, concluded_evaluation(procurement))
