"""Forms of the contract follow-up."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.file import FileRequired
from wtforms import StringField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import Length


class PeriodReportUploadForm(FlaskForm):
    report = FileField(
        _l("Period report (JSON or YAML)"),
        validators=[FileRequired(message=_l("Choose the period report file."))],
        description=_l(
            "The climate-period-report/1 format: what ran on site in the period. Entries with the "
            "id of a tender entry inherit its details. At most 5 MB."
        ),
    )
    submit = SubmitField(_l("Submit the period report"))


class AcceptPeriodForm(FlaskForm):
    submit = SubmitField(_l("Accept the period"))


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("Name of the token"),
        validators=[
            DataRequired(message=_l("Give the token a name, e.g. the system that will use it.")),
            Length(max=100, message=_l("At most 100 characters.")),
        ],
        description=_l("Say which system will use it, so you know which one to revoke."),
    )
    submit = SubmitField(_l("Make a token"))


class RevokeApiTokenForm(FlaskForm):
    submit = SubmitField(_l("Revoke"))
