"""Procurements, their award criteria, tenders, evidence and anonymous self-assessment drafts."""

import secrets
from datetime import date
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON
from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import LargeBinary
from sqlalchemy import Numeric
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import select
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.web.extensions import db
from checker.web.models.accounts import Organisation
from checker.web.models.base import UtcDateTime

STATES = ("draft", "published", "closed", "evaluated", "awarded")


class Procurement(db.Model):
    # The dashboard counts and lists by organisation and state; lists sort by deadline.
    __table_args__ = (
        Index("ix_procurement_organisation_state", "organisation_id", "state", "tender_deadline"),
        Index("ix_procurement_organisation_deadline", "organisation_id", "tender_deadline", "id"),
        # "Has a deadline passed?" is asked before pages show states: one index probe.
        Index("ix_procurement_state_deadline", "state", "tender_deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    reference: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    cpv: Mapped[str | None] = mapped_column(String(12))
    estimated_value_nok: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    tender_deadline: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    contract_start: Mapped[date | None] = mapped_column(Date)
    contract_end: Mapped[date | None] = mapped_column(Date)
    # The buyer's own codes for the climate statistics: its project number and the KOSTRA
    # function (three digits) the project is budgeted under.
    project_number: Mapped[str | None] = mapped_column(String(40))
    kostra_function: Mapped[str | None] = mapped_column(String(3))
    # The buyer's language form (nb, nn or en; many municipalities use nynorsk by law): the
    # default language of the procurement's public pages and of its reports.
    language_form: Mapped[str] = mapped_column(String(2), default="nb", server_default="nb")
    ruleset_id: Mapped[str | None] = mapped_column(String(100))
    ruleset_version: Mapped[str | None] = mapped_column(String(20))
    ruleset_sha256: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[str | None] = mapped_column(String(20))
    tailoring: Mapped[dict] = mapped_column(JSON, default=dict)
    climate_exception_ground: Mapped[str | None] = mapped_column(String(40))
    climate_exception_justification: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    public_token: Mapped[str] = mapped_column(
        String(43), unique=True, default=lambda: secrets.token_urlsafe(32)
    )
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now, onupdate=clock.now)
    # Checked on every write: a change made from a stale copy fails (checker.web.concurrency).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    organisation: Mapped[Organisation] = relationship()
    criteria: Mapped[list["AwardCriterion"]] = relationship(
        back_populates="procurement",
        order_by="AwardCriterion.position",
        cascade="all, delete-orphan",
    )
    tenders: Mapped[list["Tender"]] = relationship(back_populates="procurement")

    __audit_redacted__ = frozenset({"public_token"})

    @property
    def audit_procurement_id(self) -> int:
        return self.id


class AwardCriterion(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    weight_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    is_climate_environment: Mapped[bool] = mapped_column(Boolean, default=False)
    # How tenders get their points on this criterion: price, rules (the rule set's award rules)
    # or manual (entered by the officer); see checker.award.
    scoring: Mapped[str] = mapped_column(String(10), default="manual", server_default="manual")

    procurement: Mapped[Procurement] = relationship(back_populates="criteria")

    @property
    def audit_procurement_id(self) -> int:
        return self.procurement_id


class Tender(db.Model):
    # "Tenders waiting for review" joins from closed procurements to their submitted tenders.
    __table_args__ = (Index("ix_tender_procurement_status", "procurement_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    price_nok: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Rows of the last machine-list upload that had problems, kept so they can be fixed in a form.
    rejected: Mapped[list | None] = mapped_column(JSON)
    # At the deadline the bid is frozen: the SHA-256 of its answers and evidence, and when.
    frozen_sha256: Mapped[str | None] = mapped_column(String(64))
    frozen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now, onupdate=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    procurement: Mapped[Procurement] = relationship(back_populates="tenders")
    organisation: Mapped[Organisation] = relationship()
    evidence: Mapped[list["EvidenceFile"]] = relationship(
        back_populates="tender", order_by="EvidenceFile.id", cascade="all, delete-orphan"
    )

    @property
    def audit_procurement_id(self) -> int:
        return self.procurement_id


EVIDENCE_KINDS = ("fuels", "exceptions", "documents")


class EvidenceFile(db.Model):
    """A file backing an answer (a fuel's certificate, a market check, a plan), kept with its hash."""

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[str] = mapped_column(String(60))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Loaded only when downloaded: lists and snapshot hashes need the metadata alone.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

    tender: Mapped[Tender] = relationship(back_populates="evidence")

    @property
    def audit_procurement_id(self):
        return _tender_procurement(self.tender_id)


class SelfAssessmentDraft(db.Model):
    """A contractor's self-assessment without an account, reached only through its private link."""

    id: Mapped[int] = mapped_column(primary_key=True)
    private_token: Mapped[str] = mapped_column(
        String(43), unique=True, default=lambda: secrets.token_urlsafe(32)
    )
    procurement_id: Mapped[int | None] = mapped_column(ForeignKey("procurement.id"), index=True)
    ruleset_id: Mapped[str] = mapped_column(String(100))
    ruleset_version: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    rejected: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now, onupdate=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    procurement: Mapped[Procurement | None] = relationship()

    # Anonymous, private scratch work: not part of any procurement's record, and purged after a
    # while. What becomes a bid is a Tender, which the trail records.
    __audited__ = False


def _tender_procurement(tender_id: int):
    """The procurement of a tender, as a query: the trail is written during a flush, where
    loading the tender through a relationship is not allowed."""
    return select(Tender.procurement_id).where(Tender.id == tender_id).scalar_subquery()


class _OfProcurement:
    """Rows that carry their procurement's id."""

    @property
    def audit_procurement_id(self) -> int:
        return self.procurement_id


class _OfTender:
    """Rows that belong to a tender, and through it to a procurement."""

    @property
    def audit_procurement_id(self):
        return _tender_procurement(self.tender_id)
