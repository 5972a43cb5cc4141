"""Database models: organisations, users, procurements, award criteria, tenders."""

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
    # How tenders get their points on this criterion: price, rules (the rule set's award rules)
    # or manual (entered by the officer); see checker.award.
    scoring: Mapped[str] = mapped_column(String(10), default="manual", server_default="manual")

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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    procurement: Mapped[Procurement] = relationship(back_populates="tenders")
    organisation: Mapped[Organisation] = relationship()


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
    tender_sha256: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    problem: Mapped[str] = mapped_column(Text, default="")

    tender: Mapped[Tender | None] = relationship()
    procurement: Mapped[Procurement | None] = relationship()
    issued_by: Mapped[User] = relationship()


RUN_STATES = ("running", "done", "failed")


class AssessmentRun(db.Model):
    """One "assess every tender" action of an officer, with its progress."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    state: Mapped[str] = mapped_column(String(10), default="running")
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    started_by: Mapped[User] = relationship()


class Assessment(db.Model):
    """A stored assessment of a tender: never changed, so earlier results stay as history.

    data is the climate-assessment/1 result with the officer's decisions and overrides applied;
    automatic_verdict is the engine's verdict before overrides.
    """

    __table_args__ = (Index("ix_assessment_tender_latest", "tender_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("assessment_run.id"))
    cause: Mapped[str] = mapped_column(String(300), default="")
    verdict: Mapped[str] = mapped_column(String(20))
    automatic_verdict: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON)
    ruleset_id: Mapped[str] = mapped_column(String(100))
    ruleset_version: Mapped[str] = mapped_column(String(20))
    ruleset_sha256: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(20))
    tailoring: Mapped[dict] = mapped_column(JSON, default=dict)
    tender_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    tender: Mapped[Tender] = relationship()
    created_by: Mapped[User] = relationship()


DECISIONS = ("approved", "rejected")


class ExceptionDecision(db.Model):
    """The officer's decision on an exception request (or sporadic-use claim) of a tender.

    Rows are only added: the newest per request is in force, earlier ones are the history.
    """

    __table_args__ = (Index("ix_exception_decision_request", "tender_id", "request_key", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    request_key: Mapped[str] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(10))
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    expires: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    tender: Mapped[Tender] = relationship()
    decided_by: Mapped[User] = relationship()


class Override(db.Model):
    """The officer setting a rule's or item's state by hand, always with a reason.

    Rows are only added: the newest per (rule, item) is in force; new_status "automatic" withdraws.
    """

    __table_args__ = (Index("ix_override_target", "tender_id", "rule_id", "item_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    rule_id: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[str | None] = mapped_column(String(100))
    old_status: Mapped[str] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    tender: Mapped[Tender] = relationship()
    decided_by: Mapped[User] = relationship()


class ManualScore(db.Model):
    """Points from 0 to 10 the officer gives a tender on a manually scored criterion (e.g. quality).

    Rows are only added: the newest per (tender, criterion) is in force.
    """

    __table_args__ = (Index("ix_manual_score_target", "tender_id", "criterion_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criterion.id"))
    points: Mapped[Decimal] = mapped_column(Numeric(4, 2))
    reason: Mapped[str] = mapped_column(Text)
    scored_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    scored_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    scored_by: Mapped[User] = relationship()


class Evaluation(db.Model):
    """A concluded award evaluation: the ranking as it stood, with the assessments it rests on."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    concluded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    concluded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")

    concluded_by: Mapped[User] = relationship()


class AwardDecision(db.Model):
    """Which tender wins, and why; one per procurement."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), unique=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id"))
    tender_id: Mapped[int] = mapped_column(ForeignKey("tender.id"))
    justification: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    tender: Mapped[Tender] = relationship()
    evaluation: Mapped[Evaluation] = relationship()
    decided_by: Mapped[User] = relationship()


def render_migration_type(type_, obj, autogen_context):
    """Autogenerated migrations spell UtcDateTime as the plain type it stores."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False
