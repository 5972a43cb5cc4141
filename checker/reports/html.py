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
from checker.formats import display
from checker.paths import shipped
from checker.reports.casefile import casefile_labels
from checker.reports.casefile import letterhead
from checker.reports.chart import bar_chart
from checker.reports.chart import share_bar
from checker.reports.envelope import EVALUATION
from checker.reports.envelope import FOLLOWUP
from checker.reports.envelope import STATISTICS
from checker.reports.followup_html import render_followup_html
from checker.reports.labels import LABELS
from checker.reports.method import method_section
from checker.reports.statistics_html import render_statistics_html
from checker.reports.wording import code_name
from checker.reports.wording import in_language
from checker.reports.wording import readable
from checker.reports.wording import value_text

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


def _labels(envelope: dict) -> dict:
    """The report's wording; a nynorsk report says whose nynorsk the rule set's texts are."""
    labels = LABELS[envelope["lang"]]
    translations = (envelope.get("ruleset") or {}).get("translations") or {}
    if envelope["lang"] in translations:
        return labels | {"method_language": labels["method_language_translated"]}
    return labels


def _render(name: str, envelope: dict, envelope_hash: str, **data) -> str:
    """One report template with what every report prints: labels, names, formats, the CSS."""
    lang = envelope["lang"]
    css = _css()
    method = (data.get("a") or {}).get("metrics", {}).get("method")
    results = (data.get("a") or data.get("ev") or {}).get("results") or []
    titles = {result["rule"]: result["title"] for result in results}
    return (
        _environment()
        .get_template(name)
        .render(
            e=envelope,
            lang=lang,
            L=_labels(envelope),
            # Capitals, as in the terminal summary: a state reads as a mark beside the rule.
            status_name=lambda state: status_name(state, lang).upper(),
            verdict_name=lambda verdict: verdict_name(verdict, lang).upper(),
            code_name=lambda code: code_name(code, lang),
            names=lambda codes: ", ".join(code_name(code, lang) for code in codes or ()),
            say=lambda message: readable(message, lang),
            text=lambda message: in_language(message, lang),
            css=css,
            envelope_hash=envelope_hash,
            number=lambda value, decimals=0: display.number(value, lang, decimals),
            quantity=lambda value, unit, decimals=0: display.quantity(value, unit, lang, decimals),
            percent=lambda share: display.percent(share, lang),
            points=lambda value: display.points(value, lang),
            nok=lambda value: display.nok(value, lang),
            day=lambda value: display.day(value, lang),
            moment=lambda value: display.moment(value, lang),
            method=method_section(method, lang) if method else None,
            head=letterhead(envelope),
            C=casefile_labels(lang),
            rule_title=lambda rule: in_language(titles[rule], lang) if rule in titles else rule,
            value_text=lambda value: value_text(value, lang),
            **data,
        )
    )
