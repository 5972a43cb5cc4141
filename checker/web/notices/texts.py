"""The words of every notice, in Norwegian bokmål first and English below it (a recipient's
language is not known), with dates as 31.12.2026 and times in Norwegian time."""

from collections.abc import Callable
from datetime import datetime

from flask_babel import force_locale
from flask_babel import format_datetime
from flask_babel import format_decimal
from flask_babel import gettext as _

from checker.clock import OSLO

ENGLISH_BELOW = "\n\n---------- English ----------\n\n"


def when(moment: datetime | None) -> str:
    if moment is None:
        return "–"
    return format_datetime(moment, "dd.MM.yyyy HH:mm") + " " + _("(Norwegian time)")


def day(moment: datetime) -> str:
    """The calendar day in Norway: 31.12.2026."""
    return moment.astimezone(OSLO).strftime("%d.%m.%Y")


def points(value) -> str:
    """Points with two decimals as the language writes them (7,25 in bokmål)."""
    return "–" if value is None else format_decimal(value, format="#,##0.00")


def both(compose: Callable[[], tuple[str, list[str]]]) -> tuple[str, str]:
    """compose() gives (subject, lines) in the language in force; called in each language."""
    parts = []
    for lang in ("nb", "en"):
        with force_locale(lang):
            subject, lines = compose()
            parts.append((subject, "\n".join(lines)))
    (subject_nb, body_nb), (subject_en, body_en) = parts
    subject = subject_nb if subject_nb == subject_en else f"{subject_nb} / {subject_en}"
    return subject, body_nb + ENGLISH_BELOW + body_en


def signature() -> list[str]:
    return [
        "",
        _("This message was sent by the climate requirements checker; replies are not read."),
    ]
