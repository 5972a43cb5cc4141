"""The annual statistics report as HTML (templates/reports/statistics.html): plain data in, the
report language's way of writing numbers, dates and names."""

from jinja2 import Environment
from markupsafe import Markup

from checker.formats import display
from checker.reports.casefile import casefile_labels
from checker.reports.casefile import letterhead
from checker.reports.wording import code_name
from checker.statistics.charts import plan_and_actual
from checker.statistics.factors import EMISSIONS
from checker.statistics.indicators import SHARES
from checker.statistics.indicators import TOTALS
from checker.statistics.labels import EMISSION_NAMES
from checker.statistics.labels import INDICATOR_NAMES
from checker.statistics.labels import LABELS
from checker.statistics.labels import SOURCE_NAMES
from checker.statistics.months import month_label

TEMPLATE = "reports/statistics.html"
UNITS = {"fossil_litres": "L", "kwh": "kWh"}


def _share(value, lang: str) -> str:
    return display.percent(value, lang)


def number(value, lang: str, decimals: int = 0) -> str:
    return display.number(value, lang, decimals)


def _indicator_rows(statistics: dict, lang: str) -> list[tuple]:
    plan, actual = (statistics["year_total"][basis] for basis in ("planned", "actual"))
    names = INDICATOR_NAMES[lang]
    rows = []
    for key, (measure, _basis, unit) in SHARES.items():
        share = actual[key]
        rows.append((names[key], measure or "–", _share(plan[key]["value"], lang),
                     _share(share["value"], lang), f"{number(share['numerator'], lang, 0)} {unit}",
                     f"{number(share['denominator'], lang, 0)} {unit}"))  # fmt: skip
    for key in TOTALS:
        unit = UNITS.get(key, "kg")
        rows.append((names[key], "–", f"{number(plan[key], lang, 0)} {unit}",
                     f"{number(actual[key], lang, 0)} {unit}", "", ""))  # fmt: skip
    return rows


def _month_rows(statistics: dict) -> list[dict]:
    key = "zero_emission_incl_biogas_share"
    return [
        {"label": month_label(statistics["year"], m["month"]),
         "plan_share": m["planned"][key]["value"], "actual_share": m["actual"][key]["value"],
         "plan_fossil": m["planned"]["fossil_co2e_kg"], "actual_fossil": m["actual"]["fossil_co2e_kg"]}
        for m in statistics["months"]
    ]  # fmt: skip


def _charts(months: list[dict], labels: dict, lang: str) -> list[tuple]:
    common = {"plan_label": labels["plan"], "actual_label": labels["actual"], "font": "Report Sans"}
    return [
        (labels["chart_share"], plan_and_actual(
            [(m["label"][:2], m["plan_share"], m["actual_share"]) for m in months],
            labels["chart_share"], lambda v: _share(v, lang), top=1.0,
            pattern_id="report-hatch-share", width=460, height=170, **common)),
        (labels["chart_fossil"], plan_and_actual(
            [(m["label"][:2], m["plan_fossil"], m["actual_fossil"]) for m in months],
            labels["chart_fossil"], lambda v: number(v, lang, 0),
            pattern_id="report-hatch-fossil", width=460, height=170, **common)),
    ]  # fmt: skip


def _factor_rows(envelope: dict, lang: str) -> list[tuple]:
    """Each factor the year's figures used, as its file gives it."""
    used = {row["energy_carrier"] for row in envelope["statistics"]["sources"]}
    rows = []
    # Keys in a fixed order: the embedded envelope comes back with its keys sorted.
    for digest in sorted(envelope["factors"]):
        file = envelope["factors"][digest]
        reference = file["reference"]
        for carrier in sorted(used):
            given = file["carriers"].get(carrier) or {}
            for emission in (e for e in EMISSIONS if e in given):
                described = given[emission]
                source = described.get("source") or {}
                rows.append((f"{reference['id']} {reference['version']}", code_name(carrier, lang),
                             EMISSION_NAMES[lang][emission],
                             f"{_factor(described['value'], lang)} {described['unit']}",
                             code_name(described.get("scope"), lang),
                             source.get("name") or source.get("id") or "–"))  # fmt: skip
    return rows


def _factor(value: float, lang: str) -> str:
    """A factor with the digits its file gives (0,03558), in the language's way."""
    text = f"{value:.6g}"
    return text if lang == "en" else text.replace(".", ",")


def _issued(envelope: dict) -> str:
    return display.moment(envelope["issued_at"], envelope["lang"])


def _closing(envelope: dict, labels: dict, words: dict) -> list[tuple[str, str]]:
    """The facts the figures rest on: the method and its version, the factor files, the data
    and up to when, who issued the report and when. No decision: the report records figures."""
    lang, statistics = envelope["lang"], envelope["statistics"]
    engine = envelope.get("engine") or {}
    version = statistics["format"].rpartition("/")[2]
    files = (
        Markup("; ").join(
            Markup('{} {} <span class="mono">{}</span>').format(f["id"], f["version"], f["sha256"])
            for f in statistics["factors"]
        )
        or "–"
    )
    completeness = statistics.get("completeness") or {}
    method = labels["method_value"].format(
        version=version, engine=engine.get("name", "–"), engine_version=engine.get("version", "")
    )
    return [
        (labels["method"], method.strip()),
        (labels["factor_file"], files),
        (labels["data_basis"], labels["data_value"].format(day=display.day(completeness.get("as_of"), lang))),
        (words["issued_by"], letterhead(envelope)["officer"] or "–"),
        (labels["issued"], _issued(envelope)),
    ]  # fmt: skip


def render_statistics_html(
    envelope: dict, envelope_hash: str, environment: Environment, css: str
) -> str:
    """The annual report's HTML; the same function feeds the PDF and its verification."""
    lang, statistics = envelope["lang"], envelope["statistics"]
    labels = LABELS[lang]
    months = _month_rows(statistics)
    words = casefile_labels(lang)
    return environment.get_template(TEMPLATE).render(
        e=envelope,
        s=statistics,
        lang=lang,
        L=labels,
        css=css,
        envelope_hash=envelope_hash,
        issued=_issued(envelope),
        head=letterhead(envelope),
        C=words,
        closing=_closing(envelope, labels, words),
        indicators=_indicator_rows(statistics, lang),
        months=months,
        charts=_charts(months, labels, lang),
        factors=_factor_rows(envelope, lang),
        source_name=SOURCE_NAMES[lang],
        carrier_name=lambda code: code_name(code, lang),
        num=lambda value, decimals=0: number(value, lang, decimals),
        share=lambda value: _share(value, lang),
        day=lambda iso: display.day(iso, lang),
    )
