"""API tokens of a contractor organisation: made and revoked by its administrator, presented by
its fleet system as `Authorization: Bearer <token>`.

A token is 256 random bits, shown once; only its SHA-256 is stored, so a copy of the database
gives nobody a working token. Making and revoking are in the audit trail (the hash is recorded
as changed, never its value); the time of last use is kept apart (ApiTokenUse), as it changes
on every call.
"""

import hashlib
import secrets

from sqlalchemy import select

from checker import clock
from checker.web.extensions import db
from checker.web.models import ApiToken
from checker.web.models import ApiTokenUse
from checker.web.models import User

PREFIX = "kks_"  # klimakravsjekk: lets secret scanners and people tell what it is


def may_manage(user: User) -> bool:
    """Only a contractor organisation's own administrator makes and revokes its tokens."""
    return user.role == "contractor" and bool(user.is_org_admin)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def make(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token of the user's organisation (not yet committed) and the token itself."""
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        organisation_id=user.organisation_id,
        name=name.strip(),
        token_hash=_digest(token),
        hint=token[: len(PREFIX) + 4],
        created_at=clock.now(),
        created_by_id=user.id,
        use=ApiTokenUse(),
    )
    db.session.add(record)
    return record, token


def revoke(record: ApiToken, user: User) -> None:
    if record.revoked_at is None:
        record.revoked_at = clock.now()
        record.revoked_by_id = user.id


def of_organisation(organisation_id: int) -> list[ApiToken]:
    return db.session.scalars(
        select(ApiToken)
        .where(ApiToken.organisation_id == organisation_id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())
    ).all()


def find(token: str) -> ApiToken | None:
    """The token's record, revoked or not; None for a token nobody made."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    return db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))


def note_use(record: ApiToken) -> None:
    """Remember when the token was used last (committed with the request's work)."""
    record.use.at = clock.now()
