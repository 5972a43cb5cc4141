"""An audit entry's values as a person reads them: one row per field, nested data spelled out as
paths (machines[2].energy_carrier), text as text, and for a change only what differs."""

from flask_babel import gettext as _

from checker.formats import display
from checker.formats.vocabulary import LEVELS
from checker.intake.names import NAMES
from checker.intake.names import name_of
from checker.web.audit.recording import REDACTED
from checker.web.i18n import display_name
from checker.web.i18n import select_locale

CODES = frozenset(code for code in NAMES if "_" in code or any(c.isdigit() for c in code))

_ABSENT = object()


def _flatten(value, path: str, into: dict) -> None:
    if isinstance(value, dict) and value:
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else str(key), into)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            _flatten(item, f"{path}[{index}]", into)
    else:
        into[path] = value


def flatten(values: dict | None) -> dict:
    """{'data': {'machines': [{'id': 'M1'}]}} -> {'data.machines[0].id': 'M1'}, in order."""
    flat: dict = {}
    for key, value in (values or {}).items():
        _flatten(value, key, flat)
    return flat


def _decimals(value: float) -> int:
    """As many decimals as the stored number has (a record shows what was stored)."""
    text = repr(float(value))
    return 0 if float(value).is_integer() else len(text.split(".")[1]) if "e" not in text else 6


def named(value, path: str = "") -> tuple[str, str | None]:
    """A value as text, and the stored code beside it where the text is a code's name:
    ("batterielektrisk", "battery_electric"); numbers the page's way (0,9 in bokmål); a rule
    set's version as a version ("versjon 1.2"), never as a number."""
    lang = select_locale()
    if isinstance(value, str) and path.endswith("ruleset_version") and value != REDACTED:
        return _("version %(version)s", version=value), None
    if isinstance(value, str) and value in LEVELS:
        return display_name("level", value), value
    if isinstance(value, str) and value in CODES:
        return name_of(value, lang), value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return display.number(value, lang, _decimals(value)), None
    return shown(value), None


def shown(value) -> str:
    """One value as text: strings as they are (no JSON quoting or escapes), the rest plainly."""
    if value is _ABSENT:
        return "–"
    if value is None:
        return _("(empty)")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value == {} or value == []:
        return _("(none)")
    return str(value)


def value_rows(before: dict | None, after: dict | None) -> list[dict]:
    """Rows of field, before and after; a change lists only the fields whose values differ."""
    old, new = flatten(before), flatten(after)
    paths = list(old) + [path for path in new if path not in old]
    rows = []
    for path in paths:
        was, now = old.get(path, _ABSENT), new.get(path, _ABSENT)
        if before and after and was == now:
            continue
        rows.append(
            {
                "field": path,
                "before": named(was, path),
                "after": named(now, path),
                "redacted": REDACTED in (was, now),
            }
        )
    return rows
