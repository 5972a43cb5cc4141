"""The award evaluation: scores and ranking, conclusion, reopening and the award decision."""

from flask_babel import gettext as _

from checker import clock
from checker.assessment.award import evaluate
from checker.assessment.status import BLOCKING
from checker.assessment.status import OPEN
from checker.formats.texts import LANGUAGES
from checker.formats.texts import pick
from checker.web.evaluation.assessments import REVIEW_STATE
from checker.web.evaluation.assessments import STALE
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.assessments import is_stale
from checker.web.evaluation.assessments import latest
from checker.web.evaluation.assessments import require_review_state
from checker.web.evaluation.assessments import submitted_tenders
from checker.web.evaluation.decisions import review_queue
from checker.web.evaluation.decisions import scores_in_force
from checker.web.evaluation.runs import latest_run
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import AwardDecision
from checker.web.models import Evaluation
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import foa_check
from checker.web.procurements.workflow import procurement_block
from checker.web.procurements.workflow import ruleset_changed_since
from checker.web.statistics.rollup import record_plan

MAX_ITEMS_NAMED = 5


def _reason(result: dict, states: frozenset, lang: str) -> str:
    """'Rule title: M7: reason; M9: reason' – the items themselves, where the rule has items."""
    items = [entry for entry in result["items"] if entry["status"] in states]
    if not items:
        return f"{pick(result['title'], lang)}: {pick(result['message'], lang)}"
    named = "; ".join(f"{e['id']}: {pick(e['reason'], lang)}" for e in items[:MAX_ITEMS_NAMED])
    more = len(items) - MAX_ITEMS_NAMED
    return f"{pick(result['title'], lang)}: {named}" + (f" (+{more})" if more > 0 else "")


def _reasons(assessment: dict, states: frozenset) -> list[dict]:
    """The blocking rules in these states, as bilingual lines (the snapshot serves both languages)."""
    return [
        {lang: _reason(result, states, lang) for lang in LANGUAGES}
        for result in assessment["results"]
        if result["kind"] != "award" and result["status"] in states
    ]


def _tender_input(tender: Tender, assessment: Assessment | None, scores: dict) -> dict:
    data = assessment.data if assessment else None
    verdict = data["verdict"] if data else "not_assessed"
    if data is not None and is_stale(assessment, tender):
        verdict, data = "stale", None
        failing = [STALE]
    elif data is None:
        failing = [{"nb": "Ikke vurdert ennå", "en": "Not assessed yet"}]
    else:
        failing = _reasons(data, BLOCKING if verdict == "non_compliant" else OPEN)
    return {
        "id": str(tender.id),
        "name": tender.organisation.name,
        "price_nok": float(tender.price_nok) if tender.price_nok is not None else None,
        "verdict": verdict,
        "failing": failing,
        "award_points": data["summary"]["award_points"] if data else 0,
        "award_max_points": data["summary"]["award_max_points"] if data else 0,
        "manual": {str(key): str(row.points) for key, row in scores.items()},
    }


def criteria_input(procurement: Procurement) -> list[dict]:
    return [
        {
            "id": str(c.id),
            "name": c.name,
            "weight_percent": str(c.weight_percent),
            "scoring": c.scoring,
        }
        for c in procurement.criteria
    ]


def current_evaluation(procurement: Procurement) -> dict:
    """The ranking as it stands now, from the current assessments and the scores in force."""
    tenders = submitted_tenders(procurement)
    assessments = {t.id: current_assessment(t) for t in tenders}
    inputs = [_tender_input(t, assessments[t.id], scores_in_force(t)) for t in tenders]
    result = evaluate(criteria_input(procurement), inputs)
    by_id = {str(t.id): t for t in tenders}
    verdicts = {entry["id"]: entry["verdict"] for entry in inputs}
    for entry in result["tenders"]:
        tender, assessment = by_id[entry["id"]], assessments[int(entry["id"])]
        entry["tender_ref"] = tender.data.get("tender_id", "")
        entry["org_number"] = tender.organisation.org_number
        entry["verdict"] = verdicts[entry["id"]]
        entry["assessment_id"] = assessment.id if assessment else None
    return result


def _figures(assessment: Assessment) -> dict:
    """The key figures of a tender's assessment, as the evaluation report lists them."""
    metrics, summary = assessment.data["metrics"], assessment.data["summary"]
    return {
        "zero_emission_share": metrics["zero_emission_share"],
        "fossil_free_share": metrics["fossil_free_share"],
        "fossil_litres": metrics["fossil_litres"],
        "fossil_co2e_kg": metrics["co2e_kg"]["fossil_direct"]["total"],
        "award_points": summary["award_points"],
        "award_max_points": summary["award_max_points"],
        "tender_sha256": assessment.tender_sha256,
    }


def concluded_evaluation(procurement: Procurement) -> Evaluation | None:
    return latest(
        Evaluation, Evaluation.procurement_id == procurement.id, Evaluation.withdrawn_at.is_(None)
    )


def conclude(procurement: Procurement, user: User) -> Evaluation:
    """Freeze the ranking as it stands: the procurement becomes evaluated."""
    require_review_state(procurement)
    run = latest_run(procurement)
    if run is not None and run.state == "running":
        raise EvaluationProblem(
            _("An assessment of all tenders is under way; conclude when it is done.")
        )
    ruleset = chosen_ruleset(procurement)
    if ruleset is None or ruleset_changed_since(procurement, ruleset):
        raise EvaluationProblem(
            _("The rule set file differs from the one fixed when the procurement was published.")
        )
    if review_queue(procurement):
        raise EvaluationProblem(_("Judge every question in the review queue before concluding."))
    result = current_evaluation(procurement)
    if not result["tenders"]:
        raise EvaluationProblem(_("There are no submitted tenders to evaluate."))
    if not result["complete"]:
        raise EvaluationProblem(
            _("Resolve every open review and enter every score before concluding.")
        )
    result["ruleset"] = ruleset.reference()
    result["level"] = procurement.level
    result["tailoring"] = procurement.tailoring or {}
    result["procurement"] = procurement_block(procurement)
    result["foa"] = foa_check(procurement)
    for entry in result["tenders"]:
        entry["figures"] = _figures(db.session.get(Assessment, entry["assessment_id"]))
    evaluation = Evaluation(procurement_id=procurement.id, data=result, concluded_by_id=user.id)
    db.session.add(evaluation)
    procurement.state = "evaluated"
    return evaluation


def reopen(procurement: Procurement, reason: str, user: User) -> None:
    """Take a concluded evaluation back (before the award), keeping it with the reason."""
    if procurement.state != "evaluated":
        raise EvaluationProblem(
            _("Only a concluded evaluation that is not awarded can be reopened.")
        )
    evaluation = concluded_evaluation(procurement)
    evaluation.withdrawn_at = clock.now()
    evaluation.withdrawn_reason = f"{reason} ({user.name})"
    procurement.state = REVIEW_STATE


def award(
    procurement: Procurement, tender_id: int, justification: str, user: User
) -> AwardDecision:
    """The award decision: a ranked tender wins, with a written justification."""
    if procurement.state == "awarded":
        raise EvaluationProblem(_("The contract is already awarded."))
    if procurement.state != "evaluated":
        raise EvaluationProblem(_("Conclude the evaluation before the award decision."))
    evaluation = concluded_evaluation(procurement)
    ranked = {e["id"]: e for e in evaluation.data["tenders"] if e["rank"] is not None}
    if str(tender_id) not in ranked:
        raise EvaluationProblem(_("Only a tender in the ranking can be awarded the contract."))
    decision = AwardDecision(
        procurement_id=procurement.id,
        evaluation_id=evaluation.id,
        tender_id=tender_id,
        justification=justification,
        decided_by_id=user.id,
    )
    db.session.add(decision)
    procurement.state = "awarded"
    record_plan(procurement, db.session.get(Tender, tender_id))  # the plan enters the statistics
    return decision


def award_decision(procurement: Procurement) -> AwardDecision | None:
    return latest(AwardDecision, AwardDecision.procurement_id == procurement.id)
