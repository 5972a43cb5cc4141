"""The contract follow-up report as HTML (templates/reports/followup.html): plain data in.

Numbers, dates and names are written the report language's way (decimal commas, 31.12.2026,
times in Norway, names not codes); nynorsk uses the follow-up's own wording and falls back to
bokmål for the rule set's texts.
"""

from jinja2 import Environment

from checker.followup.labels import CLOSING
from checker.followup.labels import DEVIATION_KINDS
from checker.followup.labels import LABELS
from checker.followup.labels import STATUS_NAMES
from checker.followup.labels import VERDICT
from checker.followup.sanctions import BASES
from checker.followup.sanctions import CAP
from checker.followup.sanctions import money
from checker.followup.text import day
from checker.followup.text import indicator_rows
from checker.followup.text import kroner
from checker.followup.text import sanction_text
from checker.followup.text import share
from checker.followup.text import span
from checker.followup.texts import code_name
from checker.followup.texts import number
from checker.formats import display
from checker.reports.casefile import casefile_labels
from checker.reports.casefile import letterhead
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


def _terms(terms: dict, cap_all, lang: str) -> str:
    """The contract's sanction terms of a rule: its rate, its cap, the cap of all together."""
    words, closing = LABELS[lang], CLOSING[lang]
    rate = next(name for name in BASES if name in terms)
    parts = [f"{kroner(terms[rate], lang)} {words['basis_' + BASES[rate]]}"]
    if terms.get(CAP) is not None:
        parts.append(closing["cap_rule"].format(amount=kroner(terms[CAP], lang)))
    if cap_all is not None:
        parts.append(closing["cap_all"].format(amount=kroner(cap_all, lang)))
    return ", ".join(parts)


def _closing(envelope: dict) -> dict:
    """The closing block: each deviation the officer decided (who, when, what), how many still
    wait, and the contract's terms behind each sanction decided."""
    lang, followup = envelope["lang"], envelope["followup"]
    words, closing = LABELS[lang], CLOSING[lang]
    decided, waiting, amounts = [], 0, {}
    for period in followup["periods"]:
        for deviation in period["deviations"]:
            handling = deviation.get("handling")
            if handling is None:
                waiting += 1
                continue
            what = (
                f"{DEVIATION_KINDS[lang][deviation['kind']]}: {code_name(deviation['item'], lang)}"
            )
            decision = words["handled_" + handling["decision"]]
            decided.append((span(period["period"]), what, f"{decision}: {handling['reason']}",
                            handling["by"], display.moment(handling["at"], lang)))  # fmt: skip
        for sanction in period["sanctions"]:
            if sanction.get("status") == "decided":
                amounts[sanction["rule"]] = amounts.get(sanction["rule"], 0) + money(
                    sanction["amount_nok"]
                )
    total, whole = waiting + len(decided), span(followup["cumulative"]["period"])
    if not total:
        lead = closing["close_none"].format(span=whole)
    elif waiting:
        lead = closing["close_open"].format(open=waiting, total=total, span=whole)
    else:
        lead = closing["close_all"].format(total=total, span=whole)
    terms = (followup.get("tailoring") or {}).get("sanctions") or {}
    titles = envelope["rule_titles"]
    sanctions = [
        closing["sanction_basis"].format(
            rule=readable(titles.get(rule, rule), lang),
            amount=kroner(float(amount), lang),
            terms=_terms(terms.get(rule) or {}, terms.get(CAP), lang),
        )
        for rule, amount in amounts.items()
        if terms.get(rule)
    ]
    words = casefile_labels(lang)
    exceptions = [
        words["exception_basis"].format(
            id=key,
            by=d.get("by") or "–",
            at=_when(d.get("at"), lang),
            basis=d.get("legal_basis") or words["no_basis"],
        )
        for key, d in (followup.get("decisions") or {}).items()
        if d.get("decision") == "approved"
    ]
    return {
        "lead": lead,
        "decided": decided,
        "sanctions": sanctions,
        "exceptions": exceptions,
        "L": closing,
    }


def _when(value: str | None, lang: str) -> str:
    """A decision's date as given (20.01.2027), or its moment in Norway's time."""
    if value and len(value) == 10:
        return display.day(value, lang)
    return display.moment(value, lang)


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
        head=letterhead(envelope),
        C=casefile_labels(lang),
        closing=_closing(envelope),
        moment=lambda value: display.moment(value, lang),
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
