"""Organisations (buyers and contractors) and their users."""

from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import Boolean
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import false
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from checker import clock
from checker.web.extensions import db
from checker.web.models.base import UtcDateTime

ROLES = ("officer", "contractor", "auditor", "admin")


ORGANISATION_KINDS = ("buyer", "contractor")
# A contractor that registers itself is pending until an administrator approves it; a blocked
# organisation's users cannot log in.
ORGANISATION_STATUSES = ("approved", "pending", "blocked")


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(9), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="approved", server_default="approved")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

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
    # Set when the user followed the confirmation link of a self-registration (or an invitation).
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The organisation's own administrator (hovedbruker): makes and revokes its API tokens. The
    # first user of a contractor organisation is one (checker.web.accounts.users).
    is_org_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)

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
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts and blocked organisations
        return self.is_enabled and self.organisation.status != "blocked"

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id
