"""Who may see and change what. Every view asks here; none decides on its own."""

from functools import wraps

from flask import abort
from flask import request
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import Select
from sqlalchemy import select

from checker.web.concurrency import lock
from checker.web.extensions import db
from checker.web.i18n import use_language
from checker.web.models import Procurement
from checker.web.models import Tender

BUYER_READERS = ("officer", "auditor")
MAX_ID = 2**31 - 1  # PostgreSQL's integer; larger ids cannot exist


def role_required(*roles: str):
    """Logged in, and with one of these roles; otherwise 401 (to login) or 403."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def visible_procurements() -> Select:
    """Procurements of the user's own organisation, for officers and auditors."""
    return select(Procurement).where(Procurement.organisation_id == current_user.organisation_id)


def procurement_for_reading(procurement_id: int) -> Procurement:
    """A procurement the user may read, or 404 (no hint that another organisation's exists)."""
    if not isinstance(procurement_id, int) or not 0 < procurement_id <= MAX_ID:
        abort(404)
    procurement = db.session.get(Procurement, procurement_id)
    if procurement is None or procurement.organisation_id != current_user.organisation_id:
        abort(404)
    return procurement


def public_procurement(token: str) -> Procurement:
    """A procurement by its public link: anyone may read it once published, nobody before (404)."""
    procurement = db.session.scalar(select(Procurement).where(Procurement.public_token == token))
    if procurement is None or procurement.state == "draft":
        abort(404)
    use_language(procurement.language_form)
    return procurement


def procurement_for_change(procurement_id: int, lock_row: bool | None = None) -> Procurement:
    """A procurement the officer may change: own organisation, and still a draft (else 409).

    A POST takes the row's write lock first (checker.web.concurrency), so the change is made
    on top of what is stored now; lock_row=False for a POST that only previews.
    """
    if current_user.role != "officer":
        abort(403)
    procurement = procurement_for_reading(procurement_id)
    if lock_row if lock_row is not None else request.method == "POST":
        lock(procurement)
    if procurement.state != "draft":
        abort(409)
    return procurement


# Tenders stay sealed until the deadline: nobody at the buyer reads them while it is open.
OPENED_STATES = ("closed", "evaluated", "awarded")


def opened_procurement(procurement_id: int) -> Procurement:
    """A procurement of the user's organisation whose tenders are open to the buyer, or 404."""
    procurement = procurement_for_reading(procurement_id)
    if procurement.state not in OPENED_STATES:
        abort(404)
    return procurement


def opened_tender(procurement_id: int, tender_id: int) -> Tender:
    """A submitted tender of such a procurement, or 404."""
    procurement = opened_procurement(procurement_id)
    tender = db.session.get(Tender, tender_id) if 0 < tender_id <= MAX_ID else None
    if tender is None or tender.procurement_id != procurement.id or tender.status != "submitted":
        abort(404)
    return tender
