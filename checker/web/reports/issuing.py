"""Issuing PDF reports for tenders: assess, render in a child process, keep the bytes and hash."""

import hashlib
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from multiprocessing import get_context

from flask import Response
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_
from sqlalchemy import or_
from sqlalchemy import select

from checker import clock
from checker.assessment.engine import assess
from checker.formats.tender import tender_sha256
from checker.formats.tender import validate_tender
from checker.reports.envelope import EVALUATION
from checker.reports.envelope import SELF_DECLARATION
from checker.reports.envelope import build_envelope
from checker.reports.envelope import build_evaluation_envelope
from checker.reports.envelope import envelope_sha256
from checker.reports.envelope import issue_time
from checker.reports.pdf import render_pdf
from checker.web.audit import recording as audit
from checker.web.audit.recording import Actor
from checker.web.audit.recording import acting_as
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.ranking import award_decision
from checker.web.evaluation.ranking import concluded_evaluation
from checker.web.extensions import db
from checker.web.models import AwardDecision
from checker.web.models import IssuedReport
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import library

_pool: ProcessPoolExecutor | None = None


def _render_pool() -> ProcessPoolExecutor:
    """One child process per web worker renders reports, so a long one never blocks a request."""
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
    return _pool


def assessment_of(tender: Tender) -> tuple[dict, object]:
    """The tender assessed against its procurement's rule set, level and tailoring."""
    procurement = tender.procurement
    ruleset = chosen_ruleset(procurement)
    data = validate_tender(tender.data, f"tender {tender.id}")
    return assess(ruleset, procurement.level, procurement.tailoring or None, data), ruleset


def _store(report_id: int, pdf: bytes | None, problem: str = "") -> None:
    report = db.session.get(IssuedReport, report_id)
    issuer = report.issued_by.email if report.issued_by else "a contractor without an account"
    with acting_as(Actor(f"system: rendering for {issuer}", report.issued_by_id)):
        if pdf is None:
            report.state, report.problem = "failed", problem
        else:
            report.state, report.pdf = "ready", pdf
            report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            audit.record(
                "report_issued",
                "issued_report",
                report.id,
                procurement_id=report.procurement_id,
                details={
                    "tender_id": report.tender_id,
                    "kind": report.kind,
                    "tier": report.tier,
                    "lang": report.lang,
                    "pdf_sha256": report.pdf_sha256,
                    "report_sha256": report.report_sha256,
                    "issued_by": issuer,
                },
            )
        db.session.commit()


# A report still "pending" after this long was cut off (a restart) and is made again.
STUCK_AFTER = timedelta(minutes=15)


def _usable():
    """Reports to hand out again: ready ones, and ones still being made (not cut off)."""
    return or_(
        IssuedReport.state == "ready",
        and_(IssuedReport.state == "pending", IssuedReport.issued_at > clock.now() - STUCK_AFTER),
    )


def expire_if_stuck(report: IssuedReport) -> None:
    """A pending report that never finished is marked failed, so its page stops waiting."""
    if report.state == "pending" and report.issued_at < clock.now() - STUCK_AFTER:
        with acting_as(Actor("system: report rendering cut off", report.issued_by_id)):
            report.state, report.problem = "failed", "interrupted"
            db.session.commit()


def _report_basis(tender: Tender, stored) -> tuple[dict, object]:
    """The officer's stored assessment (decisions and overrides applied) if there is one;
    before the first run, the automatic assessment of the tender as it stands."""
    if stored is not None:
        return stored.data, library().get(stored.ruleset_id, stored.ruleset_version)
    return assessment_of(tender)


def request_report(tender: Tender, kind: str, tier: str, lang: str, user: User) -> IssuedReport:
    """The issued report for this tender as it stands now: reused if issued already, else rendered."""
    current = tender_sha256(tender.data)
    stored = current_assessment(tender)
    assessment_id = stored.id if stored else None
    existing = db.session.scalar(
        select(IssuedReport)
        .where(
            IssuedReport.tender_id == tender.id,
            IssuedReport.kind == kind,
            IssuedReport.tier == tier,
        )
        .where(IssuedReport.lang == lang, IssuedReport.tender_sha256 == current)
        .where(
            IssuedReport.assessment_id == assessment_id
            if assessment_id
            else IssuedReport.assessment_id.is_(None)
        )
        .where(_usable())
        .order_by(IssuedReport.id.desc())
        .limit(1)
    )
    if existing:
        return existing  # issued already: nothing is assessed or rendered again
    assessment, ruleset = _report_basis(tender, stored)
    now = clock.now()
    envelope = build_envelope(
        assessment, ruleset, tender.data, kind=kind, tier=tier, lang=lang, issued_at=issue_time(now)
    )
    report = IssuedReport(
        tender=tender,
        procurement_id=tender.procurement_id,
        assessment_id=assessment_id,
        kind=kind,
        tier=tier,
        tender_sha256=current,
    )
    return _issue(report, envelope, user, now)


def issue_report(report: IssuedReport, envelope: dict, user: User) -> IssuedReport:
    """Register and render a report of another feature (e.g. the annual statistics) the way
    every report is: in the register with its SHA-256, rendered beside the request."""
    return _issue(report, envelope, user, clock.now())


def _issue(report: IssuedReport, envelope: dict, user: User, now) -> IssuedReport:
    """Register the report as being made, then render it (in a child process, or inline)."""
    report.lang, report.state = envelope["lang"], "pending"
    report.report_sha256 = envelope_sha256(envelope)
    report.issued_at, report.issued_by = now, user
    db.session.add(report)
    db.session.commit()
    _dispatch(report.id, envelope)
    return report


def request_self_declaration(
    data: dict,
    assessment: dict,
    ruleset,
    lang: str,
    *,
    tender: Tender | None = None,
    procurement_id: int | None = None,
    user: User | None = None,
) -> IssuedReport:
    """The contractor's self-declaration of these data, registered like every issued report and
    rendered in the child process; the one already issued for the same data is handed out again."""
    current = tender_sha256(data)
    existing = db.session.scalar(
        select(IssuedReport)
        .where(IssuedReport.kind == SELF_DECLARATION, IssuedReport.lang == lang)
        .where(IssuedReport.tender_sha256 == current, _usable())
        .where(IssuedReport.tender_id == tender.id if tender else IssuedReport.tender_id.is_(None))
        .order_by(IssuedReport.id.desc())
        .limit(1)
    )
    if existing:
        return existing
    now = clock.now()
    envelope = build_envelope(
        assessment,
        ruleset,
        data,
        kind=SELF_DECLARATION,
        tier="full",
        lang=lang,
        issued_at=issue_time(now),
    )
    report = IssuedReport(
        tender=tender,
        procurement_id=procurement_id,
        kind=SELF_DECLARATION,
        tier="full",
        tender_sha256=current,
    )
    return _issue(report, envelope, user, now)


def request_evaluation_report(procurement: Procurement, lang: str, user: User) -> IssuedReport:
    """The evaluation report of a concluded evaluation, with the award decision once made."""
    evaluation = concluded_evaluation(procurement)
    if evaluation is None:
        raise EvaluationProblem(_("Conclude the evaluation first."))
    decision = award_decision(procurement)
    made_after = decision.decided_at if decision else evaluation.concluded_at
    existing = db.session.scalar(
        select(IssuedReport)
        .where(IssuedReport.evaluation_id == evaluation.id, IssuedReport.kind == EVALUATION)
        .where(IssuedReport.lang == lang, _usable())
        .where(IssuedReport.issued_at >= made_after)
        .order_by(IssuedReport.id.desc())
        .limit(1)
    )
    if existing:
        return existing
    now = clock.now()
    envelope = build_evaluation_envelope(
        evaluation.data,
        library().get(evaluation.data["ruleset"]["id"], evaluation.data["ruleset"]["version"]),
        concluded={
            "at": issue_time(evaluation.concluded_at),
            "by": evaluation.concluded_by.name,
        },
        decision=_decision_data(decision),
        lang=lang,
        issued_at=issue_time(now),
    )
    report = IssuedReport(
        procurement_id=procurement.id, evaluation_id=evaluation.id, kind=EVALUATION, tier="full"
    )
    return _issue(report, envelope, user, now)


def _decision_data(decision: AwardDecision | None) -> dict | None:
    if decision is None:
        return None
    return {
        "tender": str(decision.tender_id),
        "name": decision.tender.organisation.name,
        "tender_ref": decision.tender.data.get("tender_id", ""),
        "justification": decision.justification,
        "by": decision.decided_by.name,
        "at": issue_time(decision.decided_at),
    }


def _dispatch(report_id: int, envelope: dict) -> None:
    if current_app.config.get("REPORT_RENDERING") == "inline":
        _store(report_id, render_pdf(envelope))
        return
    app = current_app._get_current_object()
    future = _render_pool().submit(render_pdf, envelope)

    def finished(done):
        with app.app_context():
            error = done.exception()
            _store(
                report_id,
                None if error else done.result(),
                "" if error is None else type(error).__name__,
            )

    future.add_done_callback(finished)


def pdf_download(report: IssuedReport, name: str) -> Response:
    """An issued report as a download, with its SHA-256 in a header; never cached by proxies."""
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
