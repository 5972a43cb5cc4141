"""Procurement set-up for officers (read-only for auditors): details, rule set, tailoring, award model."""

from datetime import UTC

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.attributes import flag_modified
from wtforms import SelectChoice

from checker import clock
from checker.assessment.engine import TailoringError
from checker.clock import OSLO
from checker.formats.texts import pick
from checker.web.access import BUYER_READERS
from checker.web.access import procurement_for_change
from checker.web.access import procurement_for_reading
from checker.web.access import role_required
from checker.web.access import visible_procurements
from checker.web.concurrency import Conflict
from checker.web.concurrency import conflict_message
from checker.web.extensions import db
from checker.web.i18n import select_locale
from checker.web.models import AwardCriterion
from checker.web.models import Procurement
from checker.web.pagecache import kept_page
from checker.web.procurements import workflow
from checker.web.procurements.forms import AwardModelForm
from checker.web.procurements.forms import ProcurementForm
from checker.web.procurements.forms import RulesetChoiceForm
from checker.web.procurements.search import search_form
from checker.web.procurements.tailoring_form import build_form
from checker.web.procurements.tailoring_form import mark_missing_reasons
from checker.web.procurements.tailoring_form import tailoring_from
from checker.web.search import kept_args
from checker.web.search import paginate

bp = Blueprint("procurements", __name__, url_prefix="/procurements")


def _form_status(form) -> int:
    return 422 if form.errors else 200


@bp.route("/")
@role_required(*BUYER_READERS)
@kept_page
def index():
    form = search_form()
    valid = form.checked()
    query = visible_procurements().order_by(
        Procurement.tender_deadline.desc().nulls_last(), Procurement.id.desc()
    )
    page = paginate(form.narrow(query) if valid else query)
    return render_template(
        "procurements/index.html", page=page, form=form, args=kept_args()
    ), 200 if valid else 422


def _form_page(template: str, form, procurement, conflict=None, **context):
    status = 409 if conflict else _form_status(form)
    return render_template(
        template, form=form, procurement=procurement, conflict=conflict, **context
    ), status


DETAILS = (
    "title",
    "reference",
    "description",
    "cpv",
    "estimated_value_nok",
    "tender_deadline",
    "contract_start",
    "contract_end",
    "language_form",
)


def _details(procurement: Procurement) -> dict:
    """What the details form edits, as it is stored (the form's basis)."""
    return {name: str(getattr(procurement, name)) for name in DETAILS}


def _fill(procurement: Procurement, form: ProcurementForm) -> None:
    for name in (
        "title",
        "reference",
        "description",
        "estimated_value_nok",
        "contract_start",
        "contract_end",
        "language_form",
    ):
        setattr(procurement, name, getattr(form, name).data)
    procurement.cpv = form.cpv.data or None
    procurement.project_number = form.project_number.data or None
    procurement.kostra_function = form.kostra_function.data or None
    deadline = form.tender_deadline.data
    procurement.tender_deadline = (
        deadline.replace(tzinfo=OSLO).astimezone(UTC) if deadline else None
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required("officer")
def create():
    form = ProcurementForm()
    if form.validate_on_submit():
        procurement = Procurement(
            organisation_id=current_user.organisation_id,
            created_by_id=current_user.id,
            tailoring={},
        )
        _fill(procurement, form)
        db.session.add(procurement)
        db.session.commit()
        flash(_("Procurement created. Next: choose a rule set."), "success")
        return redirect(url_for("procurements.choose_ruleset", procurement_id=procurement.id))
    return render_template("procurements/form.html", form=form, procurement=None), _form_status(
        form
    )


@bp.route("/<int:procurement_id>")
@role_required(*BUYER_READERS)
def show(procurement_id: int):
    procurement = procurement_for_reading(procurement_id)
    ruleset = workflow.chosen_ruleset(procurement)
    problems = (
        workflow.publish_problems(procurement, clock.now()) if procurement.state == "draft" else []
    )
    return render_template(
        "procurements/show.html",
        procurement=procurement,
        ruleset=ruleset,
        foa=workflow.foa_check(procurement),
        problems=problems,
        changed=workflow.ruleset_changed_since(procurement, ruleset),
    )


@bp.route("/<int:procurement_id>/edit", methods=["GET", "POST"])
@role_required("officer")
def edit(procurement_id: int):
    procurement = procurement_for_change(procurement_id)
    form = ProcurementForm(obj=procurement)
    if request.method == "GET":
        form.set_basis(_details(procurement))
        if procurement.tender_deadline:
            form.tender_deadline.data = procurement.tender_deadline.astimezone(OSLO).replace(
                tzinfo=None
            )
    if form.validate_on_submit():
        try:
            form.check_basis(_details(procurement))
        except Conflict as conflict:
            return _form_page("procurements/form.html", form, procurement, conflict)
        _fill(procurement, form)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("procurements.show", procurement_id=procurement.id))
    return render_template(
        "procurements/form.html", form=form, procurement=procurement
    ), _form_status(form)


@bp.route("/<int:procurement_id>/ruleset", methods=["GET", "POST"])
@role_required("officer")
def choose_ruleset(procurement_id: int):
    procurement = procurement_for_change(procurement_id)
    form = RulesetChoiceForm()
    rulesets = [
        workflow.library().get(rid, v)
        for rid in workflow.library().ids()
        for v in workflow.library().versions(rid)
    ]
    applicable = [r for r in rulesets if any(rule.applies_to != "procurement" for rule in r.rules)]
    form.ruleset.choices = [
        SelectChoice(
            f"{r.id}@{r.version}",
            f"{pick(r.title, select_locale())} ({_('version %(version)s', version=r.version)})",
        )
        for r in applicable
    ]
    form.level.choices = [
        SelectChoice(level, _level_name(level)) for level in ("basis", "advanced", "spearhead")
    ]
    chosen = [procurement.ruleset_id, procurement.ruleset_version, procurement.level]
    if request.method == "GET":
        form.set_basis(chosen)
        if procurement.ruleset_id:
            form.ruleset.data = f"{procurement.ruleset_id}@{procurement.ruleset_version}"
            form.level.data = procurement.level
    conflict = None
    if form.validate_on_submit():
        try:
            form.check_basis(chosen)
        except Conflict as err:
            conflict = err
    if conflict is None and form.validate_on_submit():
        ruleset_id, version = form.ruleset.data.split("@", 1)
        ruleset = workflow.library().get(ruleset_id, version)
        if form.level.data not in ruleset.levels:
            form.level.errors.append(
                _(
                    "This rule set has the levels: %(levels)s.",
                    levels=", ".join(_level_name(level) for level in ruleset.levels),
                )
            )
        else:
            note = workflow.choose_ruleset(procurement, ruleset, form.level.data)
            db.session.commit()
            flash(_("Rule set chosen. You can tailor it to this procurement."), "success")
            if note:
                flash(note, "info")
            return redirect(url_for("procurements.tailor", procurement_id=procurement.id))
    return _form_page("procurements/ruleset.html", form, procurement, conflict, rulesets=applicable)


@bp.route("/<int:procurement_id>/tailoring", methods=["GET", "POST"])
@role_required("officer")
def tailor(procurement_id: int):
    procurement = procurement_for_change(procurement_id)
    ruleset = workflow.chosen_ruleset(procurement)
    if ruleset is None:
        flash(_("Choose a rule set first."), "info")
        return redirect(url_for("procurements.choose_ruleset", procurement_id=procurement.id))
    form, layout = build_form(ruleset, procurement.level, procurement.tailoring or {})
    conflict = None
    if not form.is_submitted():
        form.set_basis(procurement.tailoring or {})
    else:
        valid = form.validate()
        reasons_given = mark_missing_reasons(form, layout)
        if valid and reasons_given:
            try:
                form.check_basis(procurement.tailoring or {})
                workflow.save_tailoring(procurement, tailoring_from(form, layout))
            except Conflict as err:
                conflict = err
            except TailoringError as err:
                lang = select_locale()
                form.submit.errors = [f"{p.path}: {p.text(lang)}" for p in err.problems]
            else:
                db.session.commit()
                flash(_("Tailoring saved."), "success")
                return redirect(url_for("procurements.show", procurement_id=procurement.id))
    return _form_page(
        "procurements/tailoring.html", form, procurement, conflict, layout=layout, ruleset=ruleset
    )


@bp.route("/<int:procurement_id>/award", methods=["GET", "POST"])
@role_required("officer")
def award(procurement_id: int):
    procurement = procurement_for_change(procurement_id)
    form = AwardModelForm(obj=None if request.method == "POST" else _AwardData(procurement))
    conflict = None
    if request.method == "GET":
        form.set_basis(_award_basis(procurement))
    if form.add_row.data:
        if form.can_add_row():
            form.criteria.append_entry()
        else:
            flash(_("The award model has room for at most 12 criteria."), "error")
    elif form.validate_on_submit():
        try:
            form.check_basis(_award_basis(procurement))
        except Conflict as err:
            conflict = err
    if conflict is None and not form.add_row.data and form.validate_on_submit():
        _save_award(procurement, form)
        # Only the criteria rows may change: the procurement's version is raised all the same,
        # so a stale copy of the procurement cannot be written over the new model.
        flag_modified(procurement, "climate_exception_ground")
        db.session.commit()
        flash(_("Award model saved."), "success")
        return redirect(url_for("procurements.award", procurement_id=procurement.id))
    foa = (
        _foa_preview(procurement, form)
        if request.method == "POST"
        else workflow.foa_check(procurement)
    )
    return _form_page("procurements/award.html", form, procurement, conflict, foa=foa)


@bp.route("/<int:procurement_id>/award/check", methods=["POST"])
@role_required("officer")
def award_check(procurement_id: int):
    """The § 7-9 check of the award form as typed, as an HTML fragment (the page's script asks)."""
    procurement = procurement_for_change(procurement_id, lock_row=False)
    form = AwardModelForm()
    form.validate()
    return render_template("procurements/_foa.html", foa=_foa_preview(procurement, form))


def _foa_preview(procurement: Procurement, form: AwardModelForm) -> dict:
    """FOA § 7-9 on what the officer has typed, saved or not, so the check answers at once."""
    rows = [row for row in form.filled_criteria() if row["weight_percent"] is not None]
    exception = (
        form.climate_exception_ground.data or None,
        form.climate_exception_justification.data,
    )
    return workflow.foa_check(procurement, rows, exception)


class _AwardData:
    """Initial form data from the stored award model (at least three rows to fill)."""

    def __init__(self, procurement: Procurement):
        rows = [
            {
                "name": c.name,
                "weight_percent": c.weight_percent,
                "is_climate_environment": c.is_climate_environment,
                "scoring": c.scoring,
            }
            for c in procurement.criteria
        ]
        self.criteria = rows + [{}] * max(0, 3 - len(rows))
        self.climate_exception_ground = procurement.climate_exception_ground or ""
        self.climate_exception_justification = procurement.climate_exception_justification


def _award_basis(procurement: Procurement) -> dict:
    data = _AwardData(procurement)
    return {
        "criteria": [row for row in data.criteria if row],
        "ground": data.climate_exception_ground,
        "justification": data.climate_exception_justification,
    }


def _save_award(procurement: Procurement, form: AwardModelForm) -> None:
    procurement.criteria = [
        AwardCriterion(
            position=i,
            name=row["name"].strip(),
            weight_percent=row["weight_percent"] or 0,
            is_climate_environment=row["is_climate_environment"],
            scoring=row["scoring"],
        )
        for i, row in enumerate(form.filled_criteria())
    ]
    procurement.climate_exception_ground = form.climate_exception_ground.data or None
    procurement.climate_exception_justification = form.climate_exception_justification.data or ""


@bp.route("/<int:procurement_id>/publish", methods=["GET"])
@role_required("officer")
def confirm_publish(procurement_id: int):
    """Before publishing: what it fixes for good, and one button to go ahead."""
    procurement = procurement_for_change(procurement_id)
    problems = workflow.publish_problems(procurement, clock.now())
    if problems:
        for problem in problems:
            flash(problem, "error")
        return redirect(url_for("procurements.show", procurement_id=procurement.id))
    return render_template(
        "procurements/publish.html",
        procurement=procurement,
        ruleset=workflow.chosen_ruleset(procurement),
    )


@bp.route("/<int:procurement_id>/publish", methods=["POST"])
@role_required("officer")
def publish(procurement_id: int):
    procurement = procurement_for_change(procurement_id)
    seen = request.form.get("basis")
    if seen and seen != str(procurement.version):
        flash(conflict_message(), "error")
        return redirect(url_for("procurements.show", procurement_id=procurement.id))
    now = clock.now()
    problems = workflow.publish_problems(procurement, now)
    if problems:
        for problem in problems:
            flash(problem, "error")
        return redirect(url_for("procurements.show", procurement_id=procurement.id))
    workflow.publish(procurement, now)
    db.session.commit()
    flash(_("Published. Contractors can now use the public link."), "success")
    return redirect(url_for("procurements.show", procurement_id=procurement.id))


def _level_name(level: str) -> str:
    names = {"basis": _("Basis"), "advanced": _("Advanced"), "spearhead": _("Spearhead")}
    return names.get(level, level)
