"""The report as HTML: one Jinja template, plain data in, no Flask, autoescaped throughout."""

from functools import cache

from jinja2 import Environment
from jinja2 import FileSystemLoader
from jinja2 import select_autoescape

from checker.assessment.status import QUIET
from checker.assessment.status import TEMPLATE_TESTS
from checker.assessment.status import most_serious
from checker.assessment.status import status_name
from checker.assessment.status import verdict_name
from checker.intake.names import name_of
from checker.paths import shipped
from checker.reports.chart import bar_chart
from checker.reports.chart import share_bar
from checker.reports.envelope import EVALUATION
from checker.reports.envelope import FOLLOWUP
from checker.reports.envelope import STATISTICS
from checker.reports.followup_html import render_followup_html
from checker.reports.labels import LABELS
from checker.reports.statistics_html import render_statistics_html

CSS_FILE = "reports/print.css"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(shipped("templates"))),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(bar_chart=bar_chart, share_bar=share_bar)
    environment.tests.update(TEMPLATE_TESTS)
    return environment


def _css() -> str:
    return _environment().loader.get_source(_environment(), CSS_FILE)[0]


def _number(value) -> str:
    return "–" if value is None else f"{value:,.0f}".replace(",", " ")


def _points(lang: str):
    """Points and weights with two decimals: 8,30 in bokmål, 8.30 in English."""

    def shown(value) -> str:
        if value is None:
            return "–"
        text = f"{float(value):.2f}"
        return text.replace(".", ",") if lang == "nb" else text

    return shown


def _percent(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def _entry_rows(envelope: dict) -> list[dict]:
    """Each machine, vehicle and heating entry with its worst state and every reason given."""
    seen: dict[str, list] = {}
    for result in envelope["assessment"]["results"]:
        for item in result["items"]:
            seen.setdefault(item["id"], []).append((result["rule"], item))
    rows = []
    for entry in envelope["entries"]:
        findings = seen.get(entry["id"], [])
        states = [item["status"] for _, item in findings] or ["not_applicable"]
        worst = most_serious(states)
        reasons = [(rule, item) for rule, item in findings if item["status"] not in QUIET]
        rows.append(entry | {"status": worst, "reasons": reasons})
    return rows


def render_html(envelope: dict, envelope_hash: str) -> str:
    """The report's HTML; the same function feeds the PDF and any preview."""
    if envelope["kind"] == FOLLOWUP:
        return render_followup_html(envelope, envelope_hash, _environment(), _css())
    if envelope["kind"] == STATISTICS:
        return render_statistics_html(envelope, envelope_hash, _environment(), _css())
    if envelope["kind"] == EVALUATION:
        return _render(
            "reports/evaluation.html", envelope, envelope_hash, ev=envelope["evaluation"]
        )
    return _render(
        "reports/report.html",
        envelope,
        envelope_hash,
        a=envelope["assessment"],
        entries=_entry_rows(envelope) if envelope["tier"] == "full" else [],
    )


def _render(name: str, envelope: dict, envelope_hash: str, **data) -> str:
    """One report template with what every report prints: labels, names, formats, the CSS."""
    lang = envelope["lang"]
    css = _css()
    return (
        _environment()
        .get_template(name)
        .render(
            e=envelope,
            lang=lang,
            L=LABELS[lang],
            # Capitals, as in the terminal summary: a state reads as a mark beside the rule.
            status_name=lambda state: status_name(state, lang).upper(),
            verdict_name=lambda verdict: verdict_name(verdict, lang).upper(),
            code_name=lambda code: name_of(code, lang),
            css=css,
            envelope_hash=envelope_hash,
            number=_number,
            percent=_percent,
            points=_points(lang),
            **data,
        )
    )
