"""Counted events behind the shared limits (login attempts, anonymous drafts and assessments)."""

from datetime import datetime

from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from checker import clock
from checker.web.extensions import db
from checker.web.models.base import UtcDateTime


class RateEvent(db.Model):
    """One event counted against a limit, e.g. a login attempt from an address. In the database,
    so every server process and every restart counts the same events."""

    __tablename__ = "rate_event"
    __table_args__ = (
        Index("ix_rate_event_kind_key_at", "kind", "key", "at"),
        Index("ix_rate_event_kind_at", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

    # Counters, not records: the audit trail has what happened (failed logins among it).
    __audited__ = False
