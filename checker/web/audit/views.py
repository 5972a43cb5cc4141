"""Auditor pages (read-only): the audit trail, overrides and waivers, issued reports, the chain's
state, and a procurement's dossier and OCDS export. Officers of the same organisation may read
them too; every page shows only the user's own organisation."""

import time

from flask import Blueprint
from flask import Response
from flask import abort
from flask import current_app
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_login import current_user
from sqlalchemy import select

from checker import clock
from checker.exports.dossier import sha256
from checker.formats import display
from checker.reports.envelope import SELF_DECLARATION
from checker.web.access import BUYER_READERS
from checker.web.access import MAX_ID
from checker.web.access import procurement_for_reading
from checker.web.access import role_required
from checker.web.audit import checkpoints
from checker.web.audit import trail as audit_trail
from checker.web.audit.details import value_rows
from checker.web.audit.forms import CHAIN_PROBLEMS
from checker.web.audit.forms import KINDS
from checker.web.audit.forms import TABLES
from checker.web.audit.forms import trail_filter_form
from checker.web.audit.recording import REDACTED
from checker.web.evaluation.register import REGISTER_LIMIT
from checker.web.evaluation.register import decision_register
from checker.web.exports.ocds import export_ocds
from checker.web.exports.queued import request_dossier
from checker.web.extensions import db
from checker.web.i18n import select_locale
from checker.web.models import AuditEntry
from checker.web.models import DossierExport
from checker.web.models import IssuedReport
from checker.web.models import Procurement

bp = Blueprint("audit", __name__, url_prefix="/audit")
MAX_PAGE = 100_000


def _page_number() -> int:
    number = request.args.get("page", 1, type=int)
    if not 1 <= number <= MAX_PAGE:
        abort(404)
    return number


def _paginate(query):
    per_page = current_app.config["PER_PAGE"]
    return db.paginate(query, page=_page_number(), per_page=per_page, error_out=False)


@bp.route("/")
@role_required(*BUYER_READERS)
def index():
    form = trail_filter_form()
    valid = form.validate() if request.args else True
    query = audit_trail.filtered(
        audit_trail.TrailFilter() if not valid else form.trail_filter(),
        current_user.organisation_id,
    )
    page = _paginate(query)
    args = {k: v for k, v in request.args.items() if k != "page"}
    status = 200 if valid else 422
    return render_template("audit/index.html", form=form, page=page, args=args), status


@bp.route("/entries/<int:seq>")
@role_required(*BUYER_READERS)
def entry(seq: int):
    found = db.session.get(AuditEntry, seq) if 0 < seq <= MAX_ID else None
    if found is None or found.organisation_id != current_user.organisation_id:
        abort(404)
    rows = value_rows(found.before, found.after)
    return render_template("audit/entry.html", entry=found, rows=rows, redacted=REDACTED)


@bp.route("/decisions")
@role_required(*BUYER_READERS)
def decisions():
    rows = decision_register(current_user.organisation_id)
    return render_template("audit/decisions.html", rows=rows, limit=REGISTER_LIMIT)


@bp.route("/reports")
@role_required(*BUYER_READERS)
def reports():
    query = (
        select(IssuedReport)
        .join(Procurement, Procurement.id == IssuedReport.procurement_id)
        .where(Procurement.organisation_id == current_user.organisation_id)
        .where(IssuedReport.kind != SELF_DECLARATION)  # the contractors' own, not the buyer's
        .order_by(IssuedReport.id.desc())
    )
    return render_template("audit/reports.html", page=_paginate(query), args={})


@bp.route("/chain")
@role_required(*BUYER_READERS)
def chain():
    """The chain checked from its newest signed checkpoint, or (?full=1) all of it."""
    full = request.args.get("full") == "1"
    started = time.perf_counter()
    result = checkpoints.verify_everything() if full else checkpoints.verify_from_checkpoint()
    seconds = time.perf_counter() - started
    took = display.quantity(seconds, "s", select_locale(), 3)
    return render_template("audit/chain.html", result=result, seconds_text=took, full=full)


@bp.route("/procurements/<int:procurement_id>/dossier", methods=["POST"])
@role_required(*BUYER_READERS)
def dossier(procurement_id: int):
    """Ask for the dossier: a worker makes it; its page says when it is ready."""
    procurement = procurement_for_reading(procurement_id)
    export = request_dossier(procurement, current_user)
    return redirect(url_for("audit.dossier_status", export_id=export.id), code=303)


def _export(export_id: int) -> DossierExport:
    export = db.session.get(DossierExport, export_id) if 0 < export_id <= MAX_ID else None
    if export is None:
        abort(404)
    procurement_for_reading(export.procurement_id)  # 404 for another organisation's
    return export


@bp.route("/dossiers/<int:export_id>")
@role_required(*BUYER_READERS)
def dossier_status(export_id: int):
    export = _export(export_id)
    return render_template("audit/dossier.html", export=export)


@bp.route("/dossiers/<int:export_id>/download")
@role_required(*BUYER_READERS)
def dossier_download(export_id: int):
    export = _export(export_id)
    if export.state != "ready":
        return redirect(url_for("audit.dossier_status", export_id=export.id))
    return _download(export.data, "application/zip", f"dossier-{export.procurement_id}.zip")


@bp.route("/procurements/<int:procurement_id>/ocds.json")
@role_required(*BUYER_READERS)
def ocds(procurement_id: int):
    procurement = procurement_for_reading(procurement_id)
    data = export_ocds(procurement, clock.now(), select_locale())
    return _download(data, "application/json", f"ocds-{procurement.id}.json")


def _download(data: bytes, mimetype: str, name: str) -> Response:
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-SHA256": sha256(data),
            "Cache-Control": "private, no-store",
        },
    )


@bp.context_processor
def _names() -> dict:
    return {
        "audit_kind": lambda kind: str(KINDS.get(kind, kind)),
        "audit_table": lambda table: str(TABLES.get(table, table)),
        "chain_problem": lambda reason: str(CHAIN_PROBLEMS.get(reason, reason)),
    }
