"""A form built from the rule set: per rule a deselect box with a reason, per tailorable parameter a field."""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms import SubmitField
from wtforms.validators import InputRequired
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput
from wtforms.widgets import ListWidget

from checker.assessment.engine import select_rules
from checker.checks import CHECKS
from checker.rulesets import wording
from checker.rulesets.params import RANGED
from checker.rulesets.ruleset import Rule
from checker.rulesets.ruleset import Ruleset
from checker.web.concurrency import BasisForm
from checker.web.fields import NumberField
from checker.web.fields import TextField
from checker.web.i18n import select_locale


class MultiCheckboxField(SelectMultipleField):
    """Choices as a list of checkboxes: usable without JavaScript and by keyboard."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


@dataclass
class RuleFields:
    """Names of the form fields that belong to one rule."""

    rule: Rule
    deselect: str
    reason: str
    parameters: dict[str, str]  # parameter name -> field name


PERCENT_KINDS = ("share", "positive_share")  # typed as a percentage, stored as 0 to 1


def _percent(value):
    """A share 0.3 as the 30 the field shows (exactly, not 30.000000000000004)."""
    return None if value is None else Decimal(str(value)) * 100


def _parameter_field(rule: Rule, name: str):
    parameter = rule.parameters[name]
    kind = CHECKS[rule.check_type].params[name].type
    lang = select_locale()
    unit = "%" if kind in PERCENT_KINDS else wording.unit_text(parameter.unit, lang).strip()
    label = wording.parameter_name(name, lang) + (f" ({unit})" if unit else "")
    label = label[0].upper() + label[1:]
    if parameter.choices is not None:
        choices = [
            SelectChoice(str(choice), wording.parameter_text(rule, name, _one(kind, choice), lang))
            for choice in parameter.choices
        ]
        if kind.endswith("_list"):
            return MultiCheckboxField(label, choices=choices, validators=[_at_least_one])
        return SelectField(label, choices=choices, validators=[InputRequired()])
    percent = kind in PERCENT_KINDS
    return NumberField(
        label,
        validators=[InputRequired()],
        low=_percent(parameter.min) if percent else parameter.min,
        high=_percent(parameter.max) if percent else parameter.max,
        decimals=None if kind != "integer" else 0,
        whole=kind == "integer",
    )


def _one(kind: str, choice):
    """One choice of a list parameter is named as a list of one."""
    return [choice] if kind.endswith("_list") else choice


def _at_least_one(form, field):
    if not field.data:
        raise ValidationError(_l("Choose at least one."))


def build_form(ruleset: Ruleset, level: str, tailoring: dict):
    """The tailoring form for one rule set and level, filled from a stored tailoring."""

    class TailoringForm(BasisForm):
        submit = SubmitField(_l("Save tailoring"))

    layout: list[RuleFields] = []
    for index, rule in enumerate(select_rules(ruleset, level)):
        fields = RuleFields(rule, f"r{index}_deselect", f"r{index}_reason", {})
        setattr(TailoringForm, fields.deselect, BooleanField(_l("Deselect this rule")))
        setattr(
            TailoringForm,
            fields.reason,
            TextField(_l("Reason"), validators=[Optional(), Length(max=500)]),
        )
        for name, parameter in rule.parameters.items():
            if parameter.is_tailorable:
                field_name = f"r{index}_p_{name}"
                setattr(TailoringForm, field_name, _parameter_field(rule, name))
                fields.parameters[name] = field_name
        layout.append(fields)
    form = TailoringForm(data=_initial(layout, tailoring))  # a submitted form's own data wins
    return form, layout


def _initial(layout: list[RuleFields], tailoring: dict) -> dict:
    deselected = tailoring.get("deselected", {})
    tailored = tailoring.get("parameters", {})
    data = {}
    for fields in layout:
        data[fields.deselect] = fields.rule.id in deselected
        data[fields.reason] = deselected.get(fields.rule.id, "")
        for name, field_name in fields.parameters.items():
            value = tailored.get(fields.rule.id, {}).get(name, fields.rule.parameters[name].value)
            if isinstance(value, list):
                value = [str(v) for v in value]
            elif _kind(fields.rule, name) in PERCENT_KINDS:
                value = _percent(value)
            data[field_name] = value
    return data


def _typed(rule: Rule, name: str, raw):
    """Turn a form value back into the parameter's own type."""
    kind = _kind(rule, name)
    if kind.endswith("_list"):
        return list(raw)
    if kind in PERCENT_KINDS:
        return float(Decimal(raw) / 100)
    if kind == "integer":
        return int(raw)
    if kind in RANGED:
        return float(raw)
    return raw


def _kind(rule: Rule, name: str) -> str:
    return CHECKS[rule.check_type].params[name].type


def mark_missing_reasons(form, layout: list[RuleFields]) -> bool:
    """Mark every deselected rule that has no reason; True when all is well."""
    fine = True
    for fields in layout:
        if form[fields.deselect].data and not (form[fields.reason].data or "").strip():
            form[fields.reason].errors = [
                *form[fields.reason].errors,
                _l("Give a reason for deselecting the rule."),
            ]
            fine = False
    return fine


def tailoring_from(form, layout: list[RuleFields]) -> dict:
    """The tailoring a valid form asks for, in the engine's terms."""
    deselected, parameters = {}, {}
    for fields in layout:
        if form[fields.deselect].data:
            deselected[fields.rule.id] = form[fields.reason].data.strip()
        for name, field_name in fields.parameters.items():
            value = _typed(fields.rule, name, form[field_name].data)
            if value != fields.rule.parameters[name].value:
                parameters.setdefault(fields.rule.id, {})[name] = value
    return {"deselected": deselected, "parameters": parameters}
