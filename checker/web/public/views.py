"""The public pages: a published procurement's page for contractors, and the check pages where
anyone can see whether a report or a dossier is one this organisation issued."""

from cryptography.hazmat.primitives import serialization
from flask import Blueprint
from flask import Response
from flask import current_app
from flask import render_template
from flask import request
from flask_babel import gettext as _

from checker.assessment.engine import select_rules
from checker.exports.dossier import NotADossier
from checker.exports.dossier import verify_dossier
from checker.rulesets.wording import tailored_rule
from checker.web import signing
from checker.web.access import public_procurement
from checker.web.extensions import limiter
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import ruleset_changed_since
from checker.web.public.checking import REPORT_HEADLINES
from checker.web.public.checking import certificate_facts
from checker.web.public.checking import report_reasons
from checker.web.public.forms import VerifyDossierForm
from checker.web.public.forms import VerifyReportForm
from checker.web.reports.register import check_report

bp = Blueprint("public", __name__, url_prefix="/p")


@bp.route("/verify", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def verify():
    """Anyone may check whether a PDF is a report this organisation issued, unaltered."""
    form = VerifyReportForm()
    result = None
    if form.validate_on_submit():
        data = form.report.data.read()
        if not data.startswith(b"%PDF-"):
            form.report.errors.append(_("This is not a PDF file."))
        else:
            checked = check_report(data)
            result = checked.summary() | {
                "headline": REPORT_HEADLINES[checked.state],
                "why": report_reasons(checked),
                "registered": checked.registered_at,
            }
    status = 422 if form.errors else 200
    return render_template(
        "public/verify.html", form=form, result=result, certificate=certificate_facts()
    ), status


@bp.route("/verify/dossier", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def verify_dossier_page():
    """Anyone may check a dossier: its signature, its files and its audit trail, both ways.
    Reports in it are checked by their signatures; they are not rendered again here (that is
    `checker dossier verify`'s job), to keep a public page from rendering on demand."""
    request.max_content_length = current_app.config["DOSSIER_UPLOAD_LIMIT"]
    form = VerifyDossierForm()
    result = None
    if form.validate_on_submit():
        try:
            checked = verify_dossier(
                form.dossier.data.read(), signing.current().trusted(), reproduce=False
            )
        except NotADossier as err:
            form.dossier.errors.append(_("This is not a dossier: %(why)s", why=str(err)))
        else:
            result = {
                "intact": checked.is_intact,
                "problems": checked.problems,
                "notes": checked.notes,
                "procurement": checked.manifest.get("procurement") or {},
                "created_at": checked.manifest.get("created_at"),
                "files": checked.files_checked,
                "reports": checked.reports_checked,
                "entries": checked.audit_entries,
                "head": checked.manifest.get("audit_head") or {},
            }
    status = 422 if form.errors else 200
    return render_template(
        "public/verify_dossier.html", form=form, result=result, certificate=certificate_facts()
    ), status


@bp.route("/verify/certificates.pem")
def certificates():
    """Every certificate this organisation signs (and has signed) with, for offline checks."""
    pem = b"".join(
        certificate.public_bytes(serialization.Encoding.PEM)
        for certificate in signing.current().trusted().values()
    )
    return Response(
        pem,
        mimetype="application/x-pem-file",
        headers={"Content-Disposition": 'attachment; filename="certificates.pem"'},
    )


@bp.route("/<token>")
def show(token: str):
    procurement = public_procurement(token)
    ruleset = chosen_ruleset(procurement)
    tailoring = procurement.tailoring or {}
    rules = [
        tailored_rule(rule, tailoring)  # its texts read with the procurement's values
        for rule in select_rules(ruleset, procurement.level, tailoring.get("deselected") or {})
        if rule.id not in (tailoring.get("deselected") or {})
    ]
    return render_template(
        "public/show.html",
        procurement=procurement,
        ruleset=ruleset,
        rules=rules,
        tailored=tailoring.get("parameters") or {},
        changed=ruleset_changed_since(procurement, ruleset),
    )
