""" "Assess every tender": one run per procurement, done as a background job, with its progress.

The run's record holds its progress (tenders done of total), written after every tender, so the
page reads it from the database whichever worker does the job. A job picked up again after its
worker stopped carries on with the tenders not yet assessed in this run.
"""

from flask_babel import gettext as _
from sqlalchemy import select

from checker import clock
from checker.formats.inputs import InputError
from checker.web.evaluation.assessments import REVIEW_STATE
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import assess_tender
from checker.web.evaluation.assessments import latest
from checker.web.evaluation.assessments import require_review_state
from checker.web.evaluation.assessments import submitted_tenders
from checker.web.extensions import db
from checker.web.jobs import queue as jobs
from checker.web.models import Assessment
from checker.web.models import AssessmentRun
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User


def start_run(procurement: Procurement, user: User) -> AssessmentRun:
    """Assess every submitted tender, as a job: the page shows its progress."""
    require_review_state(procurement)
    running = latest_run(procurement)
    if running is not None and running.state == "running":
        raise EvaluationProblem(_("An assessment of all tenders is already under way."))
    tenders = submitted_tenders(procurement)
    run = AssessmentRun(procurement_id=procurement.id, total=len(tenders), started_by_id=user.id)
    db.session.add(run)
    db.session.flush()
    jobs.defer("assess_all", run, run_id=run.id, tender_ids=[t.id for t in tenders])
    return run


def _failed(problem: str, run_id: int, tender_ids: list[int]) -> None:
    run = db.session.get(AssessmentRun, run_id)
    if run.state == "running":
        run.state, run.finished_at, run.problem = "failed", clock.now(), problem


def _retried(note: str, run_id: int, tender_ids: list[int]) -> None:
    db.session.get(AssessmentRun, run_id).note = note


def _interrupted() -> int:
    running = db.session.scalars(select(AssessmentRun).where(AssessmentRun.state == "running"))
    count = 0
    for count, run in enumerate(running, start=1):  # noqa: B007 - the count is the result
        run.state, run.finished_at, run.problem = "failed", clock.now(), "interrupted"
    return count


@jobs.job("assess_all", failed=_failed, retried=_retried, interrupted=_interrupted)
def assess_all(run_id: int, tender_ids: list[int]) -> None:
    run = db.session.get(AssessmentRun, run_id)
    if run is None or run.state != "running":
        return  # finished (or given up) already
    user = db.session.get(User, run.started_by_id)
    assessed = set(
        db.session.scalars(select(Assessment.tender_id).where(Assessment.run_id == run_id))
    )
    problems = [line for line in run.problem.splitlines() if line]
    run.done = len(assessed)
    for tender_id in tender_ids:
        if tender_id in assessed:
            continue
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
            run.problem = "\n".join(problems)
        run.done += 1
        db.session.commit()  # progress is visible to the page after every tender
    run.state = "failed" if problems else "done"
    run.problem = "\n".join(problems)
    run.finished_at = clock.now()
    db.session.commit()


def _describe(err: Exception) -> str:
    return err.describe() if isinstance(err, InputError) else str(err)


def latest_run(procurement: Procurement) -> AssessmentRun | None:
    return latest(AssessmentRun, AssessmentRun.procurement_id == procurement.id)
