"""The statistics page's plain data: indicator rows, monthly rows, sources and charts, worded in
the page's language (Babel), from climate-statistics/1."""

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from checker.formats import display
from checker.intake.names import name_of
from checker.statistics.charts import labelled_bars
from checker.statistics.charts import plan_and_actual
from checker.statistics.months import month_label

SHARES = (
    ("zero_emission_incl_biogas_share", _l("Zero-emission share of energy, incl. biogas")),
    ("sustainable_biodiesel_share", _l("Sustainable-biodiesel share of energy")),
    (
        "mass_transport_zero_emission_incl_biogas_share_km",
        _l("Zero-emission share of mass-transport km, incl. biogas"),
    ),
    (
        "mass_transport_sustainable_biodiesel_share_km",
        _l("Sustainable-biodiesel share of mass-transport km"),
    ),
    ("zero_emission_share", _l("Zero-emission share of energy (biogas not counted)")),
    (
        "mass_transport_zero_emission_share_km",
        _l("Zero-emission share of mass-transport km (biogas not counted)"),
    ),
)
TOTALS = (
    ("fossil_litres", _l("Fossil litres"), "L"),
    ("fossil_co2e_kg", _l("Fossil CO2e, direct"), "kg"),
    ("biogenic_co2_kg", _l("Biogenic CO2 (counted as zero, shown beside)"), "kg"),
    ("indirect_co2e_kg", _l("Indirect CO2e (electricity, district heat)"), "kg"),
    ("kwh", _l("Delivered energy, all sources"), "kWh"),
)
SOURCE_NAMES = {
    "machinery": _l("Construction machinery"),
    "heating": _l("Heating and drying"),
    "transport": _l("Transport on site"),
}


def number(value, decimals: int = 0) -> str:
    """12 345,6 in Norwegian (a no-break space groups thousands, a true minus sign), 12,345.6 in
    English: checker.formats.display's rounding and grouping, as the annual report has."""
    lang = get_locale().language  # Babel keeps the request's locale: cheaper to ask
    text = display.number(None if value is None else float(value), lang, decimals)
    return text if lang == "en" else text.replace("-", "\u2212")


def percent(value) -> str:
    return display.percent(None if value is None else float(value), get_locale().language)


def source_name(code: str) -> str:
    return str(SOURCE_NAMES.get(code, code))


def carrier_name(code: str) -> str:
    return name_of(code, get_locale().language)


def indicator_rows(statistics: dict) -> list[dict]:
    """Each indicator: the plan for the year, the actual year to date with its numerator and
    denominator, and the actual whole year."""
    plan = statistics["year_total"]["planned"]
    to_date = statistics["year_to_date"]["actual"]
    year = statistics["year_total"]["actual"]
    rows = []
    for key, label in SHARES:
        share = to_date[key]
        rows.append(
            {
                "key": key,
                "label": str(label),
                "measure": share["measure"],
                "plan": percent(plan[key]["value"]),
                "actual": percent(share["value"]),
                "year": percent(year[key]["value"]),
                "numerator": f"{number(share['numerator'])}\u00a0{share['unit']}",
                "denominator": f"{number(share['denominator'])}\u00a0{share['unit']}",
            }
        )
    for key, label, unit in TOTALS:
        rows.append(
            {
                "key": key,
                "label": str(label),
                "measure": None,
                "plan": f"{number(plan[key])}\u00a0{unit}",
                "actual": f"{number(to_date[key])}\u00a0{unit}",
                "year": f"{number(year[key])}\u00a0{unit}",
                "numerator": "",
                "denominator": "",
            }
        )
    return rows


def month_rows(statistics: dict) -> list[dict]:
    """Per month: measure 16 planned, actual and actual to date; fossil CO2e planned and actual."""
    year, key = statistics["year"], "zero_emission_incl_biogas_share"
    return [
        {
            "month": m["month"],
            "label": month_label(year, m["month"]),
            "plan_share": m["planned"][key]["value"],
            "actual_share": m["actual"][key]["value"],
            "to_date_share": m["actual_to_date"][key]["value"],
            "plan_fossil": m["planned"]["fossil_co2e_kg"],
            "actual_fossil": m["actual"]["fossil_co2e_kg"],
            "actual_kwh": m["actual"]["kwh"],
        }
        for m in statistics["months"]
    ]


def source_rows(statistics: dict) -> list[dict]:
    """Sources and carriers with their names, planned beside actual."""
    return [
        row | {"source_name": source_name(row["source"]),
               "carrier_name": carrier_name(row["energy_carrier"])}
        for row in statistics["sources"]
    ]  # fmt: skip


def charts(statistics: dict) -> dict:
    """The three charts: measure 16 by month, fossil CO2e by source and carrier, and planned
    against actual fossil CO2e by month."""
    months = month_rows(statistics)
    sources = source_rows(statistics)
    labels = {"plan_label": _("Plan"), "actual_label": _("Actual")}
    return {
        "share": plan_and_actual(
            [(f"{m['month']:02d}", m["plan_share"], m["actual_share"]) for m in months],
            _("Zero-emission share of energy, incl. biogas, by month"),
            percent,
            top=1.0,
            pattern_id="hatch-share",
            **labels,
        ),
        "sources": labelled_bars(
            [
                (f"{r['source_name']}: {r['carrier_name']}", r["actual"]["fossil_co2e_kg"])
                for r in sources
            ],
            _("Fossil CO2e by source and energy carrier (actual)"),
            lambda v: f"{number(v)} kg",
        ),
        "fossil": plan_and_actual(
            [(f"{m['month']:02d}", m["plan_fossil"], m["actual_fossil"]) for m in months],
            _("Fossil CO2e by month, planned and actual"),
            lambda v: number(v),
            pattern_id="hatch-fossil",
            **labels,
        ),
    }
