"""The audit trail's filter form and the names of what the trail records."""

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SubmitField
from wtforms.validators import Optional
from wtforms.validators import ValidationError

from checker.web.access import visible_procurements
from checker.web.audit.trail import TrailFilter
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Procurement
from checker.web.models import User

KINDS = {
    "created": _l("Created"),
    "changed": _l("Changed"),
    "deleted": _l("Deleted"),
    "login": _l("Logged in"),
    "report_issued": _l("Report issued"),
    "dossier_exported": _l("Dossier exported"),
    "ocds_exported": _l("OCDS exported"),
    "statistics_exported": _l("Statistics exported"),
}
# The chain check's findings (checker.audit_chain.REASONS) in the user's language.
CHAIN_PROBLEMS = {
    "no_seq": _l("the entry has no sequence number"),
    "edited": _l("its content does not match its hash: it has been edited"),
    "missing": _l("entries before it are missing: deleted"),
    "cut": _l("its previous hash is not the hash of the entry before: the chain was cut"),
    "order": _l("entries are out of order or repeated"),
    "unsealed": _l("it carries no valid seal: added without the key, straight into the database"),
    "checkpoint_signature": _l(
        "the checkpoint's signature is not valid, or not this organisation's"
    ),
    "checkpoint_entry": _l(
        "the entry is not the one the checkpoint signed: the trail was rewritten"
    ),
    "checkpoint_missing": _l("entries up to the checkpoint are missing: deleted"),
}
TABLES = {
    "organisation": _l("Organisation"),
    "user": _l("User"),
    "procurement": _l("Procurement"),
    "award_criterion": _l("Award criterion"),
    "tender": _l("Tender"),
    "issued_report": _l("Issued report"),
    "assessment_run": _l("Assessment run"),
    "assessment": _l("Assessment"),
    "exception_decision": _l("Exception decision"),
    "override": _l("Override"),
    "manual_score": _l("Officer's scoring"),
    "evaluation": _l("Evaluation"),
    "award_decision": _l("Award decision"),
    "notice": _l("Notice (e-mail)"),
    "statistics_publication": _l("Statistics publication"),
}


def table_names() -> list[str]:
    """Every audited table, including those added later."""
    skip = AuditEntry.__tablename__
    return sorted(table.name for table in db.metadata.sorted_tables if table.name != skip)


class TrailFilterForm(FlaskForm):
    """Filters read from the query string (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    procurement = SelectField(_l("Procurement"), validators=[Optional()])
    user = SelectField(_l("User"), validators=[Optional()])
    kind = SelectField(_l("What happened"), validators=[Optional()])
    table = SelectField(_l("Table"), validators=[Optional()])
    since = DateField(_l("From (date)"), validators=[Optional()])
    until = DateField(_l("To (date)"), validators=[Optional()])
    submit = SubmitField(_l("Filter"))

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_("The end date is before the start date."))

    def trail_filter(self) -> TrailFilter:
        return TrailFilter(
            procurement_id=int(self.procurement.data) if self.procurement.data else None,
            actor_id=int(self.user.data) if self.user.data else None,
            kind=self.kind.data or None,
            table=self.table.data or None,
            since=self.since.data,
            until=self.until.data,
        )


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice("", _("All")), *(SelectChoice(str(k), str(v)) for k, v in pairs)]


def trail_filter_form() -> TrailFilterForm:
    """The form filled from the query string, its choices limited to the user's organisation."""
    form = TrailFilterForm(formdata=request.args)
    procurements = db.session.execute(
        visible_procurements()
        .with_only_columns(Procurement.id, Procurement.reference, Procurement.title)
        .order_by(Procurement.id.desc())
    ).all()
    users = db.session.execute(
        select(User.id, User.name, User.email)
        .where(User.organisation_id == current_user.organisation_id)
        .order_by(User.name)
    ).all()
    form.procurement.choices = _choices((p.id, f"{p.reference} – {p.title}") for p in procurements)
    form.user.choices = _choices((u.id, f"{u.name} ({u.email})") for u in users)
    form.kind.choices = _choices(KINDS.items())
    form.table.choices = _choices((name, TABLES.get(name, name)) for name in table_names())
    return form
