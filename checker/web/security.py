"""Security headers on every response, and the login manager's user loading."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from checker.web.accounts import known_users
from checker.web.audit import recording as audit
from checker.web.extensions import login_manager
from checker.web.models import User

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The session names user id and session version; an old version or a disabled user is out."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()) or len(user_id) > 10:
        return None
    user = known_users.user(int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    audit.remember_request_user(user)
    return user


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"
    app.after_request(_headers)
