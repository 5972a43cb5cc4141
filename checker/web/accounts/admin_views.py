"""User administration (admin role): list users, create a user in an organisation, approve or
block the contractor organisations that registered themselves."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from checker.web.access import MAX_ID
from checker.web.access import role_required
from checker.web.accounts import registration
from checker.web.accounts.forms import UserCreateForm
from checker.web.accounts.users import AccountError
from checker.web.accounts.users import create_user
from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.models import User

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@role_required("admin")
def users():
    rows = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("accounts/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required("admin")
def create():
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            create_user(
                form.email.data,
                form.name.data,
                form.role.data,
                form.organisation_name.data,
                form.org_number.data,
                form.password.data,
            )
        except AccountError as err:
            getattr(form, err.field).errors.append(str(err))
        else:
            db.session.commit()
            flash(_("User %(email)s created.", email=form.email.data), "success")
            return redirect(url_for("admin.users"))
    return render_template("accounts/new_user.html", form=form), 422 if form.errors else 200


@bp.route("/organisations")
@role_required("admin")
def organisations():
    """Every organisation; those that registered themselves and wait for approval first."""
    rows = db.session.scalars(
        select(Organisation).order_by(
            (Organisation.status != "pending"), Organisation.kind, Organisation.name
        )
    ).all()
    return render_template("accounts/organisations.html", organisations=rows)


@bp.route("/organisations/<int:organisation_id>/<decision>", methods=["POST"])
@role_required("admin")
def decide(organisation_id: int, decision: str):
    """Approve a contractor organisation, or block it (its users are logged out)."""
    organisation = (
        db.session.get(Organisation, organisation_id) if organisation_id <= MAX_ID else None
    )
    if organisation is None or decision not in ("approve", "block"):
        abort(404)
    if organisation.kind != "contractor":
        abort(409)  # buyers are made by the administrator, not approved
    registration.decide(organisation, decision == "approve")
    db.session.commit()
    if decision == "approve":
        flash(_("%(org)s is approved.", org=organisation.name), "success")
    else:
        flash(_("%(org)s is blocked; its users are logged out.", org=organisation.name), "info")
    return redirect(url_for("admin.organisations"))
