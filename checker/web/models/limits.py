"""Counted events behind the shared limits (login attempts, anonymous drafts and assessments), and
forms kept across the end of a session."""

from datetime import datetime

from sqlalchemy import JSON
from sqlalchemy import ForeignKey
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


class KeptForm(db.Model):
    """What a user had typed into a form they sent after their session had ended: kept for the
    same user, who sees it again after logging in and chooses to send it or not. Never applied
    by itself, and gone once sent or discarded (or after KEPT_FORM_HOURS)."""

    __tablename__ = "kept_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(2000))
    fields: Mapped[list] = mapped_column(JSON)  # [[name, value], ...] in the order sent
    had_files: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

    # Transient, and it may hold anything the user typed: not a change to record.
    __audited__ = False
