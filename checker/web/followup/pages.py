"""The officer's follow-up page: periods received and late, the deviations queue, the
exceptions asked for during the contract, the plan against actual and the follow-up reports."""

import hashlib

from flask import render_template
from flask_babel import gettext as _

from checker import clock
from checker.followup.labels import DEVIATION_KINDS
from checker.followup.labels import VERDICT
from checker.followup.text import day
from checker.formats import display
from checker.web.evaluation.decisions import decision_basis
from checker.web.evaluation.pages import make_decision_form
from checker.web.followup.charts import charts as followup_charts
from checker.web.followup.decision_forms import HANDLING_CHOICES
from checker.web.followup.decision_forms import DeviationDecisionForm
from checker.web.followup.decision_forms import FollowupReportForm
from checker.web.followup.forms import AcceptPeriodForm
from checker.web.followup.handling import deviation_queue
from checker.web.followup.handling import handled
from checker.web.followup.handling import period_decisions
from checker.web.followup.handling import period_requests
from checker.web.followup.reminders import late_periods
from checker.web.followup.reminders import reminders_sent
from checker.web.followup.report import followup_reports
from checker.web.followup.service import FollowupProblem
from checker.web.followup.service import contract_followup
from checker.web.followup.service import in_force
from checker.web.followup.service import versions
from checker.web.i18n import select_locale
from checker.web.models import Procurement
from checker.web.models import Tender


def token(key: str) -> str:
    """A deviation's key as a URL and form-prefix part (keys hold slashes and ids)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def kroner(amount: float | None, lang: str) -> str:
    """A sanction to the øre: 412,50 kr (NOK 412.50 in English)."""
    return display.nok(amount, lang, 2)


def sanction_line(sanction: dict) -> str:
    """The sanction's basis and arithmetic in the page's language."""
    lang = select_locale()
    rate, amount = kroner(sanction["rate_nok"], lang), kroner(sanction["amount_nok"], lang)
    if sanction["basis"] == "lump_sum":
        text = _("Lump sum for the period: %(amount)s", amount=rate)
    else:
        quantity = display.number(sanction["quantity"], lang, 1)
        text = (
            _("%(quantity)s fossil litres × %(rate)s per litre", quantity=quantity, rate=rate)
            if sanction["basis"] == "litres"
            else _("%(quantity)s days on site × %(rate)s per day", quantity=quantity, rate=rate)
        )
        text += f" = {kroner(sanction.get('uncapped_nok', sanction['amount_nok']), lang)}"
    if "uncapped_nok" in sanction:
        text += " " + _("(capped by the contract to %(amount)s)", amount=amount)
    return text


def followup_names() -> dict:
    lang = select_locale()
    return {
        "kind_label": DEVIATION_KINDS[lang],
        "followup_verdict": VERDICT[lang],
        "day": day,
        "handling_label": HANDLING_CHOICES,
        "sanction_line": sanction_line,
        "kroner": lambda amount: kroner(amount, select_locale()),
    }


def current_result(procurement: Procurement, tender: Tender) -> tuple[dict | None, str | None]:
    """The follow-up with the officer's handling in it, or why it cannot be computed."""
    try:
        result = contract_followup(procurement, tender)
    except FollowupProblem as err:
        return None, str(err)
    return (handled(tender, result) if result else None), None


def deviation_form(entry, bound: bool = False) -> DeviationDecisionForm:
    prefix = f"dev-{token(entry.key)}"
    form = (
        DeviationDecisionForm(prefix=prefix)
        if bound
        else DeviationDecisionForm(formdata=None, prefix=prefix, seen=str(entry.version))
    )
    if not entry.sanctions:
        form.without_sanction()
    return form


def exception_forms(tender: Tender, requests: list[dict], bound=None) -> dict:
    forms = {}
    for found in requests:
        key = found["request"]["id"]
        form = make_decision_form(key)
        form.set_basis(decision_basis(tender, key))
        forms[key] = form
    if bound is not None:
        forms[bound[0]] = bound[1]
    return forms


def _charts(result: dict | None) -> dict | None:
    if not result or not result.get("months"):
        return None
    labels = {
        "share": _("Zero-emission share of energy, incl. biogas, by month"),
        "litres": _("Fossil litres so far, against the plan for the whole contract"),
        "plan": _("Plan"),
        "plan_litres": _("Plan, whole contract"),
        "actual": _("Actual"),
    }
    return followup_charts(result, select_locale(), labels)


def officer_page(
    procurement: Procurement,
    tender: Tender,
    *,
    deviation=None,
    exception=None,
    status: int = 200,
    conflict=None,
):
    """The page, with one form sent back (deviation: (key, form); exception: (key, form))."""
    result, problem = current_result(procurement, tender)
    queue = deviation_queue(tender, result)
    forms = {entry.key: deviation_form(entry) for entry in queue}
    if deviation is not None:
        forms[deviation[0]] = deviation[1]
    requests = period_requests(in_force(tender))
    page = render_template(
        "followup/officer.html",
        charts=_charts(result),
        procurement=procurement,
        tender=tender,
        reports=versions(tender),
        result=result,
        problem=problem,
        accept_form=AcceptPeriodForm(),
        queue=queue,
        deviation_forms=forms,
        token=token,
        requests=requests,
        request_decisions=period_decisions(tender),
        exception_forms=exception_forms(tender, requests, exception),
        late=late_periods(procurement, tender, clock.today_in_norway()),
        reminders=reminders_sent(tender),
        report_form=FollowupReportForm(formdata=None),
        issued=followup_reports(tender),
        conflict=conflict,
        **followup_names(),
    )
    return page, status
