"""Assessment review and award evaluation: stored assessments, decisions, overrides, ranking.

Plain functions over the models; the views stay thin. Decisions, overrides and scores are only
ever added, so the newest row per subject is in force and the older rows are the history.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy import select

from checker.award import evaluate
from checker.engine import assess
from checker.inputs import InputError
from checker.review import apply_overrides
from checker.review import open_questions
from checker.tender import tender_sha256
from checker.tender import validate_tender
from checker.web import audit
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import AssessmentRun
from checker.web.models import AwardDecision
from checker.web.models import Evaluation
from checker.web.models import ExceptionDecision
from checker.web.models import ManualScore
from checker.web.models import Override
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.models import utcnow
from checker.web.workflow import chosen_ruleset
from checker.web.workflow import foa_check
from checker.web.workflow import procurement_block
from checker.web.workflow import ruleset_changed_since

# Review, scoring and conclusion happen while the procurement is closed (tenders opened).
REVIEW_STATE = "closed"
# A run still "running" after this long was cut off (a restart): it must not block the next one.
STUCK_AFTER = timedelta(minutes=15)
OSLO = ZoneInfo("Europe/Oslo")
_runner: ThreadPoolExecutor | None = None


class EvaluationProblem(Exception):
    """Why an evaluation step cannot be taken now; the message is for the officer."""


def submitted_tenders(procurement: Procurement) -> list[Tender]:
    return db.session.scalars(
        select(Tender)
        .where(Tender.procurement_id == procurement.id, Tender.status == "submitted")
        .order_by(Tender.id)
    ).all()


def latest(model, *where):
    return db.session.scalar(select(model).where(*where).order_by(model.id.desc()).limit(1))


def current_assessment(tender: Tender) -> Assessment | None:
    return latest(Assessment, Assessment.tender_id == tender.id)


def history(tender: Tender) -> list[Assessment]:
    return db.session.scalars(
        select(Assessment).where(Assessment.tender_id == tender.id).order_by(Assessment.id.desc())
    ).all()


def _newest_per(model, tender: Tender, *keys) -> list:
    """The newest row per subject (keys) of a tender: the ones in force."""
    newest = (
        select(func.max(model.id))
        .where(model.tender_id == tender.id)
        .group_by(*keys)
        .scalar_subquery()
    )
    return db.session.scalars(select(model).where(model.id.in_(newest)).order_by(model.id)).all()


def decisions_in_force(tender: Tender) -> list[ExceptionDecision]:
    return _newest_per(ExceptionDecision, tender, ExceptionDecision.request_key)


def overrides_in_force(tender: Tender) -> list[Override]:
    rows = _newest_per(Override, tender, Override.rule_id, Override.item_id)
    return [row for row in rows if row.new_status != "automatic"]


def engine_decisions(tender: Tender) -> dict:
    """Decisions in the engine's shape (decisions.schema.json)."""
    decisions = {}
    for row in decisions_in_force(tender):
        entry = {
            "decision": row.decision,
            "by": row.decided_by.name,
            "at": row.decided_at.isoformat(),
        }
        if row.decision == "approved":
            entry["legal_basis"] = row.legal_basis
            if row.expires:
                entry["expires"] = row.expires.isoformat()
        if row.reason:
            entry["reason"] = row.reason
        decisions[row.request_key] = entry
    return decisions


def _override_data(row: Override) -> dict:
    return {
        "rule": row.rule_id,
        "item": row.item_id,
        "status": row.new_status,
        "reason": row.reason,
        "by": row.decided_by.name,
        "at": row.decided_at.isoformat(),
    }


def assess_tender(tender: Tender, user: User, cause: str, run_id: int | None = None) -> Assessment:
    """Assess the tender as it stands, with decisions and overrides in force, and store the result.

    cause is stored language-neutral ("run:3", "decision:E1:approved", "override:RULE/ITEM") and
    worded in the reader's language when shown.
    """
    procurement = tender.procurement
    ruleset = chosen_ruleset(procurement)
    if ruleset is None or ruleset_changed_since(procurement, ruleset):
        raise EvaluationProblem(
            _("The rule set file differs from the one fixed when the procurement was published.")
        )
    data = validate_tender(tender.data, f"tender {tender.id}")
    automatic = assess(
        ruleset,
        procurement.level,
        procurement.tailoring or None,
        data,
        decisions=engine_decisions(tender),
        as_of=utcnow().astimezone(OSLO).date().isoformat(),  # today, in Norway
    )
    final = apply_overrides(automatic, [_override_data(row) for row in overrides_in_force(tender)])
    assessment = Assessment(
        procurement_id=procurement.id,
        tender_id=tender.id,
        run_id=run_id,
        cause=cause[:300],
        verdict=final["verdict"],
        automatic_verdict=automatic["verdict"],
        data=final,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        level=final["level"],
        tailoring=final["tailoring"],
        tender_sha256=tender_sha256(tender.data),
        created_by_id=user.id,
    )
    db.session.add(assessment)
    return assessment


# --- assessing every tender -------------------------------------------------------------------


def start_run(procurement: Procurement, user: User) -> AssessmentRun:
    """Assess every submitted tender; in a background thread, so the page can show progress."""
    require_review_state(procurement)
    running = latest_run(procurement)
    if running is not None and running.state == "running":
        raise EvaluationProblem(_("An assessment of all tenders is already under way."))
    tenders = submitted_tenders(procurement)
    run = AssessmentRun(procurement_id=procurement.id, total=len(tenders), started_by_id=user.id)
    db.session.add(run)
    db.session.commit()
    ids = (run.id, [t.id for t in tenders], user.id)
    if current_app.config.get("ASSESSMENT_RUNNING") == "inline":
        _run(*ids)
    else:
        app = current_app._get_current_object()
        # The thread has no request: it records its changes as the officer who started it.
        _background().submit(_run_in_app, app, audit.current_actor(), *ids)
    return run


def _background() -> ThreadPoolExecutor:
    global _runner
    if _runner is None:
        _runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="assessment-run")
    return _runner


def _run_in_app(app, actor, run_id: int, tender_ids: list[int], user_id: int) -> None:
    with app.app_context(), audit.acting_as(actor):
        try:
            _run(run_id, tender_ids, user_id)
        except Exception as err:  # noqa: BLE001 - a thread has no one else to tell
            # Without this the run would show "running" for ever and block the next one.
            db.session.rollback()
            run = db.session.get(AssessmentRun, run_id)
            run.state, run.finished_at = "failed", utcnow()
            run.problem = f"internal error ({type(err).__name__})"
            db.session.commit()
            app.logger.exception("assessment run %s failed", run_id)
        finally:
            db.session.remove()


def _run(run_id: int, tender_ids: list[int], user_id: int) -> None:
    run, user = db.session.get(AssessmentRun, run_id), db.session.get(User, user_id)
    problems = []
    for tender_id in tender_ids:
        state = db.session.scalar(
            select(Procurement.state).where(Procurement.id == run.procurement_id)
        )
        if state != REVIEW_STATE:
            problems.append(f"stopped: the procurement is {state} (evaluation concluded)")
            break
        tender = db.session.get(Tender, tender_id)
        try:
            assess_tender(tender, user, f"run:{run_id}", run_id)
        except (InputError, EvaluationProblem) as err:
            problems.append(f"{tender.data.get('tender_id', tender.id)}: {_describe(err)}")
        run.done += 1
        db.session.commit()  # progress is visible to the page after every tender
    run.state = "failed" if problems else "done"
    run.problem = "\n".join(problems)
    run.finished_at = utcnow()
    db.session.commit()


def _describe(err: Exception) -> str:
    return err.describe() if isinstance(err, InputError) else str(err)


# --- the officer's decisions ------------------------------------------------------------------


def require_review_state(procurement: Procurement) -> None:
    if procurement.state != REVIEW_STATE:
        raise EvaluationProblem(
            _("This can only be done while the procurement is closed and not yet concluded.")
        )


def decide_exception(
    tender: Tender,
    key: str,
    user: User,
    decision: str,
    legal_basis: str = "",
    expires: date | None = None,
    reason: str = "",
) -> Assessment:
    require_review_state(tender.procurement)
    db.session.add(
        ExceptionDecision(
            tender_id=tender.id,
            request_key=key,
            decision=decision,
            legal_basis=legal_basis,
            expires=expires,
            reason=reason,
            decided_by_id=user.id,
        )
    )
    db.session.flush()
    return assess_tender(tender, user, f"decision:{key}:{decision}")


def set_override(
    tender: Tender, rule_id: str, item_id: str | None, new_status: str, reason: str, user: User
) -> Assessment:
    """Set a rule's or item's state by hand; the record keeps the state it had."""
    require_review_state(tender.procurement)
    before = current_assessment(tender)
    db.session.add(
        Override(
            tender_id=tender.id,
            rule_id=rule_id,
            item_id=item_id or None,
            old_status=shown_status(before, rule_id, item_id) if before else "",
            new_status=new_status,
            reason=reason,
            assessment_id=before.id if before else None,
            decided_by_id=user.id,
        )
    )
    db.session.flush()
    target = f"{rule_id}/{item_id}" if item_id else rule_id
    return assess_tender(tender, user, f"override:{target}")


def shown_status(assessment: Assessment, rule_id: str, item_id: str | None) -> str:
    """The state a rule or item has in a stored assessment ('' if it is not there)."""
    for result in assessment.data["results"]:
        if result["rule"] != rule_id:
            continue
        if not item_id:
            return result["status"]
        for entry in result["items"]:
            if entry["id"] == item_id:
                return entry["status"]
    return ""


def set_score(tender: Tender, criterion_id: int, points: Decimal, reason: str, user: User) -> None:
    require_review_state(tender.procurement)
    db.session.add(
        ManualScore(
            tender_id=tender.id,
            criterion_id=criterion_id,
            points=points,
            reason=reason,
            scored_by_id=user.id,
        )
    )


def scores_in_force(tender: Tender) -> dict[int, ManualScore]:
    return {
        row.criterion_id: row for row in _newest_per(ManualScore, tender, ManualScore.criterion_id)
    }


# --- award evaluation -------------------------------------------------------------------------

BLOCKING_STATES = ("fail",)
OPEN_STATES = ("manual_review", "not_answered", "error")


MAX_ITEMS_NAMED = 5


def _reason(result: dict, states: tuple, lang: str) -> str:
    """'Rule title: M7: reason; M9: reason' – the items themselves, where the rule has items."""
    items = [entry for entry in result["items"] if entry["status"] in states]
    if not items:
        return f"{result['title'][lang]}: {result['message'][lang]}"
    named = "; ".join(f"{e['id']}: {e['reason'][lang]}" for e in items[:MAX_ITEMS_NAMED])
    more = len(items) - MAX_ITEMS_NAMED
    return f"{result['title'][lang]}: {named}" + (f" (+{more})" if more > 0 else "")


def _reasons(assessment: dict, states: tuple) -> list[dict]:
    """The blocking rules in these states, as bilingual lines (the snapshot serves both languages)."""
    return [
        {lang: _reason(result, states, lang) for lang in ("nb", "en")}
        for result in assessment["results"]
        if result["kind"] != "award" and result["status"] in states
    ]


def is_stale(assessment: Assessment, tender: Tender) -> bool:
    """Made on other tender data or another rule set file than the procurement's now."""
    return (
        assessment.ruleset_sha256 != tender.procurement.ruleset_sha256
        or assessment.tender_sha256 != tender_sha256(tender.data)
    )


STALE = {
    "nb": "Vurdert på andre data eller et annet regelsett enn nå; vurder alle tilbud på nytt",
    "en": "Assessed on other data or another rule set than now; assess all tenders again",
}


def _tender_input(tender: Tender, assessment: Assessment | None, scores: dict) -> dict:
    data = assessment.data if assessment else None
    verdict = data["verdict"] if data else "not_assessed"
    if data is not None and is_stale(assessment, tender):
        verdict, data = "stale", None
        failing = [STALE]
    elif data is None:
        failing = [{"nb": "Ikke vurdert ennå", "en": "Not assessed yet"}]
    else:
        failing = _reasons(data, BLOCKING_STATES if verdict == "non_compliant" else OPEN_STATES)
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
    evaluation.withdrawn_at = utcnow()
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
    return decision


def award_decision(procurement: Procurement) -> AwardDecision | None:
    return latest(AwardDecision, AwardDecision.procurement_id == procurement.id)


def latest_run(procurement: Procurement) -> AssessmentRun | None:
    """The newest run; one left "running" by a restart is marked failed, so it blocks nothing."""
    run = latest(AssessmentRun, AssessmentRun.procurement_id == procurement.id)
    if run is not None and run.state == "running" and run.started_at < utcnow() - STUCK_AFTER:
        with audit.acting_as("system: assessment run cut off"):
            run.state, run.finished_at = "failed", utcnow()
            run.problem = "interrupted: no end after 15 minutes (the server may have restarted)"
            db.session.commit()
    return run


def review_queue(procurement: Procurement) -> list[dict]:
    """Everything a person must still judge, across the procurement's tenders."""
    queue = []
    for tender in submitted_tenders(procurement):
        assessment = current_assessment(tender)
        if assessment is None:
            continue
        for question in open_questions(assessment.data):
            queue.append({"tender": tender, "assessment": assessment, **question})
    return queue


# --- the register of every override and exception decision (auditors) ------------------------

REGISTER_LIMIT = 2000


def decision_register(organisation_id: int) -> list[dict]:
    """Every override and exception decision of the organisation's procurements, newest first:
    who, when, on which tender and subject, from what to what, why, the legal basis and expiry."""
    rows = []
    for model, when in (
        (Override, Override.decided_at),
        (ExceptionDecision, ExceptionDecision.decided_at),
    ):
        found = db.session.scalars(
            select(model)
            .join(Tender, Tender.id == model.tender_id)
            .join(Procurement, Procurement.id == Tender.procurement_id)
            .where(Procurement.organisation_id == organisation_id)
            .order_by(when.desc())
            .limit(REGISTER_LIMIT)
        ).all()
        rows += [_register_row(row) for row in found]
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:REGISTER_LIMIT]


def _register_row(row) -> dict:
    common = {"at": row.decided_at, "by": row.decided_by, "tender": row.tender}
    if isinstance(row, Override):
        return common | {
            "kind": "override",
            "subject": f"{row.rule_id}/{row.item_id}" if row.item_id else row.rule_id,
            "rule": row.rule_id,
            "item": row.item_id,
            "from": row.old_status,
            "to": row.new_status,
            "reason": row.reason,
        }
    return common | {
        "kind": "exception",
        "subject": row.request_key,
        "decision": row.decision,
        "reason": row.reason,
        "legal_basis": row.legal_basis,
        "expires": row.expires,
    }
