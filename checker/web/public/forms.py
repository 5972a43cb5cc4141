"""The public check of a report."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.file import FileRequired
from wtforms import SubmitField


class VerifyReportForm(FlaskForm):
    report = FileField(
        _l("Report (PDF)"),
        validators=[FileRequired(message=_l("Choose the PDF file to check."))],
        description=_l("At most 5 MB. The file is checked and not kept."),
    )
    submit = SubmitField(_l("Check the report"))


class VerifyDossierForm(FlaskForm):
    dossier = FileField(
        _l("Dossier (ZIP)"),
        validators=[FileRequired(message=_l("Choose the dossier's ZIP file to check."))],
        description=_l("At most 200 MB. The file is checked and not kept."),
    )
    submit = SubmitField(_l("Check the dossier"))
