"""Form fields that read numbers the way Norwegians type them and refuse what the database cannot hold."""

import re
from decimal import Decimal
from decimal import InvalidOperation

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from checker.formats.messages import render
from checker.formats.tender import normalise_org_number
from checker.formats.tender import org_number_problem

# Spaces (also no-break and narrow no-break) group thousands; a comma or a point marks decimals.
_GROUPING = re.compile(r"[\s\u00a0\u202f]")
_NUMBER = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible characters that change how text reads without showing: direction marks, embeddings,
# overrides and isolates (a name could display reversed), zero-width characters and the BOM.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]")


def parse_number(text: str) -> Decimal:
    """'48 000 000,50' -> Decimal('48000000.50'); anything else raises ValueError."""
    compact = _GROUPING.sub("", text.strip())
    if not _NUMBER.match(compact):
        raise ValueError(text)
    return Decimal(compact.replace(",", "."))


def format_number(value: Decimal | float | None) -> str:
    """A number as the current language writes it in a form: 48 000 000,5 or 48000000.5."""
    if value is None:
        return ""
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    text = format(exact.normalize(), "f")
    if str(get_locale()) == "nb":
        whole, _, fraction = text.partition(".")
        grouped = f"{int(whole):,}".replace(",", " ") if whole.lstrip("-").isdigit() else whole
        return grouped + ("," + fraction if fraction else "")
    return text


class NumberField(Field):
    """A decimal number typed as text: spaces for thousands, comma or point for decimals.

    A text input, not type=number: browsers turn '48 000 000,50' in a number input into
    4800000050 without a word. Bounds and decimals are checked here, so nothing the column
    cannot hold (infinity, NaN, 20 digits) ever reaches the database.
    """

    widget = TextInput()

    def __init__(
        self, label=None, validators=None, *, low=None, high=None, decimals=2, whole=False, **kwargs
    ):
        kwargs.setdefault("render_kw", {}).setdefault(
            "inputmode", "numeric" if whole else "decimal"
        )
        super().__init__(label, validators, **kwargs)
        self.low, self.high, self.decimals, self.whole = low, high, decimals, whole

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = parse_number(valuelist[0])
        except (ValueError, InvalidOperation):
            self.data = None
            raise ValueError(_l("Write a number, e.g. 48 000 000 or 12,5.")) from None

    def pre_validate(self, form):
        if self.data is None:
            return
        if self.whole and self.data != self.data.to_integral_value():
            raise ValidationError(_l("Write a whole number."))
        if self.decimals is not None and -self.data.as_tuple().exponent > self.decimals:
            raise ValidationError(_l("At most %(n)s decimals.", n=self.decimals))
        if (self.low is not None and self.data < Decimal(str(self.low))) or (
            self.high is not None and self.data > Decimal(str(self.high))
        ):
            raise ValidationError(
                _l(
                    "From %(low)s to %(high)s.",
                    low=format_number(self.low),
                    high=format_number(self.high),
                )
            )


def without_invisible(text: str) -> str:
    """Text with the invisible direction and zero-width characters taken out."""
    return _INVISIBLE.sub("", text)


def one_line(text: str) -> str:
    """One line: line breaks become spaces, invisible characters go, the ends are trimmed."""
    return _LINE_BREAK.sub(" ", without_invisible(text)).strip()


class CleanTextMixin:
    """Text without control characters (PostgreSQL refuses NUL; none belong in a form)."""

    def pre_validate(self, form):
        if self.data and _CONTROL.search(self.data):
            raise ValidationError(_l("Remove the invisible control characters from the text."))


class TextField(CleanTextMixin, StringField):
    """A one-line text field: a pasted line break becomes a space (a text input cannot show it),
    invisible direction and zero-width characters are taken out, and control characters are
    refused."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = one_line(self.data)


class LongTextField(CleanTextMixin, TextAreaField):
    """A text area that refuses control characters (line breaks and tabs are fine) and drops
    invisible direction and zero-width characters."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = without_invisible(self.data)


class ChoiceField(SelectField):
    """A drop-down whose server side takes only what the list offers, and says what was sent."""

    def pre_validate(self, form):
        if self.data in (None, ""):
            return  # left empty: a required field says so through its validators
        if not any(value == self.data for value, *_rest in self.iter_choices()):
            raise ValidationError(
                _l("«%(value)s» is not in the list: choose one of its entries.", value=self.data)
            )


class OrgNumberField(TextField):
    """A Norwegian organisation number as people write it ('914 880 009', 'NO 914880009 MVA'),
    stored as its nine digits; a wrong one is named precisely and shown as typed."""

    def pre_validate(self, form):
        super().pre_validate(form)
        if not self.data:
            return
        problem = org_number_problem(self.data)
        if problem is not None:
            raise ValidationError(render(problem, str(get_locale())))
        self.data = normalise_org_number(self.data)
