"""The contract follow-up report as HTML (templates/reports/followup.html): plain data in.

Numbers, dates and names are written the report language's way (decimal commas, 31.12.2026,
times in Norway, names not codes); nynorsk uses the follow-up's own wording and falls back to
bokmål for the rule set's texts.
"""

from jinja2 import Environment

from checker.followup.labels import DEVIATION_KINDS
from checker.followup.labels import LABELS
from checker.followup.labels import STATUS_NAMES
from checker.followup.labels import VERDICT
from checker.followup.text import day
from checker.followup.text import indicator_rows
from checker.followup.text import kroner
from checker.followup.text import sanction_text
from checker.followup.text import share
from checker.followup.text import span
from checker.followup.texts import code_name
from checker.followup.texts import number
from checker.formats import display
from checker.reports.chart import COLOURS
from checker.reports.chart import monthly_chart
from checker.reports.wording import readable

TEMPLATE = "reports/followup.html"
# The assessment reports' colours, by the follow-up's verdicts.
VERDICT_CLASS = {
    "conforming": "compliant",
    "deviating": "non_compliant",
    "incomplete": "incomplete",
}
OPEN = frozenset({"fail", "error", "not_answered", "manual_review"})


def _charts(followup: dict, labels: dict, lang: str) -> list:
    months = followup["months"]
    plan = followup["plan_indicators"]
    shares = [
        (display.month(m["month"]), m["indicators"]["zero_emission_incl_biogas_share"])
        for m in months
    ]
    running, litres = 0.0, []
    for month in months:
        running += month["indicators"]["fossil_litres"]
        litres.append((display.month(month["month"]), running))
    return [
        (
            labels["chart_share"],
            monthly_chart(
                shares,
                plan["zero_emission_incl_biogas_share"],
                labels["chart_share"],
                lambda v: share(v, lang),
                top=1.0,
                plan_label=labels["plan"],
            ),
        ),
        (
            labels["chart_litres"],
            monthly_chart(
                litres,
                plan["fossil_litres"],
                labels["chart_litres"],
                lambda v: f"{number(v, lang, 0)} L",
                colour=COLOURS["fossil"],
                plan_label=labels["plan"],
            ),
        ),
    ]


def _issued(envelope: dict) -> str:
    return display.moment(envelope["issued_at"], envelope["lang"])


def render_followup_html(
    envelope: dict, envelope_hash: str, environment: Environment, css: str
) -> str:
    """The follow-up report's HTML; the same function feeds the PDF and any preview."""
    lang, followup = envelope["lang"], envelope["followup"]
    labels = LABELS[lang]
    return environment.get_template(TEMPLATE).render(
        e=envelope,
        f=followup,
        lang=lang,
        L=labels,
        css=css,
        envelope_hash=envelope_hash,
        verdict_name=VERDICT[lang],
        verdict_class=VERDICT_CLASS,
        status_name=STATUS_NAMES[lang],
        kind_name=DEVIATION_KINDS[lang],
        open_states=OPEN,
        issued=_issued(envelope),
        charts=_charts(followup, labels, lang),
        rows=lambda actual: indicator_rows(followup["plan_indicators"], actual, lang),
        # The engine's texts with their codes named, as in every report (checker.reports.wording).
        say=lambda message: readable(message, lang),
        sanction=lambda s: sanction_text(s, envelope["rule_titles"], lang),
        kr=lambda value: kroner(value, lang),
        num=lambda value, decimals=None: number(value, lang, decimals),
        day=day,
        name=lambda code: code_name(code, lang) if code else "–",
        span=span,
    )
