"""What the evaluation overview and a review question's page show, with their forms.

The forms remember what the officer saw (checker.web.concurrency): the ranking to conclude,
the evaluation to reopen or award on, the newest decision and override of a question.
"""

from flask import render_template
from flask_login import current_user
from wtforms import SelectChoice

from checker.web.evaluation import queue as walk
from checker.web.evaluation.assessments import REVIEW_STATE
from checker.web.evaluation.assessments import may_review
from checker.web.evaluation.decisions import decision_basis
from checker.web.evaluation.decisions import override_basis
from checker.web.evaluation.decisions import review_queue
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
from checker.web.evaluation.questions import target
from checker.web.evaluation.ranking import award_decision
from checker.web.evaluation.ranking import concluded_evaluation
from checker.web.evaluation.ranking import current_evaluation
from checker.web.evaluation.runs import latest_run
from checker.web.extensions import db
from checker.web.models import IssuedReport
from checker.web.procurements.workflow import chosen_ruleset


def award_form_for(procurement, evaluation, form=None) -> AwardForm:
    form = form or AwardForm()
    ranked = [e for e in (evaluation.data["tenders"] if evaluation else []) if e["rank"]]
    form.tender.choices = [
        SelectChoice(e["id"], f"{e['rank']}. {e['name']} ({e['total']})") for e in ranked
    ]
    return form


def overview(procurement, *, reopen_form=None, award_form=None, status=200, conflict=None):
    concluded = concluded_evaluation(procurement)
    current = None if procurement.state != REVIEW_STATE else current_evaluation(procurement)
    conclude_form, reopen_form = ConcludeForm(), reopen_form or ReopenForm()
    award_form = award_form_for(procurement, concluded, award_form)
    # The forms remember what the officer saw: the ranking to conclude, the evaluation to
    # reopen or award on. A colleague's step in between makes them stale.
    conclude_form.set_basis(current)
    for form in (reopen_form, award_form):
        if not form.basis.data:
            form.set_basis(concluded.id if concluded else 0)
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
        conclude_form=conclude_form,
        reopen_form=reopen_form,
        award_form=award_form,
        conflict=conflict,
        reports=db.session.scalars(
            db.select(IssuedReport)
            .where(IssuedReport.procurement_id == procurement.id, IssuedReport.tender_id.is_(None))
            .order_by(IssuedReport.id.desc())
        ).all(),
    ), status


def make_decision_form(key: str, bound: bool = False) -> ExceptionDecisionForm:
    prefix = f"decision-{key}"
    if bound:
        return ExceptionDecisionForm(prefix=prefix)
    return ExceptionDecisionForm(formdata=None, prefix=prefix)


def make_override_form(rule_id: str, item_id: str | None, bound: bool = False) -> OverrideForm:
    if bound:
        return OverrideForm(prefix="override")
    return OverrideForm(formdata=None, prefix="override", rule=rule_id, item=item_id or "")


def question_page(
    tender, rule_id, item_id, *, override_form=None, decision=None, status=200, conflict=None
):
    assessment, result, entry = target(tender, rule_id, item_id)
    ruleset = chosen_ruleset(tender.procurement)
    claim = contractor_claim(tender, result, item_id)
    keys = claim_keys(tender, item_id)
    if override_form is None:
        override_form = make_override_form(rule_id, item_id)
        override_form.set_basis(override_basis(tender, rule_id, item_id))
    decision_forms = {key: make_decision_form(key) for key in keys}
    for key, form in decision_forms.items():
        form.set_basis(decision_basis(tender, key))
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
        conflict=conflict,
    ), status
