"""Forms of the contract follow-up."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.file import FileRequired
from wtforms import SubmitField


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
