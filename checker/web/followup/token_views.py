"""The contractor organisation's API tokens: its administrator makes and revokes them; every
user of the organisation sees which exist."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from checker.formats.display import moment
from checker.web.access import MAX_ID
from checker.web.access import role_required
from checker.web.concurrency import lock
from checker.web.extensions import db
from checker.web.followup import api_tokens
from checker.web.followup.forms import ApiTokenForm
from checker.web.followup.forms import RevokeApiTokenForm
from checker.web.i18n import select_locale
from checker.web.models import ApiToken

bp = Blueprint("api_tokens", __name__)


def _page(form: ApiTokenForm, status: int = 200, made: str | None = None):
    organisation = current_user.organisation
    admins = [u.name for u in organisation.users if u.is_org_admin]
    page = render_template(
        "followup/api_tokens.html",
        tokens=api_tokens.of_organisation(organisation.id),
        may_manage=api_tokens.may_manage(current_user),
        admins=admins,
        form=form,
        revoke_form=RevokeApiTokenForm(),
        made=made,
        at=lambda value: moment(value, select_locale()),
    )
    # The new token is on this page only: no cache may keep it.
    return page, status, {"Cache-Control": "no-store"}


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@role_required("contractor")
def index():
    form = ApiTokenForm()
    if not form.is_submitted():
        return _page(form)
    if not api_tokens.may_manage(current_user):
        abort(403)
    if not form.validate():
        return _page(form, 422)
    _record, token = api_tokens.make(current_user, form.name.data)
    db.session.commit()
    return _page(ApiTokenForm(formdata=None), made=token)


@bp.route("/account/api-tokens/<int:token_id>/revoke", methods=["POST"])
@role_required("contractor")
def revoke(token_id: int):
    if not api_tokens.may_manage(current_user):
        abort(403)
    record = db.session.get(ApiToken, token_id) if 0 < token_id <= MAX_ID else None
    if record is None or record.organisation_id != current_user.organisation_id:
        abort(404)
    if not RevokeApiTokenForm().validate_on_submit():
        abort(400)
    lock(record)
    api_tokens.revoke(record, current_user)
    db.session.commit()
    flash(_("The token %(name)s is revoked: it no longer works.", name=record.name), "success")
    return redirect(url_for("api_tokens.index"), 303)
