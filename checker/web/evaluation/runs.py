""" "Assess every tender": one background run per procurement, with its progress."""

from concurrent.futures import ThreadPoolExecutor

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from checker import clock
from checker.formats.inputs import InputError
from checker.web.audit import recording as audit
from checker.web.evaluation.assessments import REVIEW_STATE
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import assess_tender
from checker.web.evaluation.assessments import latest
from checker.web.evaluation.assessments import require_review_state
from checker.web.evaluation.assessments import submitted_tenders
from checker.web.extensions import db
from checker.web.models import AssessmentRun
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User

_runner: ThreadPoolExecutor | None = None


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
            run.state, run.finished_at = "failed", clock.now()
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
    run.finished_at = clock.now()
    db.session.commit()


def _describe(err: Exception) -> str:
    return err.describe() if isinstance(err, InputError) else str(err)


def latest_run(procurement: Procurement) -> AssessmentRun | None:
    """The newest run; one left "running" by a restart is marked failed, so it blocks nothing."""
    run = latest(AssessmentRun, AssessmentRun.procurement_id == procurement.id)
    stuck_after = current_app.config["STUCK_AFTER"]
    if run is not None and run.state == "running" and run.started_at < clock.now() - stuck_after:
        with audit.acting_as("system: assessment run cut off"):
            run.state, run.finished_at = "failed", clock.now()
            minutes = round(stuck_after.total_seconds() / 60)
            run.problem = (
                f"interrupted: no end after {minutes} minutes (the server may have restarted)"
            )
            db.session.commit()
    return run
