"""Sessions end after a while without activity and after an absolute lifetime (both settings),
and what a logged-in user or a private link shows is never kept by a cache.

The times live in the signed session cookie, so every server process judges them alike. A form
sent after the session ended is not lost: what was typed is kept in the database for the same
user, who gets it back after logging in and decides whether to send it (never sent by itself).
"""

import secrets
from datetime import timedelta

from flask import Flask
from flask import flash
from flask import redirect
from flask import request
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import logout_user
from sqlalchemy import delete

from checker import clock
from checker.web.extensions import db
from checker.web.models import KeptForm

LOGIN_AT, SEEN_AT = "login_at", "seen_at"
STAFF = ("officer", "auditor", "admin")
TOUCH_EVERY = 60  # seconds: the cookie is rewritten at most this often for the idle clock
PRIVATE_PATHS = ("/self/", "/own-reports/")
# Probes and files: no session of their own to judge, and they must stay cheap.
EXEMPT = ("static", "main.health")
KEPT_FORM_BYTES = 512 * 1024  # more than any form's text; a list's rows travel as files
KEPT_FORM_HOURS = 24
KEPT_FIELD = "_kept"  # sent back with a kept form, so it is removed once it has been sent


def _now() -> int:
    return int(clock.now().timestamp())


def started() -> None:
    """Called on login: the lifetime and the idle time start now."""
    session.permanent = True
    session[LOGIN_AT] = session[SEEN_AT] = _now()


def _idle_limit(app: Flask, role: str) -> int:
    key = "SESSION_IDLE_MINUTES" if role in STAFF else "SESSION_IDLE_MINUTES_CONTRACTOR"
    return app.config[key] * 60


def _expired(app: Flask, now: int) -> str | None:
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        return _("Your session has ended. Log in again.")
    if now - login_at > app.config["SESSION_LIFETIME_HOURS"] * 3600:
        return _(
            "Your session has ended: it was %(n)s hours old. Log in again.",
            n=app.config["SESSION_LIFETIME_HOURS"],
        )
    idle = _idle_limit(app, current_user.role)
    if now - seen_at > idle:
        return _(
            "Your session ended after %(n)s minutes without activity. Log in again.", n=idle // 60
        )
    return None


def _check_session():
    if request.endpoint in EXEMPT or not current_user.is_authenticated:
        return None
    from flask import current_app

    now = _now()
    ended = _expired(current_app, now)
    if ended:
        user_id = current_user.id
        logout_user()
        session.pop(LOGIN_AT, None)
        session.pop(SEEN_AT, None)
        target = request.full_path if request.method == "GET" else _keep_form(user_id)
        if request.method != "GET":
            ended += " " + (
                _("What you typed is kept: log in to see it again and send it.")
                if target
                else _("What you sent could not be kept.")
            )
        flash(ended, "info")
        return redirect(url_for("auth.login", next=target))
    if request.method == "POST" and request.form.get(KEPT_FIELD):
        _forget_kept(request.form[KEPT_FIELD])
    if now - session[SEEN_AT] >= TOUCH_EVERY:
        session[SEEN_AT] = now
    return None


def _keep_form(user_id: int) -> str | None:
    """Keep the fields of the form being sent (not its CSRF token, not files) for this user; the
    address of the page that gives them back, or None when there is nothing (or too much)."""
    if (request.content_length or 0) > KEPT_FORM_BYTES:
        return None
    fields = [
        [name, value]
        for name, value in request.form.items(multi=True)
        if name not in ("csrf_token", KEPT_FIELD)
    ]
    if not fields:
        return None
    cutoff = clock.now() - timedelta(hours=KEPT_FORM_HOURS)
    db.session.execute(delete(KeptForm).where(KeptForm.created_at < cutoff))
    kept = KeptForm(
        token=secrets.token_urlsafe(32),
        user_id=user_id,
        path=request.full_path.rstrip("?"),
        fields=fields,
        had_files=any(f.filename for f in request.files.values()),
    )
    db.session.add(kept)
    db.session.commit()
    return url_for("auth.kept_form", token=kept.token)


def kept_form(token: str, user_id: int) -> KeptForm | None:
    """The form this user sent after their session ended, if it is still kept."""
    cutoff = clock.now() - timedelta(hours=KEPT_FORM_HOURS)
    kept = db.session.scalar(
        db.select(KeptForm).where(KeptForm.token == token, KeptForm.user_id == user_id)
    )
    return kept if kept is not None and kept.created_at >= cutoff else None


def _forget_kept(token: str) -> None:
    db.session.execute(
        delete(KeptForm).where(KeptForm.token == token, KeptForm.user_id == current_user.id)
    )
    db.session.commit()


def discard_kept(kept: KeptForm) -> None:
    db.session.delete(kept)
    db.session.commit()


def _no_store(response):
    """Pages of a logged-in user and of private links hold what others must not see."""
    private = request.path.startswith(PRIVATE_PATHS)
    if private or (request.endpoint not in EXEMPT and current_user.is_authenticated):
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["SESSION_LIFETIME_HOURS"])
    # The cookie is written when the session changes (at most once a minute for the idle clock),
    # not signed and sent again with every response.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    app.before_request(_check_session)
    app.after_request(_no_store)
