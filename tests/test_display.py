"""The one formatting module: the same value reads the same on a page, in a PDF and in the CLI."""

from datetime import UTC
from datetime import date
from datetime import datetime

import pytest

from checker.formats import display

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (12500.5, "nb", 1, f"12{NB}500,5"),
        (12500.5, "nn", 1, f"12{NB}500,5"),
        (12500.5, "en", 1, "12,500.5"),
        (1234567, "nb", 0, f"1{NB}234{NB}567"),
        (0.125, "nb", 2, "0,13"),  # half away from zero, not to even
        (2.675, "en", 2, "2.68"),  # 2.675 is 2.67499… in binary; written 2.675, it rounds up
        (-0.04, "nb", 1, "0,0"),  # never "-0,0"
        (-1500, "nb", 0, f"-1{NB}500"),
        (None, "nb", 0, "–"),
    ],
)
def test_numbers(value, lang, decimals, expected):
    assert display.number(value, lang, decimals) == expected


def test_shares_round_once_the_same_way():
    assert display.percent(0.9445, "nb") == f"94,5{NB}%"
    assert display.percent(0.9445, "en") == "94.5%"
    assert display.percent(0.3, "nn", 0) == f"30{NB}%"
    assert display.percent(None, "nb") == "–"


def test_amounts_points_and_quantities():
    assert display.nok(1250000, "nb") == f"1{NB}250{NB}000{NB}kr"
    assert display.nok(1250000, "en") == f"NOK{NB}1,250,000"
    assert display.points(8.3, "nb") == "8,30"
    assert display.quantity(6000, "kWh", "nb") == f"6{NB}000{NB}kWh"


def test_dates_and_times_in_norway():
    assert display.day(date(2026, 12, 31), "nb") == "31.12.2026"
    assert display.day("2026-12-31", "en") == "31 Dec 2026"
    # 07:46 UTC in winter is 08:46 in Oslo; in summer 06:46 UTC is 08:46
    assert (
        display.moment(datetime(2026, 12, 1, 7, 46, tzinfo=UTC), "nb") == f"01.12.2026 kl.{NB}08.46"
    )
    assert display.moment("2027-06-01T06:46:00Z", "nn", zone=True) == (
        f"01.06.2027 kl.{NB}08.46 (norsk tid)"
    )
    assert display.moment(datetime(2026, 12, 1, 7, 46), "en") == "1 Dec 2026, 08:46"
    assert display.moment(None, "nb") == "–"
