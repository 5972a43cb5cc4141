"""Issued PDF reports and their register entries."""

from datetime import datetime

from sqlalchemy import BigInteger
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker.web.extensions import db
from checker.web.models.accounts import User
from checker.web.models.base import UtcDateTime
from checker.web.models.procurements import Procurement
from checker.web.models.procurements import Tender
from checker.web.models.procurements import _tender_procurement

REPORT_STATES = ("pending", "ready", "failed")


class IssuedReport(db.Model):
    """A PDF report issued for a tender: kept, so a second download costs no rendering, and
    recorded with its SHA-256, so a copy can be checked against the register."""

    __table_args__ = (Index("ix_issued_report_request", "tender_id", "kind", "tier", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # A tender's report names the tender; the procurement's evaluation report names none.
    tender_id: Mapped[int | None] = mapped_column(ForeignKey("tender.id"))
    procurement_id: Mapped[int | None] = mapped_column(ForeignKey("procurement.id"), index=True)
    # The stored assessment the report shows (none before the officer ran the assessment).
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    evaluation_id: Mapped[int | None] = mapped_column(ForeignKey("evaluation.id"))
    kind: Mapped[str] = mapped_column(String(30))
    tier: Mapped[str] = mapped_column(String(10))
    lang: Mapped[str] = mapped_column(String(5))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    report_sha256: Mapped[str | None] = mapped_column(String(64))
    # The render before signing (reproducible from the embedded data; the first part of pdf)
    # and the certificate that signed pdf. None on reports issued before reports were signed.
    unsigned_sha256: Mapped[str | None] = mapped_column(String(64))
    certificate_sha256: Mapped[str | None] = mapped_column(String(64))
    tender_sha256: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # None for a self-declaration made without an account.
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    problem: Mapped[str] = mapped_column(Text, default="")
    job_id: Mapped[int | None] = mapped_column(BigInteger)  # the queue's job rendering it
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    tender: Mapped[Tender | None] = relationship()
    procurement: Mapped[Procurement | None] = relationship()
    issued_by: Mapped[User | None] = relationship()

    @property
    def audit_procurement_id(self):
        if self.procurement_id is not None:
            return self.procurement_id
        return _tender_procurement(self.tender_id)
