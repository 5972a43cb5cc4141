"""Database models: organisations, users, procurements, award criteria, tenders, evidence,
self-assessment drafts."""

import secrets
from datetime import UTC
from datetime import date
from datetime import datetime
from decimal import Decimal

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import JSON
from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import DateTime
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import LargeBinary
from sqlalchemy import Numeric
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from checker.web.extensions import db

ROLES = ("officer", "contractor", "auditor", "admin")
ORGANISATION_KINDS = ("buyer", "contractor")
STATES = ("draft", "published", "closed", "evaluated", "awarded")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(db.TypeDecorator):
    """Timezone-aware UTC datetimes on SQLite (naive storage) and PostgreSQL (timestamptz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(9), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    users: Mapped[list["User"]] = relationship(back_populates="organisation")


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of the session's user id: raising it (logout, password change) ends every session.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        self.session_version = (self.session_version or 1) + 1

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        return self.is_enabled


class Procurement(db.Model):
    # The dashboard counts and lists by organisation and state; lists sort by deadline.
    __table_args__ = (
        Index("ix_procurement_organisation_state", "organisation_id", "state", "tender_deadline"),
        Index("ix_procurement_organisation_deadline", "organisation_id", "tender_deadline", "id"),
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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()
    criteria: Mapped[list["AwardCriterion"]] = relationship(
        back_populates="procurement",
        order_by="AwardCriterion.position",
        cascade="all, delete-orphan",
    )
    tenders: Mapped[list["Tender"]] = relationship(back_populates="procurement")


class AwardCriterion(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    weight_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    is_climate_environment: Mapped[bool] = mapped_column(Boolean, default=False)

    procurement: Mapped[Procurement] = relationship(back_populates="criteria")


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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    procurement: Mapped[Procurement] = relationship(back_populates="tenders")
    organisation: Mapped[Organisation] = relationship()
    evidence: Mapped[list["EvidenceFile"]] = relationship(
        back_populates="tender", order_by="EvidenceFile.id", cascade="all, delete-orphan"
    )


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
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    tender: Mapped[Tender] = relationship(back_populates="evidence")


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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    procurement: Mapped[Procurement | None] = relationship()


REPORT_STATES = ("pending", "ready", "failed")


class IssuedReport(db.Model):
    """A PDF report issued for a tender: kept, so a second download costs no rendering, and
    recorded with its SHA-256, so a copy can be checked against the register."""

    __table_args__ = (Index("ix_issued_report_request", "tender_id", "kind", "tier", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    kind: Mapped[str] = mapped_column(String(30))
    tier: Mapped[str] = mapped_column(String(10))
    lang: Mapped[str] = mapped_column(String(5))
    state: Mapped[str] = mapped_column(String(10), default="pending")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    report_sha256: Mapped[str | None] = mapped_column(String(64))
    tender_sha256: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    problem: Mapped[str] = mapped_column(Text, default="")

    tender: Mapped[Tender] = relationship()
    issued_by: Mapped[User] = relationship()


def render_migration_type(type_, obj, autogen_context):
    """Autogenerated migrations spell UtcDateTime as the plain type it stores."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False
