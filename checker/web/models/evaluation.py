"""Review and award: assessment runs, stored assessments, exception decisions, overrides,
manual scores, the evaluation and the award decision."""

from datetime import date
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON
from sqlalchemy import BigInteger
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import Numeric
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.web.extensions import db
from checker.web.models.accounts import User
from checker.web.models.base import UtcDateTime
from checker.web.models.procurements import Tender
from checker.web.models.procurements import _OfProcurement
from checker.web.models.procurements import _OfTender

RUN_STATES = ("running", "done", "failed")


class AssessmentRun(_OfProcurement, db.Model):
    """One "assess every tender" action of an officer, with its progress."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    state: Mapped[str] = mapped_column(String(10), default="running")
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    # The queue's job doing the run (PostgreSQL), and what happened to it on the way (a worker
    # that stopped and the job picked up again).
    job_id: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
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
    # A partial approval: the share (0 to 1) of the item's energy that is waived; None is all.
    waived_share: Mapped[Decimal | None] = mapped_column(Numeric(5, 4))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
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
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
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
    scored_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    scored_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    scored_by: Mapped[User] = relationship()


class Evaluation(_OfProcurement, db.Model):
    """A concluded award evaluation: the ranking as it stood, with the assessments it rests on."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    concluded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
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
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    tender: Mapped[Tender] = relationship()
    evaluation: Mapped[Evaluation] = relationship()
    decided_by: Mapped[User] = relationship()
