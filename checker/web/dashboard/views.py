"""Start page per role (the officer's dashboard) and a health endpoint."""

from datetime import date
from datetime import timedelta

from flask import Blueprint
from flask import current_app
from flask import render_template
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import exists
from sqlalchemy import func
from sqlalchemy import select

from checker import clock
from checker.web.access import visible_procurements
from checker.web.extensions import db
from checker.web.models import STATES
from checker.web.models import AwardDecision
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.pagecache import kept_page
from checker.web.search import kept_args
from checker.web.search import paginate
from checker.web.workspace.search import own_bids
from checker.web.workspace.search import own_bids_form

bp = Blueprint("main", __name__)
UPCOMING_SHOWN = 10


# The accessibility statement (tilgjengelighetserklæring): when it was made and last reviewed.
# Review it, and change this date, whenever the pages or the browser tests' checks change.
STATEMENT_MADE = date(2026, 12, 1)
STATEMENT_UPDATED = date(2026, 12, 1)


@bp.route("/tilgjengelighetserklaering")
def accessibility():
    """The accessibility statement every Norwegian public website must publish (Uutilsynet)."""
    return render_template(
        "dashboard/accessibility.html",
        made=STATEMENT_MADE,
        updated=STATEMENT_UPDATED,
        contact=current_app.config["ACCESSIBILITY_CONTACT"],
    )


@bp.route("/health")
def health():
    return {"status": "ok"}


@bp.route("/")
@login_required
@kept_page
def index():
    if current_user.role in ("officer", "auditor"):
        return _dashboard()
    if current_user.role == "contractor":
        form = own_bids_form()
        valid = form.checked()
        page = paginate(own_bids(form, current_user.organisation_id, valid))
        awarded = set(
            db.session.scalars(
                select(AwardDecision.tender_id).where(
                    AwardDecision.tender_id.in_([t.id for t in page.items])
                )
            )
        )
        return render_template(
            "dashboard/contractor.html", page=page, form=form, args=kept_args(), awarded=awarded
        ), 200 if valid else 422
    return render_template("dashboard/admin.html")


def _dashboard():
    counts = dict(
        db.session.execute(
            select(Procurement.state, func.count())
            .where(Procurement.organisation_id == current_user.organisation_id)
            .group_by(Procurement.state)
        ).all()
    )
    now = clock.now()
    upcoming = db.session.scalars(
        visible_procurements()
        .where(Procurement.state == "published", Procurement.tender_deadline > now)
        .where(Procurement.tender_deadline <= now + timedelta(days=60))
        .order_by(Procurement.tender_deadline)
        .limit(UPCOMING_SHOWN)
    ).all()
    # Closed procurements in deadline order (an index walk), each with its submitted tenders
    # counted on the tender index: no join over every tender of the organisation.
    submitted = (Tender.procurement_id == Procurement.id, Tender.status == "submitted")
    waiting = db.session.execute(
        select(Procurement, select(func.count(Tender.id)).where(*submitted).scalar_subquery())
        .where(Procurement.organisation_id == current_user.organisation_id)
        .where(Procurement.state == "closed", exists().where(*submitted))
        .order_by(Procurement.tender_deadline)
        .limit(UPCOMING_SHOWN)
    ).all()
    return render_template(
        "dashboard/dashboard.html",
        counts=[(state, counts.get(state, 0)) for state in STATES],
        upcoming=upcoming,
        waiting=waiting,
    )
