"""Forms of the officer's review and award: overrides, exception decisions, scores, the award."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms import HiddenField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import ValidationError

from checker import clock
from checker.assessment.status import SETTABLE
from checker.web.concurrency import BasisForm
from checker.web.fields import LongTextField
from checker.web.fields import NumberField
from checker.web.i18n import lazy_status_name

REASON_LENGTH = Length(min=10, max=20000, message=_l("Write at least 10 characters."))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ReasonField(LongTextField):
    """Free text for the record, trimmed before it is checked: ten spaces are not a reason."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("filters", []).append(_strip)
        super().__init__(*args, **kwargs)


class OverrideForm(BasisForm):
    rule = HiddenField(validators=[DataRequired(), Length(max=100)])
    item = HiddenField(validators=[Optional(), Length(max=100)])
    status = SelectField(
        _l("New state"),
        choices=[
            # No state is chosen for the officer: an override is a judgement, not a default.
            SelectChoice("", _l("Choose the state …")),
            *(SelectChoice(state, lazy_status_name(state)) for state in SETTABLE),
            SelectChoice("automatic", _l("Back to the automatic result")),
        ],
        validators=[DataRequired(message=_l("Choose the state to set."))],
    )
    reason = ReasonField(
        _l("Reason"),
        validators=[DataRequired(message=_l("An override needs a reason.")), REASON_LENGTH],
        description=_l(
            "What you read in the evidence and why the state is right. Kept for the audit."
        ),
    )
    submit = SubmitField(_l("Set the state"))


class ExceptionDecisionForm(BasisForm):
    """Made with prefix "decision-<request id>", so several requests fit on one page."""

    decision = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("approved", _l("Approve the exception (the item is waived)")),
            SelectChoice("rejected", _l("Reject the exception (the item fails)")),
        ],
        validators=[InputRequired(message=_l("Choose approve or reject."))],
    )
    legal_basis = ReasonField(
        _l("Legal basis"),
        validators=[Length(max=2000)],
        description=_l("Needed to approve, e.g. the contract clause or FOA § 7-9 (4)."),
    )
    expires = DateField(
        _l("Valid until"),
        validators=[Optional()],
        description=_l("Optional: the date the exception ends (YYYY-MM-DD)."),
    )
    waived_percent = NumberField(
        _l("Share of the item's energy waived (%)"),
        validators=[Optional()],
        low=1,
        high=100,
        decimals=1,
        description=_l(
            "Optional, for a partial approval: e.g. in proportion to the power the grid owner "
            "cannot deliver. Empty: all of it."
        ),
    )
    reason = ReasonField(
        _l("Reason"),
        validators=[DataRequired(message=_l("A decision needs a reason.")), REASON_LENGTH],
    )
    submit = SubmitField(_l("Record the decision"))

    def waived_share(self) -> Decimal | None:
        """The waived share as the engine takes it (0 to 1), or None for all of it."""
        percent = self.waived_percent.data
        return None if percent is None else Decimal(percent) / 100

    def validate_expires(self, field):
        if field.data and field.data < clock.today_in_norway():
            raise ValidationError(_l("The date has passed; give today's date or a later one."))

    def validate_legal_basis(self, field):
        if self.decision.data == "approved" and not (field.data or "").strip():
            raise ValidationError(_l("An approval needs its legal basis."))


class ScoreForm(BasisForm):
    """Points on one manually scored criterion."""

    points = NumberField(
        _l("Points (0 to 10)"),
        validators=[InputRequired(message=_l("Enter points from 0 to 10."))],
        low=0,
        high=10,
        decimals=2,
    )
    reason = ReasonField(
        _l("Reason"),
        validators=[DataRequired(message=_l("Give the reason for the points.")), REASON_LENGTH],
    )
    submit = SubmitField(_l("Save the points"))


class ReopenForm(BasisForm):
    reason = ReasonField(
        _l("Why the evaluation is reopened"),
        validators=[DataRequired(message=_l("Reopening needs a reason.")), REASON_LENGTH],
    )
    submit = SubmitField(_l("Reopen the evaluation"))


class AwardForm(BasisForm):
    tender = SelectField(_l("Tender to award"), validators=[DataRequired()])
    justification = ReasonField(
        _l("Justification"),
        validators=[
            DataRequired(message=_l("The award decision needs a justification.")),
            REASON_LENGTH,
        ],
        description=_l("Why this tender wins; explain any choice other than the first place."),
    )
    submit = SubmitField(_l("Award the contract"))


class ConcludeForm(BasisForm):
    submit = SubmitField(_l("Conclude the evaluation"))


class RunForm(FlaskForm):
    submit = SubmitField(_l("Assess all tenders"))
