"""The contractor's forms around the machine list: start, upload, company details, price, documents, evidence."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.file import FileRequired
from wtforms import SelectField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import Length

from checker.web.concurrency import BasisForm
from checker.web.fields import LongTextField
from checker.web.fields import NumberField
from checker.web.fields import OrgNumberField
from checker.web.fields import TextField


class SelfAssessmentStartForm(FlaskForm):
    ruleset = SelectField(_l("Rule set and version"), validators=[DataRequired()])
    level = SelectField(_l("Ambition level"), validators=[DataRequired()])
    submit = SubmitField(_l("Start the self-assessment"))


class MachineListUploadForm(FlaskForm):
    machine_list = FileField(
        _l("Machine list (Excel or CSV)"),
        validators=[FileRequired(message=_l("Choose the filled-in template (.xlsx or .csv)."))],
        description=_l(
            "At most 5 MB. Each list in the file replaces the one here; rows with problems are "
            "listed so you can fix them."
        ),
    )
    submit = SubmitField(_l("Upload and check"))


class CompanyDetailsForm(BasisForm):
    name = TextField(_l("Company name"), validators=[DataRequired(), Length(max=200)])
    org_number = OrgNumberField(_l("Organisation number"), validators=[DataRequired()])
    price_nok = NumberField(_l("Tender price (NOK excl. VAT)"), low=0, high=999_999_999_999)
    submit = SubmitField(_l("Save"))


class PriceForm(BasisForm):
    price_nok = NumberField(_l("Tender price (NOK excl. VAT)"), low=0, high=999_999_999_999)
    submit = SubmitField(_l("Save"))


STANDARD_DOCUMENTS = (
    "idling_plan",
    "drying_plan",
    "environmental_plan",
    "environmental_certificate",
)


class DocumentsForm(BasisForm):
    idling_plan = LongTextField(_l("Idling plan"), validators=[Length(max=20000)])
    drying_plan = LongTextField(_l("Drying plan"), validators=[Length(max=20000)])
    environmental_plan = LongTextField(_l("Environmental plan"), validators=[Length(max=20000)])
    environmental_certificate = LongTextField(
        _l("Environmental certificate"),
        validators=[Length(max=20000)],
        description=_l("ISO 14001, Miljøfyrtårn or EMAS, with its number and expiry."),
    )
    submit = SubmitField(_l("Save"))


class EvidenceForm(FlaskForm):
    target = SelectField(_l("Evidence for"), validators=[DataRequired()])
    evidence = FileField(
        _l("File (PDF, PNG or JPEG)"),
        validators=[FileRequired(message=_l("Choose the file to attach."))],
        description=_l("At most 4 MB."),
    )
    submit = SubmitField(_l("Attach"))
