"""Issuing PDF reports for tenders: assess, render and sign as a background job, keep the bytes
and hashes."""

from flask import Response
from flask_babel import gettext as _
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
from checker.reports.issue import SignedReport
from checker.reports.issue import render_signed
from checker.web import signing
from checker.web.audit import recording as audit
from checker.web.audit.recording import Actor
from checker.web.audit.recording import acting_as
from checker.web.evaluation.assessments import EvaluationProblem
from checker.web.evaluation.assessments import current_assessment
from checker.web.evaluation.ranking import award_decision
from checker.web.evaluation.ranking import concluded_evaluation
from checker.web.extensions import db
from checker.web.jobs import queue as jobs
from checker.web.models import AwardDecision
from checker.web.models import IssuedReport
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import library


def assessment_of(tender: Tender) -> tuple[dict, object]:
    """The tender assessed against its procurement's rule set, level and tailoring."""
    procurement = tender.procurement
    ruleset = chosen_ruleset(procurement)
    data = validate_tender(tender.data, f"tender {tender.id}")
    return assess(ruleset, procurement.level, procurement.tailoring or None, data), ruleset


def _store(report_id: int, signed: SignedReport | None, problem: str = "") -> None:
    report = db.session.get(IssuedReport, report_id)
    issuer = report.issued_by.email if report.issued_by else "a contractor without an account"
    with acting_as(Actor(f"system: rendering for {issuer}", report.issued_by_id)):
        if signed is None:
            report.state, report.problem = "failed", problem
        else:
            report.state, report.pdf, report.pdf_sha256 = "ready", signed.pdf, signed.pdf_sha256
            report.unsigned_sha256 = signed.unsigned_sha256
            report.certificate_sha256 = signed.certificate_sha256
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
                    "unsigned_sha256": report.unsigned_sha256,
                    "certificate_sha256": report.certificate_sha256,
                    "report_sha256": report.report_sha256,
                    "issued_by": issuer,
                },
            )
        db.session.commit()


def _usable():
    """Reports to hand out again: ready ones, and ones still being made. One whose job gave up
    is failed (see checker.web.jobs) and is made anew when asked for again."""
    return IssuedReport.state.in_(("ready", "pending"))


def letterhead(procurement: Procurement, user: User | None) -> dict:
    """The report's letterhead: the buyer, its organisation number, the procurement's reference
    as the case number, and the officer who issues it."""
    return {
        "buyer": procurement.organisation.name,
        "org_number": procurement.organisation.org_number,
        "case_number": procurement.reference,
        "officer": user.name if user is not None and user.role != "contractor" else "",
    }


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
        assessment,
        ruleset,
        tender.data,
        kind=kind,
        tier=tier,
        lang=lang,
        issued_at=issue_time(now),
        letterhead=letterhead(tender.procurement, user),
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
    db.session.flush()
    _dispatch(report, envelope)
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
        letterhead=letterhead(procurement, user),
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


def _dispatch(report: IssuedReport, envelope: dict) -> None:
    """Render on the job queue; the envelope travels with the job, the report's record holds
    the state the pages show."""
    jobs.defer("render_report", report, report_id=report.id, envelope=envelope)


def _render_failed(problem: str, report_id: int, envelope: dict) -> None:
    report = db.session.get(IssuedReport, report_id)
    if report.state == "pending":
        report.state, report.problem = "failed", problem


def _render_retried(note: str, report_id: int, envelope: dict) -> None:
    db.session.get(IssuedReport, report_id).note = note


def _render_interrupted() -> int:
    pending = db.session.scalars(select(IssuedReport).where(IssuedReport.state == "pending"))
    count = 0
    for count, report in enumerate(pending, start=1):  # noqa: B007 - the count is the result
        report.state, report.problem = "failed", "interrupted"
    return count


@jobs.job(
    "render_report",
    failed=_render_failed,
    retried=_render_retried,
    interrupted=_render_interrupted,
)
def render_report(report_id: int, envelope: dict) -> None:
    """The report production itself: one call from the envelope to the PDF's bytes."""
    report = db.session.get(IssuedReport, report_id)
    if report is None or report.state != "pending":
        return  # made already (a job picked up again after its worker stopped)
    _store(report_id, render_signed(envelope, signing.current().source))


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
