"""Notices: every e-mail the system sends (receipts, deadline and outcome notices, account mail),
kept with its text, its recipient and whether it went out."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.web.extensions import db
from checker.web.models.accounts import Organisation
from checker.web.models.base import UtcDateTime

NOTICE_KINDS = (
    "receipt",  # a bid was submitted
    "bid_frozen",  # the deadline passed: the bid is frozen as it stands
    "outcome",  # the award: awarded or not, the ranking, the standstill period
    "confirm_email",
    "approval_requested",  # to the administrators: an organisation registered itself
    "organisation_approved",
    "organisation_blocked",
    "password_reset",
    "invitation",
    "period_late",  # to the contractor: a period report of a contract in follow-up is overdue
    "correction_requested",  # to the contractor: the officer sent a period report back
)


class Notice(db.Model):
    """One e-mail to one recipient. A notice about a procurement belongs to the buyer's record
    (its officers see which went out); account mail belongs to the recipient's organisation.
    Links that let their holder in (password reset, confirmation, invitation) are sent but never
    stored: `body` holds the text with the link left out."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    procurement_id: Mapped[int | None] = mapped_column(ForeignKey("procurement.id"), index=True)
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("tender.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Why it did not go out (the mail server's answer, or no one to send it to).
    problem: Mapped[str | None] = mapped_column(String(500))

    organisation: Mapped[Organisation | None] = relationship()

    @property
    def audit_procurement_id(self) -> int | None:
        return self.procurement_id

    @property
    def audit_organisation_id(self) -> int | None:
        return self.organisation_id
