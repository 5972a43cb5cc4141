"""The contractor's self-assessment: start one, upload or download the machine list, see at once
what fails and how to comply, give company details and documents, download the self-declaration.

The same pages serve an anonymous draft (/self/<token>) and a bid (/bids/<id>).
"""

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
from wtforms import SelectChoice

from checker.formats.texts import LANGUAGES
from checker.formats.texts import pick
from checker.formats.vocabulary import LEVELS
from checker.intake.columns import SHEETS_BY_KEY
from checker.intake.limits import IntakeError
from checker.intake.read import read_upload
from checker.intake.template import build_csv
from checker.intake.template import build_xlsx
from checker.reports.wording import REPORT_LANGUAGES
from checker.web import limits
from checker.web.access import public_procurement
from checker.web.concurrency import Conflict
from checker.web.extensions import db
from checker.web.extensions import limiter
from checker.web.i18n import display_name
from checker.web.i18n import entry_list_name
from checker.web.i18n import select_locale
from checker.web.models import SelfAssessmentDraft
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import library
from checker.web.procurements.workflow import procurement_block
from checker.web.reports.issuing import request_self_declaration
from checker.web.reports.own import remember
from checker.web.workspace import lists as workspaces
from checker.web.workspace.bids import set_price
from checker.web.workspace.entry_forms import ENTRY_KINDS
from checker.web.workspace.entry_forms import SUMMARY_COLUMNS
from checker.web.workspace.evidence import evidence_targets
from checker.web.workspace.evidence import read_and_close
from checker.web.workspace.forms import STANDARD_DOCUMENTS
from checker.web.workspace.forms import CompanyDetailsForm
from checker.web.workspace.forms import DocumentsForm
from checker.web.workspace.forms import EvidenceForm
from checker.web.workspace.forms import MachineListUploadForm
from checker.web.workspace.forms import PriceForm
from checker.web.workspace.forms import SelfAssessmentStartForm
from checker.web.workspace.freeze import is_frozen
from checker.web.workspace.freeze import snapshot_sha256

bp = Blueprint("intake", __name__)
FLASHED_PROBLEMS = 5
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",  # Flask adds "; charset=utf-8" to text types itself
}


def workspace_route(blueprint: Blueprint, rule: str, bids_only: bool = False, **options):
    """One view under both /self/<token> (drafts) and /bids/<id> (bids), with one endpoint."""

    def decorate(view):
        if not bids_only:
            blueprint.add_url_rule("/self/<token>" + rule, view_func=view, **options)
        blueprint.add_url_rule("/bids/<int:tender_id>" + rule, view_func=view, **options)
        return view

    return decorate


def _ruleset_choices() -> list[SelectChoice]:
    lang = select_locale()
    return [
        SelectChoice(f"{r.id}@{r.version}", f"{pick(r.title, lang)}, {_('version')} {r.version}")
        for rid in library().ids()
        for r in (library().get(rid, v) for v in library().versions(rid))
        if any(rule.applies_to != "procurement" for rule in r.rules)
    ]


@bp.route("/self-assessment", methods=["GET", "POST"])
def start():
    """Choose any rule set and level from the library and start checking a machine list."""
    form = SelfAssessmentStartForm()
    form.ruleset.choices = _ruleset_choices()
    form.level.choices = [SelectChoice(level, display_name("level", level)) for level in LEVELS]
    if request.method == "GET" and request.args.get("ruleset"):
        form.ruleset.data = request.args["ruleset"]  # from a rule set's page
    if form.validate_on_submit():
        ruleset_id, version = form.ruleset.data.split("@", 1)
        ruleset = library().get(ruleset_id, version)
        if form.level.data not in ruleset.levels:
            form.level.errors.append(
                _(
                    "This rule set has the levels: %(levels)s.",
                    levels=", ".join(display_name("level", level) for level in ruleset.levels),
                )
            )
        else:
            _count_draft()
            draft = SelfAssessmentDraft(
                ruleset_id=ruleset.id,
                ruleset_version=ruleset.version,
                level=form.level.data,
                data=workspaces.skeleton(ruleset, None),
            )
            return _created(draft)
    status = 422 if form.errors else 200
    return render_template("workspace/start.html", form=form), status


def _count_draft() -> None:
    limits.limit_address(
        "draft",
        "DRAFTS_PER_ADDRESS",
        _(
            "Many self-assessments have been started from your address in the last hour. "
            "Continue with one of them through its private link."
        ),
    )


def _created(draft: SelfAssessmentDraft):
    db.session.add(draft)
    db.session.commit()
    flash(_("Your self-assessment is saved under a private link: bookmark this page."), "info")
    return redirect(workspaces.draft_workspace(draft.private_token).url("intake.show"))


@bp.route("/p/<token>/self-assessment", methods=["POST"])
def start_for_procurement(token: str):
    """A self-assessment against a published procurement's rule set, level and tailoring."""
    procurement = public_procurement(token)
    _count_draft()
    ruleset = chosen_ruleset(procurement)
    draft = SelfAssessmentDraft(
        procurement=procurement,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        level=procurement.level,
        data=workspaces.skeleton(ruleset, procurement_block(procurement)),
    )
    return _created(draft)


@bp.route("/rules/<ruleset_id>/<version>/template.<fmt>")
def ruleset_template(ruleset_id: str, version: str, fmt: str):
    """The empty machine-list template of a rule set version (anyone may download it)."""
    if ruleset_id not in library().ids() or version not in library().versions(ruleset_id):
        abort(404)
    ruleset = library().get(ruleset_id, version)
    return _list_file(ruleset, None, fmt, f"{ruleset.id}-{ruleset.version}-template")


def _list_file(ruleset, lists: dict | None, fmt: str, stem: str, workspace=None) -> Response:
    lang = request.args.get("lang") or select_locale()
    sheet = request.args.get("sheet", "machines")
    if fmt not in FORMATS or lang not in LANGUAGES or sheet not in SHEETS_BY_KEY:
        abort(404)
    if fmt == "xlsx":
        # A procurement's list: its instruction sheet reads the rules as the procurement does.
        level, tailoring = (workspace.level, workspace.tailoring) if workspace else (None, None)
        body = build_xlsx(ruleset, lang, lists, level, tailoring)
        name = f"{stem}-{lang}.xlsx"
    else:
        body = build_csv(sheet, lang, lists).encode("utf-8")
        name = f"{stem}-{sheet}-{lang}.csv"
    return Response(
        body,
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@workspace_route(bp, "")
def show(token: str | None = None, tender_id: int | None = None):
    workspace = workspaces.load(token, tender_id)
    return render_template("workspace/workspace.html", **page_context(workspace))


def page_context(workspace, upload_form=None, evidence_form=None) -> dict:
    result = workspaces.evaluate(workspace)
    if evidence_form is None and workspace.is_bid:
        evidence_form = EvidenceForm()
    if evidence_form is not None:
        evidence_form.target.choices = evidence_targets(workspace.data)
    return {
        "ws": workspace,
        "data": workspace.data,
        "result": result,
        "upload_form": upload_form or MachineListUploadForm(),
        "evidence_form": evidence_form,
        "kinds": ENTRY_KINDS,
        "summary_columns": {
            kind: [SHEETS_BY_KEY[kind].column(key) for key in keys]
            for kind, keys in SUMMARY_COLUMNS.items()
        },
        "item_kinds": {
            entry["id"]: kind for kind in ENTRY_KINDS for entry in workspace.data.get(kind) or []
        },
        "sheets": SHEETS_BY_KEY,
        "frozen": workspace.is_bid and is_frozen(workspace.record),
        # A frozen bid whose answers or evidence no longer hash to the recorded value was
        # changed outside the application: said on the page, never hidden.
        "intact": not workspace.is_bid
        or workspace.record.frozen_sha256 in (None, snapshot_sha256(workspace.record)),
        "private_url": None if workspace.is_bid else workspace.url("intake.show", _external=True),
    }


@workspace_route(bp, "/list.<fmt>")
def export(fmt: str, token: str | None = None, tender_id: int | None = None):
    """The machine list as it stands, in the template (to edit in Excel and upload again)."""
    workspace = workspaces.load(token, tender_id)
    return _list_file(workspace.ruleset, workspace.data, fmt, "machine-list", workspace)


@workspace_route(bp, "/upload", methods=["POST"])
@limiter.limit("30 per minute")
def upload(token: str | None = None, tender_id: int | None = None):
    workspace = workspaces.load(token, tender_id, change=True)
    form = MachineListUploadForm()
    if form.validate_on_submit():
        file = form.machine_list.data
        try:
            intake = read_upload(file.filename or "", read_and_close(file))
        except IntakeError as err:
            form.machine_list.errors.append(pick(err.message, select_locale()))
        else:
            return _apply(workspace, intake)
    context = page_context(workspace, upload_form=form)
    return render_template("workspace/workspace.html", **context), 422


def _apply(workspace, intake):
    rejected = [
        {
            "list": row.list_key,
            "sheet": row.sheet,
            "row": row.row,
            "values": row.values,
            "problems": [
                {lang: problem.detail(lang) for lang in LANGUAGES} for problem in row.problems
            ],
        }
        for row in intake.rejected
    ]
    withdrawn = workspace.save(intake.apply_to(workspace.data), rejected)
    lang = select_locale()
    replaced = ", ".join(entry_list_name(key) for key in intake.lists_given)
    flash(
        _("%(n)s row(s) read; replaced: %(lists)s.", n=intake.rows_kept, lists=replaced or "–"),
        "success",
    )
    # Flashed messages live in the session cookie (about 4 KB): a few are shown, the rest are
    # in the table of rows set aside.
    for problem in intake.problems[:FLASHED_PROBLEMS]:
        flash(problem.text(lang)[:300], "error")
    if len(intake.problems) > FLASHED_PROBLEMS:
        more = len(intake.problems) - FLASHED_PROBLEMS
        flash(_("… and %(n)s more problem(s): see the rows not read below.", n=more), "error")
    _flash_withdrawn(withdrawn)
    return redirect(workspace.url("intake.show"))


def _flash_withdrawn(withdrawn: bool) -> None:
    if withdrawn:
        flash(
            _("Your bid was changed and is a draft again: submit it again before the deadline."),
            "error",
        )


def _details_basis(workspace) -> dict:
    """What the details form shows: the price, and a draft's company details."""
    data = workspace.record.data or {}
    if workspace.is_bid:
        return {"price_nok": str(workspace.record.price_nok)}
    return {"contractor": data.get("contractor"), "price_nok": data.get("price_nok")}


@workspace_route(bp, "/details", methods=["GET", "POST"])
def details(token: str | None = None, tender_id: int | None = None):
    """Company details and price (a bid takes the company from the account)."""
    workspace = workspaces.load(token, tender_id, change=request.method == "POST")
    data = workspace.data
    form = PriceForm() if workspace.is_bid else CompanyDetailsForm()
    if request.method == "GET":
        form.set_basis(_details_basis(workspace))
        form.price_nok.data = workspace.record.price_nok if workspace.is_bid else None
        if not workspace.is_bid:
            form.name.data = data["contractor"].get("name")
            form.org_number.data = data["contractor"].get("org_number")
            form.price_nok.data = data.get("price_nok") or None
    if form.validate_on_submit():
        try:
            form.check_basis(_details_basis(workspace))
        except Conflict as conflict:
            return _form_page("workspace/details.html", workspace, form, conflict)
        if workspace.is_bid:
            withdrawn = workspace.save(set_price(workspace.record, form.price_nok.data))
        else:
            data["contractor"] = {
                "name": form.name.data.strip(),
                "org_number": form.org_number.data,
            }
            price = form.price_nok.data
            data["price_nok"] = 0 if price is None else float(price)
            withdrawn = workspace.save(data)
        _flash_withdrawn(withdrawn)
        flash(_("Saved."), "success")
        return redirect(workspace.url("intake.show"))
    return _form_page("workspace/details.html", workspace, form)


def _form_page(template: str, workspace, form, conflict: Conflict | None = None):
    status = 409 if conflict else 422 if form.errors else 200
    return render_template(template, ws=workspace, form=form, conflict=conflict), status


@workspace_route(bp, "/documents", methods=["GET", "POST"])
def documents(token: str | None = None, tender_id: int | None = None):
    workspace = workspaces.load(token, tender_id, change=request.method == "POST")
    data = workspace.data
    form = DocumentsForm()
    given = data.get("documents") or {}
    if request.method == "GET":
        form.set_basis(given)
        for name in STANDARD_DOCUMENTS:
            form[name].data = given.get(name)
    if form.validate_on_submit():
        try:
            form.check_basis(given)
        except Conflict as conflict:
            return _form_page("workspace/documents.html", workspace, form, conflict)
        kept = {name: text for name, text in given.items() if name not in STANDARD_DOCUMENTS}
        for name in STANDARD_DOCUMENTS:
            if (form[name].data or "").strip():
                kept[name] = form[name].data.strip()
        data["documents"] = kept
        _flash_withdrawn(workspace.save(data))
        flash(_("Saved."), "success")
        return redirect(workspace.url("intake.show"))
    return _form_page("workspace/documents.html", workspace, form)


@workspace_route(bp, "/self-declaration.pdf")
@limiter.limit("20 per minute")
def self_declaration(token: str | None = None, tender_id: int | None = None):
    """The contractor's self-declaration: their own check, marked as not the buyer's decision."""
    workspace = workspaces.load(token, tender_id)
    result = workspaces.evaluate(workspace)
    lang = request.args.get("lang") or select_locale()
    if lang not in REPORT_LANGUAGES:
        abort(404)
    if result.problems or result.assessment is None:
        flash(
            _(
                "Complete the company details and fix the problems listed before the "
                "self-declaration can be made."
            ),
            "error",
        )
        return redirect(workspace.url("intake.show"))
    report = request_self_declaration(
        workspace.data,
        result.assessment,
        workspace.ruleset,
        lang,
        tender=workspace.record if workspace.is_bid else None,
        # A bid is part of its procurement's record; an anonymous self-check is not.
        procurement_id=workspace.procurement.id if workspace.is_bid else None,
        user=current_user if current_user.is_authenticated else None,
    )
    remember(report)
    return redirect(url_for("own_reports.show", report_id=report.id))
