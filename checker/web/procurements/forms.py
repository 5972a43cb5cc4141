"""The officer's forms for a procurement: details, rule set and level, award model."""

from datetime import UTC

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms import DateField
from wtforms import DateTimeLocalField
from wtforms import FieldList
from wtforms import FormField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import Regexp
from wtforms.validators import ValidationError

from checker.clock import OSLO
from checker.formats.tender import cpv_check_digit
from checker.formats.texts import LANGUAGE_NAMES
from checker.web.concurrency import BasisForm
from checker.web.fields import LongTextField
from checker.web.fields import NumberField
from checker.web.fields import TextField
from checker.web.fields import format_number

MAX_CRITERIA = 12


CPV_PATTERN = r"^[0-9]{8}(-[0-9])?$"
KOSTRA_PATTERN = r"^[0-9]{3}$"


def project_number_field():
    return TextField(
        _l("Project number"),
        filters=[lambda value: value.strip() if value else value],
        validators=[Optional(), Length(max=40)],
        description=_l("The organisation's own project number, for the climate statistics."),
    )


def kostra_function_field():
    return TextField(
        _l("KOSTRA function"),
        filters=[lambda value: value.strip() if value else value],
        validators=[
            Optional(),
            Regexp(KOSTRA_PATTERN, message=_l("Three digits, e.g. 222 (school buildings).")),
        ],
        description=_l("The function the project is budgeted under, e.g. 222 or 332."),
    )


class ProcurementForm(BasisForm):
    title = TextField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    reference = TextField(_l("Case reference"), validators=[DataRequired(), Length(max=100)])
    description = LongTextField(_l("Description"), validators=[Optional(), Length(max=20000)])
    cpv = TextField(
        _l("CPV code"),
        filters=[lambda value: value.replace(" ", "") if value else value],
        validators=[
            Optional(),
            Regexp(
                CPV_PATTERN,
                message=_l("Eight digits and an optional check digit, e.g. 45214200-2."),
            ),
        ],
        description=_l("Common Procurement Vocabulary, e.g. 45214200-2 (school buildings)."),
    )
    estimated_value_nok = NumberField(
        _l("Estimated value (NOK excl. VAT)"), low=0, high=99_999_999_999_999, decimals=2
    )
    tender_deadline = DateTimeLocalField(
        _l("Tender deadline"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_l("Norwegian time (Europe/Oslo)."),
    )
    contract_start = DateField(_l("Contract start"), validators=[Optional()])
    contract_end = DateField(_l("Contract end"), validators=[Optional()])
    project_number = project_number_field()
    kostra_function = kostra_function_field()
    language_form = SelectField(
        _l("Language form"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
        default="nb",
        description=_l("The default language of the procurement's public pages and its reports."),
    )
    submit = SubmitField(_l("Save"))

    def validate_cpv(self, field):
        code, _dash, digit = (field.data or "").partition("-")
        if digit and len(code) == 8 and code.isdigit() and int(digit) != cpv_check_digit(code):
            raise ValidationError(
                _l(
                    "The check digit does not fit the code: %(code)s has check digit %(digit)s. "
                    "Check the code, or leave the check digit out.",
                    code=code,
                    digit=cpv_check_digit(code),
                )
            )

    def validate_contract_end(self, field):
        if field.data and self.contract_start.data and field.data < self.contract_start.data:
            raise ValidationError(_l("The contract cannot end before it starts."))

    def validate_tender_deadline(self, field):
        _plausible_year(field)
        _exists_once_in_norway(field)

    def validate_contract_start(self, field):
        _plausible_year(field)


def _exists_once_in_norway(field) -> None:
    """A time typed in the night summer time starts does not exist, and one in the night it ends
    exists twice: either would be moved silently, so it is refused."""
    if not field.data:
        return
    early, late = (field.data.replace(tzinfo=OSLO, fold=fold) for fold in (0, 1))
    if early.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None) != field.data:
        raise ValidationError(
            _l(
                "This time does not exist in Norway: that night the clocks jump from 02:00 to "
                "03:00 (summer time begins). Choose another time."
            )
        )
    if early.utcoffset() != late.utcoffset():
        raise ValidationError(
            _l(
                "This time occurs twice in Norway: that night the clocks go back from 03:00 to "
                "02:00 (summer time ends). Choose a time outside 02:00–03:00."
            )
        )


def _plausible_year(field) -> None:
    """Dates far outside a procurement's life are typing mistakes (and overflow time zones)."""
    if field.data and not 2000 <= field.data.year <= 2100:
        raise ValidationError(_l("Give a date between the years 2000 and 2100."))


class RulesetChoiceForm(BasisForm):
    ruleset = SelectField(_l("Rule set and version"), validators=[DataRequired()])
    level = SelectField(_l("Ambition level"), validators=[DataRequired()])
    submit = SubmitField(_l("Choose"))


class CriterionForm(FlaskForm):
    """One row of the award model (a sub-form: the outer form carries the CSRF token)."""

    class Meta:
        csrf = False

    name = TextField(_l("Criterion"), validators=[Length(max=200)])
    weight_percent = NumberField(_l("Weight (%)"), low=0, high=100, decimals=2)
    is_climate_environment = BooleanField(_l("Climate and environment"))
    scoring = SelectField(
        _l("Points from"),
        choices=[
            SelectChoice("manual", _l("Officer's scoring")),
            SelectChoice("price", _l("Price")),
            SelectChoice("rules", _l("The rule set's award rules")),
        ],
        default="manual",
    )

    def validate_name(self, field):
        if self.weight_percent.data is not None and not (field.data or "").strip():
            raise ValidationError(_l("Name the criterion, or leave its weight empty."))

    def validate_weight_percent(self, field):
        if (self.name.data or "").strip() and field.data is None:
            raise ValidationError(_l("Give the criterion a weight."))


class AwardModelForm(BasisForm):
    criteria = FieldList(FormField(CriterionForm), min_entries=3, max_entries=MAX_CRITERIA)
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
    climate_exception_justification = LongTextField(
        _l("Justification for the exception"), validators=[Length(max=20000)]
    )
    add_row = SubmitField(_l("Add a criterion"))
    submit = SubmitField(_l("Save award model"))

    def filled_criteria(self) -> list[dict]:
        return [entry.data for entry in self.criteria if (entry.data["name"] or "").strip()]

    def can_add_row(self) -> bool:
        return len(self.criteria) < MAX_CRITERIA

    def validate_criteria(self, field):
        """The rows together: names unique, weights adding up to 100 %."""
        rows = self.filled_criteria()
        names = [row["name"].strip().lower() for row in rows]
        if len(names) != len(set(names)):
            raise ValidationError(_l("Two criteria have the same name."))
        if [row["scoring"] for row in rows].count("price") > 1:
            raise ValidationError(_l("Only one criterion can be scored by price."))
        if any(row["scoring"] == "rules" and not row["is_climate_environment"] for row in rows):
            raise ValidationError(
                _l("Only a climate and environment criterion can take its points from the rules.")
            )
        weights = [row["weight_percent"] for row in rows if row["weight_percent"] is not None]
        if rows and len(weights) == len(rows) and sum(weights) != 100:
            raise ValidationError(
                _l(
                    "The weights add up to %(total)s %%; they must add up to 100 %%.",
                    total=format_number(sum(weights)),
                )
            )

    def validate_climate_exception_justification(self, field):
        if self.climate_exception_ground.data and not (field.data or "").strip():
            raise ValidationError(
                _l("An exception must be justified in the procurement documents.")
            )
