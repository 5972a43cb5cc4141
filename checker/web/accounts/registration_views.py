"""Register an organisation, confirm the address, reset a forgotten password, invite colleagues
and accept an invitation."""

from flask import Blueprint
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required

from checker.web.accounts import registration
from checker.web.accounts.forms import AcceptInvitationForm
from checker.web.accounts.forms import ForgotPasswordForm
from checker.web.accounts.forms import InvitationForm
from checker.web.accounts.forms import RegistrationForm
from checker.web.accounts.forms import ResetPasswordForm
from checker.web.accounts.tokens import TokenProblem
from checker.web.accounts.users import AccountError
from checker.web.extensions import db
from checker.web.extensions import limiter
from checker.web.notices.outbox import organisation_users

bp = Blueprint("accounts", __name__)


def _limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _status(form) -> int:
    return 422 if form.errors else 200


def _link_problem(err: TokenProblem):
    if err.expired:
        message = _("This link has expired or has been used already.")
    else:
        message = _("This link is not valid: copy it whole from the e-mail.")
    return render_template(
        "accounts/link_problem.html", message=message
    ), 410 if err.expired else 404


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def register():
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            user = registration.register(
                form.org_number.data,
                form.organisation_name.data,
                form.name.data,
                form.email.data,
                form.password.data,
            )
        except AccountError as err:
            form[err.field].errors.append(str(err))
        else:
            db.session.commit()
            return render_template("accounts/registered.html", email=user.email)
    return render_template("accounts/register.html", form=form), _status(form)


@bp.route("/register/confirm/<token>")
def confirm(token: str):
    try:
        user = registration.confirm(token)
    except TokenProblem as err:
        return _link_problem(err)
    db.session.commit()
    flash(_("Your e-mail address is confirmed. You can log in."), "success")
    if user.organisation.status == "pending":
        flash(_("An administrator approves the organisation before you can prepare bids."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def forgot():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        registration.ask_for_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/reset_sent.html", email=form.email.data.strip())
    return render_template("accounts/forgot.html", form=form), _status(form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def reset(token: str):
    try:
        user = registration.user_to_reset(token)
    except TokenProblem as err:
        return _link_problem(err)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        registration.reset(user, form.password.data)
        db.session.commit()
        flash(_("Your password is changed. Log in with the new one."), "success")
        return redirect(url_for("auth.login"))
    return render_template("accounts/reset.html", form=form, user=user), _status(form)


@bp.route("/account/colleagues", methods=["GET", "POST"])
@login_required
def colleagues():
    """The organisation's users, and an invitation for another (contractors invite their own)."""
    form = InvitationForm()
    may_invite = current_user.role == "contractor"
    if may_invite and form.validate_on_submit():
        try:
            registration.invite(current_user, form.email.data)
        except AccountError as err:
            form[err.field].errors.append(str(err))
        else:
            db.session.commit()
            flash(_("The invitation is sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("accounts.colleagues"))
    return render_template(
        "accounts/colleagues.html",
        form=form if may_invite else None,
        users=organisation_users(current_user.organisation_id),
    ), _status(form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def accept(token: str):
    try:
        organisation, email = registration.invitation(token)
    except TokenProblem as err:
        return _link_problem(err)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            registration.accept(organisation, email, form.name.data, form.password.data)
        except AccountError as err:
            form.name.errors.append(str(err))
        else:
            db.session.commit()
            flash(_("Your account is made. Log in with your e-mail address."), "success")
            return redirect(url_for("auth.login"))
    return render_template(
        "accounts/invitation.html", form=form, organisation=organisation, email=email
    ), _status(form)
