"""Forms for one machine, vehicle, heater, fuel or exception request, built from the template's
columns so the form, the Excel template and the upload always offer the same fields."""

from decimal import Decimal
from functools import cache

from flask_babel import LazyString
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms import SelectChoice
from wtforms import SubmitField
from wtforms.validators import Optional

from checker.formats.texts import LANGUAGES
from checker.formats.texts import pick
from checker.intake.cells import CellError
from checker.intake.cells import convert
from checker.intake.cells import field_rules
from checker.intake.columns import BOOLEAN
from checker.intake.columns import CHOICE
from checker.intake.columns import ENQUIRIES
from checker.intake.columns import INTEGER
from checker.intake.columns import NUMBER
from checker.intake.columns import SHEETS_BY_KEY
from checker.intake.columns import Column
from checker.intake.names import name_of
from checker.intake.template import enquiries_text
from checker.web.concurrency import BasisForm
from checker.web.fields import ChoiceField
from checker.web.fields import LongTextField
from checker.web.fields import NumberField
from checker.web.fields import TextField

ENTRY_KINDS = ("machines", "vehicles", "heating", "fuels", "exceptions")
# The columns the lists on the page show (the form has them all).
SUMMARY_COLUMNS = {
    "machines": (
        "id",
        "category",
        "make",
        "model",
        "energy_carrier",
        "emission_stage",
        "planned_hours",
    ),
    "vehicles": ("id", "category", "purpose", "euro_class", "energy_carrier", "planned_km"),
    "heating": ("id", "purpose", "energy_carrier", "planned_kwh", "fuel_id"),
    "fuels": ("id", "product", "supplier", "feedstock", "certification", "standard"),
    "exceptions": ("id", "item", "ground", "justification"),
}
LONG_TEXT = 1000  # text fields that may hold more than this get a text area
# Fields that name another entry: offered as a choice of the entries that exist.
REFERENCES = {"fuel_id": "fuels", "item": "items", "charged_from": "generators"}


def _lang() -> str:
    """The page's language (the tender format's headers come in bokmål, nynorsk and English)."""
    locale = str(get_locale())
    return locale if locale in LANGUAGES else "nb"


def _choice_label(code: str) -> LazyString:
    """'gravemaskin': the name (the option's value stays the code the Excel template uses)."""
    return LazyString(lambda: name_of(code, _lang()))


def _label(column: Column) -> LazyString:
    return LazyString(lambda: column.header(_lang()))


class YearField(NumberField):
    """A whole number written without thousands grouping: a year is 2018, not 2 018."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(int(self.data))


def _field(kind: str, column: Column):
    label = _label(column)
    if column.key in REFERENCES:
        return ChoiceField(label, choices=[], validators=[Optional()])
    if column.type == CHOICE:
        choices = [SelectChoice("", "–")] + [
            SelectChoice(code, _choice_label(code)) for code in column.choices
        ]
        return ChoiceField(label, choices=choices, validators=[Optional()])
    if column.type == BOOLEAN:
        return BooleanField(label)
    if column.type == INTEGER:
        return YearField(label, decimals=None, whole=True)
    if column.type == NUMBER:
        return NumberField(label, decimals=None)
    if column.type == ENQUIRIES:
        return LongTextField(
            label,
            description=_l("Free text, or one enquiry per line: supplier | YYYY-MM-DD | answer."),
        )
    if field_rules(kind).get(column.key, {}).get("maxLength", 0) > LONG_TEXT:
        return LongTextField(label)  # a justification is a paragraph, not a line
    return TextField(label)


class EntryForm(BasisForm):
    submit = SubmitField(_l("Save"))

    def validate(self, extra_validators=None) -> bool:
        """Each field is checked the way an uploaded cell is, with the same messages."""
        valid = super().validate(extra_validators)
        for column in SHEETS_BY_KEY[self.kind].columns:
            field = self[column.key]
            if field.errors:
                continue
            value = _raw(field)
            if value is None:
                if column.required:
                    field.errors.append(_l("Fill this in."))
                    valid = False
                continue
            try:
                convert(column, self.kind, value)
            except CellError as err:
                field.errors.append(pick(err.message, _lang()))
                valid = False
        return valid

    def entry(self) -> dict:
        """The entry as climate-tender/1 has it; empty fields are left out."""
        entry = {}
        for column in SHEETS_BY_KEY[self.kind].columns:
            value = _raw(self[column.key])
            if value is not None:
                entry[column.key] = convert(column, self.kind, value)
        return entry

    def fill(self, entry: dict) -> None:
        for column in SHEETS_BY_KEY[self.kind].columns:
            value = entry.get(column.key)
            if column.type == ENQUIRIES:
                value = enquiries_text(value)
            if column.type in (NUMBER, INTEGER) and value is not None:
                value = Decimal(str(value))
            self[column.key].data = value
        for column in SHEETS_BY_KEY[self.kind].columns:
            field = self[column.key]
            if isinstance(field, ChoiceField) and not _offered(field):
                # A reference to an entry since removed: shown and marked, never silently '–'.
                _show_wrong(field, field.data, _("no entry has this ID"))

    def fill_from_upload(self, values: dict) -> None:
        """An uploaded row exactly as it was: each cell read the way the upload reads it
        ('gravemaskin' is the excavator, 'nei' an unticked box), a cell that could not be read
        shown as typed with what was expected."""
        columns = SHEETS_BY_KEY[self.kind].columns
        entry, wrong = {}, {}
        for column in columns:
            raw = values.get(column.key)
            if raw is None:
                continue
            try:
                entry[column.key] = convert(column, self.kind, raw)
            except CellError as err:
                wrong[column.key] = (raw, pick(err.message, _lang()))
        self.fill(entry)
        for key, (raw, problem) in wrong.items():
            _show_wrong(self[key], raw, problem)
        for column in columns:
            if column.required and column.key not in values:
                self[column.key].errors.append(_("Fill this in."))

    def offer_references(self, data: dict) -> None:
        """The ids an entry may refer to: declared fuels, and machines, vehicles and heaters."""
        ids = {
            "fuels": [fuel["id"] for fuel in data.get("fuels") or []],
            "items": [
                entry["id"]
                for name in ("machines", "vehicles", "heating")
                for entry in data.get(name) or []
            ],
            # Electricity comes from the grid unless an on-site generator is named.
            "generators": ["grid"]
            + [m["id"] for m in data.get("machines") or [] if m.get("category") == "generator"],
        }
        for key, source in REFERENCES.items():
            if key in self:
                self[key].choices = [SelectChoice("", "–")] + [
                    SelectChoice(value, _choice_label(value) if value == "grid" else value)
                    for value in ids[source]
                ]


def _offered(field: ChoiceField) -> bool:
    return field.data in (None, "") or any(
        value == field.data for value, *_rest in field.iter_choices()
    )


def _show_wrong(field, raw: str, problem: str) -> None:
    """Put a value that cannot be used into its field as it was typed, and say why."""
    field.errors = [*field.errors, _("Found «%(value)s»; %(problem)s", value=raw, problem=problem)]
    if isinstance(field, ChoiceField):
        # Offered on this page only, so the wrong value shows selected; the next request's list
        # does not have it, so saving it unchanged is refused.
        if not any(value == raw for value, *_rest in field.iter_choices()):
            field.choices = [
                *field.choices,
                SelectChoice(raw, _("%(value)s (not in the list)", value=raw)),
            ]
        field.data = raw
    elif isinstance(field, NumberField):
        field.raw_data, field.data = [raw], None
    elif isinstance(field, BooleanField):
        field.data = False
    else:
        field.data = raw


def _raw(field):
    """A field's value, or None when left empty (an unchecked box is 'not given')."""
    data = field.data
    if isinstance(field, BooleanField):
        return True if data else None
    if isinstance(data, Decimal):
        return int(data) if data == data.to_integral_value() else float(data)
    if isinstance(data, str) and not data.strip():
        return None
    return data


@cache
def entry_form_class(kind: str) -> type[EntryForm]:
    fields = {column.key: _field(kind, column) for column in SHEETS_BY_KEY[kind].columns}
    return type(f"{kind.title()}EntryForm", (EntryForm,), {"kind": kind, **fields})
