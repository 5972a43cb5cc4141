"""The public page of a published procurement: what contractors need, no account required."""

from flask import Blueprint
from flask import render_template
from flask_babel import gettext as _
from sqlalchemy import select

from checker.assessment.engine import select_rules
from checker.reports.verify import verify_pdf
from checker.web.access import public_procurement
from checker.web.extensions import db
from checker.web.extensions import limiter
from checker.web.models import IssuedReport
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import ruleset_changed_since
from checker.web.public.forms import VerifyReportForm

bp = Blueprint("public", __name__, url_prefix="/p")


@bp.route("/verify", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def verify():
    """Anyone may check whether a PDF is an unaltered report issued by this system."""
    form = VerifyReportForm()
    result = None
    if form.validate_on_submit():
        data = form.report.data.read()
        if not data.startswith(b"%PDF-"):
            form.report.errors.append(_("This is not a PDF file."))
        else:
            result = verify_pdf(data).summary()
            registered = db.session.scalar(
                select(IssuedReport).where(IssuedReport.pdf_sha256 == result["pdf_sha256"]).limit(1)
            )
            result["registered_at"] = registered.issued_at if registered else None
    status = 422 if form.errors else 200
    return render_template("public/verify.html", form=form, result=result), status


@bp.route("/<token>")
def show(token: str):
    procurement = public_procurement(token)
    ruleset = chosen_ruleset(procurement)
    tailoring = procurement.tailoring or {}
    rules = [
        rule
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
