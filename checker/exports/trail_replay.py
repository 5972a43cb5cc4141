"""The audit trail a dossier carries, replayed into the rows it describes, and how values it
recorded are compared with what a file says (no Flask, no database)."""

import json
from datetime import datetime
from decimal import Decimal
from decimal import InvalidOperation

ACTOR = "__actor__"  # who made a replayed row, as its first entry names them
SKIP = object()  # a field the trail cannot speak for (made by the system, not a person)


def replay(entries: list[dict]) -> dict[str, dict[str, dict]]:
    """The rows as the trail last recorded them: {table: {row id: columns}}; deleted rows gone."""
    rows: dict[str, dict[str, dict]] = {}
    for entry in entries:
        table, row_id = entry.get("table"), str(entry.get("row_id"))
        after = entry.get("after") if isinstance(entry.get("after"), dict) else {}
        if entry.get("kind") == "created":
            rows.setdefault(table, {})[row_id] = dict(after) | {ACTOR: entry.get("actor")}
        elif entry.get("kind") == "changed" and row_id in rows.get(table, {}):
            rows[table][row_id].update(after)
        elif entry.get("kind") == "deleted":
            rows.get(table, {}).pop(row_id, None)
        elif entry.get("kind") == "report_issued" and isinstance(after.get("issued_by"), str):
            rows.setdefault("issued_by", {})[row_id] = after["issued_by"]
    return rows


def json_or_none(data: bytes):
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None


def content(value: dict | None, key: str):
    return value.get(key) if isinstance(value, dict) else None


def moment(value):
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return value


def number(value):
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value


def same(found, recorded) -> bool:
    """Equal, or the same number or moment written two ways (a stored 7.00 recorded as the
    typed 7; a time with or without its microseconds' zeros)."""
    if found == recorded:
        return True
    if isinstance(found, str) and isinstance(recorded, str):
        moments = (moment(found), moment(recorded))
        if all(isinstance(m, datetime) for m in moments):
            return moments[0] == moments[1]
    numbers = (number(found), number(recorded))
    return all(isinstance(n, Decimal) for n in numbers) and numbers[0] == numbers[1]


def made_by(row: dict):
    """The email of the person who made a row ('officer@kommune.example (officer)'), or SKIP
    when the system made it."""
    label = str(row.get(ACTOR) or "")
    email, _, role = label.partition(" (")
    return email if "@" in email and role.endswith(")") and " " not in email else SKIP
