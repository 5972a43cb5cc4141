"""Signed, expiring links for e-mail: confirm an address, reset a password, accept an invitation.

Nothing is stored: a link carries its own content, signed with the instance's secret key and a
purpose, and its age is measured on the product's clock. A reset link names a fingerprint of
the password hash, so it stops working once the password has changed.
"""

import hashlib

from flask import current_app
from itsdangerous import BadSignature
from itsdangerous import SignatureExpired
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer

from checker import clock

MAX_AGE = {
    "confirm": 3 * 24 * 3600,
    "reset": 3600,
    "invite": 7 * 24 * 3600,
}


class _ClockSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        current_app.secret_key, salt=f"checker-{purpose}", signer=_ClockSigner
    )


def make(purpose: str, payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


class TokenProblem(ValueError):
    """The link is expired or not one this system made; `expired` says which."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def read(purpose: str, token: str) -> dict:
    """The payload of a link made for this purpose, or TokenProblem."""
    try:
        payload = _serializer(purpose).loads(token[:2000], max_age=MAX_AGE[purpose])
    except SignatureExpired:
        raise TokenProblem(expired=True) from None
    except BadSignature:
        raise TokenProblem(expired=False) from None
    if not isinstance(payload, dict):
        raise TokenProblem(expired=False)
    return payload


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]
