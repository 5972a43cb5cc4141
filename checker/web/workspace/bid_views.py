"""Bid submission: a contractor prepares a bid on a published procurement, attaches evidence and
submits before the deadline. From the deadline on the bid is frozen for everyone."""

from flask import Blueprint
from flask import Response
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from checker import clock
from checker.web.access import public_procurement
from checker.web.access import role_required
from checker.web.extensions import db
from checker.web.extensions import limiter
from checker.web.models import EvidenceFile
from checker.web.models import SelfAssessmentDraft
from checker.web.models import Tender
from checker.web.notices.tenders import receipt_lines
from checker.web.notices.tenders import send_receipt
from checker.web.workspace import lists as workspaces
from checker.web.workspace.bids import new_bid
from checker.web.workspace.evidence import MAX_EVIDENCE_FILES
from checker.web.workspace.evidence import attach
from checker.web.workspace.evidence import evidence_targets
from checker.web.workspace.evidence import problem_with
from checker.web.workspace.evidence import read_and_close
from checker.web.workspace.forms import EvidenceForm
from checker.web.workspace.freeze import deadline_passed
from checker.web.workspace.views import page_context
from checker.web.workspace.views import workspace_route

bp = Blueprint("bids", __name__)
ENTRY_LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions", "documents")


@bp.route("/p/<token>/bid", methods=["POST"])
@role_required("contractor")
def start(token: str):
    """Open (or create) the contractor's own bid; a self-assessment's entries may come along."""
    procurement = public_procurement(token)
    if current_user.organisation.status != "approved":
        flash(
            _("Your organisation awaits approval by the administrator; bid once it is approved."),
            "error",
        )
        return redirect(url_for("public.show", token=token))
    tender = db.session.scalar(
        select(Tender)
        .where(Tender.procurement_id == procurement.id)
        .where(Tender.organisation_id == current_user.organisation_id)
    )
    if tender is None:
        if deadline_passed(procurement):
            workspaces.refuse_frozen()
        tender = new_bid(procurement, current_user.organisation)
        _take_over_self_assessment(tender)
        db.session.commit()
    return redirect(url_for("intake.show", tender_id=tender.id))


def _take_over_self_assessment(tender: Tender) -> None:
    token = request.form.get("draft")
    if not token:
        return
    draft = db.session.scalar(
        select(SelfAssessmentDraft).where(SelfAssessmentDraft.private_token == token)
    )
    if draft is None or draft.procurement_id != tender.procurement_id:
        return
    data = dict(tender.data)
    for name in ENTRY_LISTS:
        if name in draft.data:
            data[name] = draft.data[name]
    tender.data = data


@workspace_route(bp, "/submit", bids_only=True, methods=["POST"])
@role_required("officer", "auditor", "contractor")
def submit(tender_id: int):
    workspace = workspaces.load(tender_id=tender_id, change=True)
    result = workspaces.evaluate(workspace)
    if result.problems:
        flash(_("The bid cannot be submitted before the problems listed are fixed."), "error")
        return redirect(workspace.url("intake.show"))
    tender = workspace.record
    if tender.status == "submitted":
        # Nothing changed since: the submission stands with its own time, not a new one.
        flash(_("This bid is already submitted; nothing has changed since."), "info")
        return redirect(workspace.url("intake.show"))
    tender.status, tender.submitted_at = "submitted", clock.now()
    send_receipt(tender, current_user)
    db.session.commit()
    flash(
        _("Your bid is submitted. You can change it until the deadline; then submit it again."),
        "success",
    )
    return redirect(workspace.url("bids.receipt"))


@workspace_route(bp, "/receipt", bids_only=True)
@role_required("officer", "auditor", "contractor")
def receipt(tender_id: int):
    """The submission receipt: what was submitted when, and the hash to check it by."""
    workspace = workspaces.load(tender_id=tender_id)
    if workspace.record.status != "submitted":
        flash(_("This bid is not submitted: there is no receipt."), "info")
        return redirect(workspace.url("intake.show"))
    return render_template(
        "workspace/receipt.html", ws=workspace, lines=receipt_lines(workspace.record)
    )


@workspace_route(bp, "/evidence", bids_only=True, methods=["POST"])
@role_required("officer", "auditor", "contractor")
@limiter.limit("30 per minute")
def evidence(tender_id: int):
    workspace = workspaces.load(tender_id=tender_id, change=True)
    form = EvidenceForm()
    form.target.choices = evidence_targets(workspace.data)
    if form.validate_on_submit():
        data = read_and_close(form.evidence.data)
        problem = problem_with(data)
        if len(workspace.record.evidence) >= MAX_EVIDENCE_FILES:
            problem = _("A bid has at most %(n)s files; remove one first.", n=MAX_EVIDENCE_FILES)
        if problem is None:
            attach(
                workspace.record,
                form.target.data,
                form.evidence.data.filename or "",
                data,
                current_user,
            )
            # Evidence backs answers already given: attaching it keeps a submission standing.
            db.session.commit()
            flash(_("The file is attached."), "success")
            return redirect(workspace.url("intake.show") + "#evidence")
        form.evidence.errors.append(problem)
    context = page_context(workspace, evidence_form=form)
    return render_template("workspace/workspace.html", **context), 422


def _evidence_file(workspace, evidence_id: int) -> EvidenceFile:
    evidence = db.session.get(EvidenceFile, evidence_id) if 0 < evidence_id <= 2**31 - 1 else None
    if evidence is None or evidence.tender_id != workspace.record.id:
        abort(404)
    return evidence


@workspace_route(bp, "/evidence/<int:evidence_id>", bids_only=True)
@role_required("officer", "auditor", "contractor")
def evidence_download(tender_id: int, evidence_id: int):
    """The file, to its contractor, and to the buyer's officers and auditors after the deadline."""
    workspace = workspaces.load(tender_id=tender_id)
    evidence = _evidence_file(workspace, evidence_id)
    return Response(
        evidence.content,
        mimetype=evidence.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{evidence.filename}"',
            "X-Content-SHA256": evidence.sha256,
            "Cache-Control": "private, max-age=0",
        },
    )


@workspace_route(bp, "/evidence/<int:evidence_id>/remove", bids_only=True, methods=["POST"])
@role_required("officer", "auditor", "contractor")
def evidence_remove(tender_id: int, evidence_id: int):
    workspace = workspaces.load(tender_id=tender_id, change=True)
    evidence = _evidence_file(workspace, evidence_id)
    workspace.record.evidence.remove(evidence)
    db.session.commit()
    flash(_("The file was removed."), "info")
    return redirect(workspace.url("intake.show") + "#evidence")
