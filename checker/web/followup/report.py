"""The follow-up report from the web: the contract's follow-up with the officer's handling, issued,
registered and signed like every report (checker.web.reports.issuing)."""

from flask_babel import gettext as _
from sqlalchemy import select

from checker import clock
from checker.formats.tender import tender_sha256
from checker.reports.envelope import FOLLOWUP
from checker.reports.envelope import build_followup_envelope
from checker.reports.envelope import issue_time
from checker.web.extensions import db
from checker.web.followup.handling import handled
from checker.web.followup.service import FollowupProblem
from checker.web.followup.service import contract_followup
from checker.web.models import IssuedReport
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.reports.issuing import issue_report
from checker.web.reports.issuing import letterhead


def followup_envelope(
    procurement: Procurement, tender: Tender, lang: str, user: User | None = None
) -> dict:
    """The report's data as it stands now, with the letterhead of the officer issuing it;
    FollowupProblem before the first period report."""
    result = contract_followup(procurement, tender)
    if result is None:
        raise FollowupProblem(
            _("The follow-up report can be made once a period report is received.")
        )
    return build_followup_envelope(
        handled(tender, result),
        chosen_ruleset(procurement),
        tender.data,
        lang=lang,
        issued_at=issue_time(clock.now()),
        letterhead=letterhead(procurement, user),
    )


def request_followup_report(
    procurement: Procurement, tender: Tender, lang: str, user: User
) -> IssuedReport:
    """Issue the follow-up report now: a new one each time, since periods and handling move."""
    envelope = followup_envelope(procurement, tender, lang, user)
    report = IssuedReport(
        kind=FOLLOWUP,
        tier="full",
        tender_id=tender.id,
        procurement_id=procurement.id,
        tender_sha256=tender_sha256(tender.data),
    )
    return issue_report(report, envelope, user)


def followup_reports(tender: Tender) -> list[IssuedReport]:
    """The follow-up reports issued for the contract, newest first."""
    return db.session.scalars(
        select(IssuedReport)
        .where(IssuedReport.tender_id == tender.id, IssuedReport.kind == FOLLOWUP)
        .order_by(IssuedReport.id.desc())
    ).all()
