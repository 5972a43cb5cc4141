"""User administration (admin role): list users, create a user in an organisation."""

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from checker.web.access import role_required
from checker.web.accounts.forms import UserCreateForm
from checker.web.accounts.users import AccountError
from checker.web.accounts.users import create_user
from checker.web.extensions import db
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
