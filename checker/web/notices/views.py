"""The development mail page (mail written to the instance folder, when no SMTP server is
configured) and the list of notices a procurement's officers see."""

from ipaddress import ip_address

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import render_template
from flask import request
from flask_babel import gettext as _
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import Notice
from checker.web.notices.mail import read_folder
from checker.web.notices.outbox import NO_ACCOUNT

bp = Blueprint("notices", __name__, url_prefix="/dev/mail")


def _development_only() -> None:
    """Only with the folder backend, and only to a browser on this machine: the folder holds
    every password-reset and confirmation link sent."""
    if current_app.config["MAIL_BACKEND"] != "folder":
        abort(404)
    try:
        local = ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        local = False
    if not local:
        abort(404)


@bp.route("/")
def index():
    _development_only()
    return render_template(
        "notices/mail.html", messages=read_folder(current_app.config), shown=None
    )


@bp.route("/<name>")
def show(name: str):
    _development_only()
    found = dict(read_folder(current_app.config))
    if name not in found:
        abort(404)
    message = found[name]
    return render_template(
        "notices/mail.html",
        messages=list(found.items()),
        shown=(name, message, message.get_content()),
    )


def procurement_notices(procurement_id: int) -> list[Notice]:
    """The notices about a procurement, newest first (for its officers and auditors)."""
    return list(
        db.session.scalars(
            select(Notice)
            .where(Notice.procurement_id == procurement_id)
            .order_by(Notice.id.desc())
            .limit(200)
        )
    )


def problem_text(notice: Notice) -> str:
    if notice.problem == NO_ACCOUNT:
        return _("The organisation has no user account to send it to.")
    return notice.problem or ""


@bp.app_context_processor
def _helpers() -> dict:
    return {"procurement_notices": procurement_notices, "notice_problem": problem_text}
