"""Form classes. Every field has a label; validators say what was expected in the user's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import DateField
from wtforms import DateTimeLocalField
from wtforms import DecimalField
from wtforms import EmailField
from wtforms import FieldList
from wtforms import Form
from wtforms import FormField
from wtforms import PasswordField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import StringField
from wtforms import SubmitField
from wtforms import TextAreaField
from wtforms.validators import DataRequired
from wtforms.validators import Email
from wtforms.validators import EqualTo
from wtforms.validators import Length
from wtforms.validators import NumberRange
from wtforms.validators import Optional
from wtforms.validators import Regexp
from wtforms.validators import ValidationError

from checker.tender import org_number_is_valid
from checker.web.models import ROLES

CPV_PATTERN = r"^[0-9]{8}(-[0-9])?$"
MIN_PASSWORD = 12


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD, max=200, message=_l("At least 12 characters.")),
        ],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))


class ProcurementForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    reference = StringField(_l("Case reference"), validators=[DataRequired(), Length(max=100)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)])
    cpv = StringField(
        _l("CPV code"),
        validators=[
            Optional(),
            Regexp(
                CPV_PATTERN,
                message=_l("Eight digits and an optional check digit, e.g. 45214200-2."),
            ),
        ],
        description=_l("Common Procurement Vocabulary, e.g. 45214200-2 (school buildings)."),
    )
    estimated_value_nok = DecimalField(
        _l("Estimated value (NOK excl. VAT)"),
        places=2,
        validators=[Optional(), NumberRange(min=0, message=_l("Zero or more."))],
    )
    tender_deadline = DateTimeLocalField(
        _l("Tender deadline"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_l("Norwegian time (Europe/Oslo)."),
    )
    contract_start = DateField(_l("Contract start"), validators=[Optional()])
    contract_end = DateField(_l("Contract end"), validators=[Optional()])
    submit = SubmitField(_l("Save"))

    def validate_contract_end(self, field):
        if field.data and self.contract_start.data and field.data < self.contract_start.data:
            raise ValidationError(_l("The contract cannot end before it starts."))


class RulesetChoiceForm(FlaskForm):
    ruleset = SelectField(_l("Rule set and version"), validators=[DataRequired()])
    level = SelectField(_l("Ambition level"), validators=[DataRequired()])
    submit = SubmitField(_l("Choose"))


class CriterionForm(Form):
    name = StringField(_l("Criterion"), validators=[Optional(), Length(max=200)])
    weight_percent = DecimalField(
        _l("Weight (%)"),
        places=2,
        validators=[Optional(), NumberRange(min=0, max=100, message=_l("From 0 to 100."))],
    )
    is_climate_environment = BooleanField(_l("Climate and environment"))

    def validate_name(self, field):
        if self.weight_percent.data is not None and not (field.data or "").strip():
            raise ValidationError(_l("Name the criterion, or leave its weight empty."))


class AwardModelForm(FlaskForm):
    criteria = FieldList(FormField(CriterionForm), min_entries=3, max_entries=12)
    climate_exception_ground = SelectField(
        _l("Exception from the 30 % rule"),
        choices=[
            SelectChoice("", _l("None")),
            SelectChoice(
                "specification_instead",
                _l("Climate requirements in the specification instead (§ 7-9 (4))"),
            ),
            SelectChoice(
                "insignificant_footprint", _l("Insignificant climate footprint (§ 7-9 (5))")
            ),
        ],
        validators=[Optional()],
    )
    climate_exception_justification = TextAreaField(
        _l("Justification for the exception"), validators=[Length(max=20000)]
    )
    add_row = SubmitField(_l("Add a criterion"))
    submit = SubmitField(_l("Save award model"))

    def filled_criteria(self) -> list[dict]:
        return [entry.data for entry in self.criteria if (entry.data["name"] or "").strip()]

    def validate_climate_exception_justification(self, field):
        if self.climate_exception_ground.data and not (field.data or "").strip():
            raise ValidationError(
                _l("An exception must be justified in the procurement documents.")
            )


class UserCreateForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(role, role) for role in ROLES],
        validators=[DataRequired()],
    )
    organisation_name = StringField(
        _l("Organisation"), validators=[DataRequired(), Length(max=200)]
    )
    org_number = StringField(
        _l("Organisation number"),
        validators=[DataRequired(), Regexp(r"^[0-9]{9}$", message=_l("Nine digits."))],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD, message=_l("At least 12 characters.")),
        ],
    )
    submit = SubmitField(_l("Create user"))

    def validate_org_number(self, field):
        if field.data and not org_number_is_valid(field.data):
            raise ValidationError(_l("The check digit is wrong (modulus 11)."))
