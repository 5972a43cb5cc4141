"""Database models: organisations, users, procurements, award criteria, tenders, evidence,
self-assessment drafts, review and award, reports and the audit trail.

A model may name the procurement and organisation its rows belong to with the properties
`audit_procurement_id` and `audit_organisation_id`, so the audit trail can be filtered by them;
`__audit_redacted__` names columns whose values the trail must not keep (see checker.web.audit).
"""

import secrets
from datetime import UTC
from datetime import date
from datetime import datetime
from decimal import Decimal

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import DDL
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
from sqlalchemy import event
from sqlalchemy import select
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from checker.audit_chain import iso_time
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

    @property
    def audit_organisation_id(self) -> int:
        return self.id


class User(UserMixin, db.Model):
    __audit_redacted__ = frozenset({"password_hash", "session_version"})

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

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

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
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    procurement: Mapped[Procurement | None] = relationship()

    # Anonymous, private scratch work: not part of any procurement's record, and purged after a
    # while. What becomes a bid is a Tender, which the trail records.
    __audited__ = False


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
    # None for a self-declaration made without an account.
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    problem: Mapped[str] = mapped_column(Text, default="")

    tender: Mapped[Tender | None] = relationship()
    procurement: Mapped[Procurement | None] = relationship()
    issued_by: Mapped[User | None] = relationship()

    @property
    def audit_procurement_id(self):
        if self.procurement_id is not None:
            return self.procurement_id
        return _tender_procurement(self.tender_id)


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


class AuditEntry(db.Model):
    """One entry of the append-only audit trail, chained to the one before by its hash
    (checker.audit_chain). Written only by checker.web.audit; never updated or deleted."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_procurement_seq", "procurement_id", "seq"),)

    # No foreign keys: the trail must outlive (and never block) the rows it describes.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(300))
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    table: Mapped[str] = mapped_column("table_name", String(64), index=True)
    row_id: Mapped[str | None] = mapped_column(String(64))
    procurement_id: Mapped[int | None] = mapped_column(Integer)
    organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    def as_dict(self) -> dict:
        """The entry as checker.audit_chain reads it (the time as its ISO 8601 spelling)."""
        fields = ("seq", "actor", "actor_id", "kind", "table", "row_id", "procurement_id")
        entry = {name: getattr(self, name) for name in fields}
        entry.update(
            at=iso_time(self.at),
            organisation_id=self.organisation_id,
            before=self.before,
            after=self.after,
            prev_hash=self.prev_hash,
            hash=self.hash,
        )
        return entry


# The trail is append-only in the database too: UPDATE and DELETE are refused by a trigger (the
# migration creates the same ones). Someone with the rights to drop a trigger can still tamper;
# the hash chain is what detects that.
APPEND_ONLY_SQL = {
    "sqlite": [
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$",
        "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    ],
}
for _dialect, _statements in APPEND_ONLY_SQL.items():
    for _statement in _statements:
        event.listen(
            AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect)
        )


RUN_STATES = ("running", "done", "failed")


class AssessmentRun(_OfProcurement, db.Model):
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


class Assessment(_OfProcurement, db.Model):
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


class ExceptionDecision(_OfTender, db.Model):
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


class Override(_OfTender, db.Model):
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


class ManualScore(_OfTender, db.Model):
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


class Evaluation(_OfProcurement, db.Model):
    """A concluded award evaluation: the ranking as it stood, with the assessments it rests on."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    concluded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    concluded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")

    concluded_by: Mapped[User] = relationship()


class AwardDecision(_OfProcurement, db.Model):
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
