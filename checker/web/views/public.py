"""The public page of a published procurement: what contractors need, no account required."""

from flask import Blueprint
from flask import abort
from flask import render_template
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.workflow import chosen_ruleset
from checker.web.workflow import close_expired

bp = Blueprint("public", __name__, url_prefix="/p")


@bp.route("/<token>")
def show(token: str):
    close_expired()
    procurement = db.session.scalar(select(Procurement).where(Procurement.public_token == token))
    if procurement is None or procurement.state == "draft":
        abort(404)
    return render_template(
        "public/show.html", procurement=procurement, ruleset=chosen_ruleset(procurement)
    )
