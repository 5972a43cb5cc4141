"""API tokens: a contractor organisation's fleet system sends period reports with one."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.web.extensions import db
from checker.web.models.accounts import Organisation
from checker.web.models.accounts import User
from checker.web.models.base import UtcDateTime


class ApiToken(db.Model):
    """One named token of an organisation. Only the SHA-256 of the token is kept: the token
    itself is shown once, when it is made. Revoked tokens stay, so the trail can name them."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # A token has 256 random bits: a plain SHA-256 is as hard to reverse as a slow hash.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, so a user can tell which token a system holds (not a secret).
    hint: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    organisation: Mapped[Organisation] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])
    use: Mapped["ApiTokenUse | None"] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def last_used_at(self) -> datetime | None:
        return self.use.at if self.use else None

    @property
    def audit_organisation_id(self) -> int:
        return self.organisation_id


class ApiTokenUse(db.Model):
    """When a token was last used: written on every call, so kept apart from the token."""

    __tablename__ = "api_token_use"

    token_id: Mapped[int] = mapped_column(ForeignKey("api_token.id"), primary_key=True)
    # Made with the token (not at its first use, which two calls at once could both try).
    at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    # A counter, not a record (like RateEvent): the trail would grow by one entry per call.
    __audited__ = False
