"""How numbers, amounts, shares, dates and times are written for a reader: the one place pages,
PDF reports and the command line take them from, so the same value never reads differently.

Norwegian (nb, nn): decimal comma, a no-break space between thousands, "94,4 %", "31.12.2026",
"kl. 08.46" in Europe/Oslo. English: "12,500.5", "94.4%", "31 Dec 2026", "08:46". Every value is
rounded half away from zero on its decimal digits (not binary floating point's half-to-even), so
0.9445 is 94,5 % everywhere."""

from datetime import UTC
from datetime import date
from datetime import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal

from checker.clock import OSLO

MISSING = "–"
NBSP = "\u00a0"  # a number and its unit, and thousands, are never broken over two lines
NORWEGIAN = ("nb", "nn")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rounded(value: float, decimals: int) -> Decimal:
    """The one rounding rule: half away from zero, on the decimal value as written."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """12 500,5 in Norwegian, 12,500.5 in English; "–" when there is no value."""
    if value is None:
        return MISSING
    amount = rounded(value, decimals)
    if amount == 0:
        amount = abs(amount)  # never "-0,0"
    text = f"{amount:,.{decimals}f}"
    if lang in NORWEGIAN:
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def percent(share: float | None, lang: str, decimals: int = 1) -> str:
    """A share from 0 to 1 as a percentage: 94,4 % in Norwegian, 94.4% in English."""
    if share is None:
        return MISSING
    text = number(share * 100, lang, decimals)
    return f"{text}{NBSP}%" if lang in NORWEGIAN else f"{text}%"


def points(value: float | None, lang: str) -> str:
    """Points and weights with two decimals: 8,30 in Norwegian."""
    return number(value, lang, 2)


def nok(amount: float | None, lang: str, decimals: int = 0) -> str:
    """An amount in kroner, whole unless decimals say otherwise (a sanction to the øre):
    1 250 000 kr in Norwegian, NOK 1,250,000 in English."""
    if amount is None:
        return MISSING
    text = number(amount, lang, decimals)
    return f"{text}{NBSP}kr" if lang in NORWEGIAN else f"NOK{NBSP}{text}"


def quantity(value: float | None, unit: str, lang: str, decimals: int = 0) -> str:
    """A value with its SI unit, never broken between them: 6 000 kWh."""
    return MISSING if value is None else f"{number(value, lang, decimals)}{NBSP}{unit}"


def month(key: str) -> str:
    """A calendar month as ISO 8601 writes it ('2027-03') as a page or report shows it: 03.2027."""
    return f"{key[5:7]}.{key[:4]}"


def day(value: date | str | None, lang: str) -> str:
    """31.12.2026 in Norwegian, 31 Dec 2026 in English; an ISO 8601 date string is read first."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    if lang in NORWEGIAN:
        return value.strftime("%d.%m.%Y")
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def moment(value: datetime | str | None, lang: str, *, zone: bool = False) -> str:
    """A moment in Norway's time: 01.12.2026 kl. 08.46 (with "norsk tid" when zone is asked for,
    for a reader abroad); 1 Dec 2026, 08:46 in English. A naive datetime is taken as UTC."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(OSLO)
    if lang in NORWEGIAN:
        text = f"{day(local, lang)} kl.{NBSP}{local:%H.%M}"
        return f"{text} (norsk tid)" if zone else text  # the same words in nb and nn
    text = f"{day(local, lang)}, {local:%H:%M}"
    return f"{text} (Norway time)" if zone else text
