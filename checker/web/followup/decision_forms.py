"""Forms of the officer's side of the follow-up: handling a deviation, issuing the report."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms import RadioField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import InputRequired
from wtforms.validators import Regexp

from checker.web.evaluation.forms import REASON_LENGTH
from checker.web.evaluation.forms import ReasonField

HANDLING_CHOICES = {
    "accepted": _l("Accept the deviation"),
    "correction": _l("Send the period back: ask the contractor for a correction"),
    "sanctioned": _l("Decide the sanction the contract gives"),
    "waived": _l("Waive the sanction"),
}


class DeviationDecisionForm(FlaskForm):
    """Made with prefix "dev-<token>", so every deviation of the queue has its own form."""

    # The version of the decision the form was made from (0: none yet): another officer's
    # decision in between makes the form stale (409, with what was typed kept).
    seen = HiddenField(validators=[Regexp(r"^\d{1,9}$")], default="0")
    decision = RadioField(
        _l("Handling"),
        choices=[SelectChoice(value, label) for value, label in HANDLING_CHOICES.items()],
        validators=[InputRequired(message=_l("Choose how the deviation is handled."))],
    )
    reason = ReasonField(
        _l("Reason"),
        validators=[DataRequired(message=_l("The handling needs a reason.")), REASON_LENGTH],
        description=_l(
            "Why the deviation is accepted, what the contractor must correct, or why the "
            "sanction is decided or waived. Kept for the audit and shown in the follow-up report."
        ),
    )
    submit = SubmitField(_l("Record the handling"))

    def without_sanction(self) -> None:
        """A deviation the contract gives no sanction for: accept or send back only."""
        self.decision.choices = [
            SelectChoice(value, HANDLING_CHOICES[value]) for value in ("accepted", "correction")
        ]


class FollowupReportForm(FlaskForm):
    lang = SelectField(
        _l("Language of the report"),
        choices=[
            SelectChoice("nb", "Norsk bokmål"),
            SelectChoice("nn", "Norsk nynorsk"),
            SelectChoice("en", "English"),
        ],
        default="nb",
    )
    submit = SubmitField(_l("Issue the follow-up report (PDF)"))
