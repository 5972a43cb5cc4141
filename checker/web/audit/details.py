"""An audit entry's values as a person reads them: one row per field, nested data spelled out as
paths (machines[2].energy_carrier), text as text, and for a change only what differs."""

from flask_babel import gettext as _

from checker.web.audit.recording import REDACTED

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
                "before": shown(was),
                "after": shown(now),
                "redacted": REDACTED in (was, now),
            }
        )
    return rows
