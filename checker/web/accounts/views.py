"""Log in, log out, change password, choose language."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required
from flask_login import login_user
from flask_login import logout_user
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from checker.formats import display
from checker.formats.texts import LANGUAGES
from checker.web import limits
from checker.web import sessions
from checker.web.accounts.forms import LoginForm
from checker.web.accounts.forms import PasswordChangeForm
from checker.web.audit import recording as audit
from checker.web.errors import render_error
from checker.web.extensions import db
from checker.web.i18n import select_locale
from checker.web.models import User

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only local paths: never send a user on to another site after login.

    Browsers drop tabs and newlines and read a backslash as a slash, so '/\t/evil' and
    '/\\evil' would leave the site: such targets are refused, not cleaned.
    """
    if not target or any(ord(char) < 32 or char == "\\" for char in target):
        return url_for("main.index")
    parts = urlsplit(target)
    if (
        target.startswith("/")
        and not target.startswith("//")
        and not parts.scheme
        and not parts.netloc
    ):
        return target
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        # Counted before the password is checked, in the database: parallel guesses, other
        # server processes and restarts all count against the same limits.
        by_address = limits.limit_address(
            "login", "LOGIN_RATE_LIMIT", _("Too many login attempts from your address.")
        )
        by_account = limits.take("login_account", email, "LOGIN_ACCOUNT_LIMIT")
        if by_account is None:
            limits.refuse(
                _("Too many failed logins for this account.")
                + " "
                + limits.wait_text("LOGIN_ACCOUNT_LIMIT")
            )
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user and user.is_active and user.check_password(form.password.data):
            return _log_in(user, (by_address, by_account))
        _record_failure(email, user)
        form.password.errors.append(_login_refusal(user, form.password.data))
    return render_template(
        "accounts/login.html", form=form
    ), 200 if request.method == "GET" or not form.errors else 422


def _login_refusal(user, password: str) -> str:
    """Why a login failed; the account's state is named only to who knows its password."""
    if user is None or not user.check_password(password):
        return _("Wrong email or password.")
    if user.email_confirmed_at is None and not user.is_enabled:
        return _("Confirm your e-mail address first: open the link in the e-mail we sent.")
    if user.organisation.status == "blocked":
        return _("Your organisation is blocked. Contact the administrator.")
    return _("Wrong email or password.")


def _log_in(user: User, events):
    """Log the user in only once the audit trail has the login: no entry, no session."""
    try:
        audit.remember_request_user(user)
        audit.record("login", "user", user.id, organisation_id=user.organisation_id)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("the login of user %s could not be recorded", user.id)
        message = _(
            "Your login could not be recorded in the audit trail, so you are not logged in. "
            "Nothing was saved; try again in a while."
        )
        return render_error(503, message)
    limits.forget(*events)  # a successful login is not held against the address
    login_user(user)
    sessions.started()
    return redirect(_safe_next(request.args.get("next")))


def _record_failure(email: str, user: User | None) -> None:
    """A wrong password (or an unknown or disabled account) is in the audit trail."""
    audit.record(
        "login_failed",
        "user",
        user.id if user else None,
        organisation_id=user.organisation_id if user else None,
        details={"email": email[:254], "address": limits.address()},
    )
    db.session.commit()


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        current_user.end_sessions()  # a copied session cookie stops working too
        db.session.commit()
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if current_user.check_password(form.current.data):
            current_user.set_password(form.new.data)
            current_user.end_sessions()  # every other session of this user ends
            db.session.commit()
            login_user(current_user._get_current_object())
            sessions.started()
            flash(_("Your password is changed."), "success")
            return redirect(url_for("main.index"))
        form.current.errors.append(_("The current password is wrong."))
    status = 422 if form.errors else 200
    return render_template("accounts/password.html", form=form), status


@bp.route("/lang/<code>", methods=["POST"])
def language(code: str):
    if code in LANGUAGES:
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/session/kept/<token>", methods=["GET", "POST"])
@login_required
def kept_form(token: str):
    """A form sent after the session had ended, given back to the same user: send it now (to
    the page it was meant for, which checks it as always) or discard it."""
    kept = sessions.kept_form(token, current_user.id)
    if kept is None:
        return render_error(404, _("Nothing is kept under this address (any more)."))
    if request.method == "POST":
        sessions.discard_kept(kept)
        flash(_("What you had typed is discarded."), "info")
        return redirect(url_for("main.index"))
    until = kept.created_at + timedelta(hours=sessions.KEPT_FORM_HOURS)
    return render_template(
        "accounts/kept.html",
        kept=kept,
        kept_field=sessions.KEPT_FIELD,
        until=display.moment(until, select_locale()),
    )
