"""Norwegian bokmål (default), Norwegian nynorsk and English: the user's choice is kept in the
session; a procurement's public pages default to the language form its buyer chose."""

import re
from functools import cache
from pathlib import Path

from flask import Flask
from flask import g
from flask import has_request_context
from flask import request
from flask import session
from flask_babel import Babel
from flask_babel import LazyString
from flask_babel import get_translations
from flask_babel import gettext as _
from flask_babel import refresh
from werkzeug.datastructures import LanguageAccept

from checker.assessment import status
from checker.formats import display
from checker.formats.texts import LANGUAGE_NAMES
from checker.formats.texts import LANGUAGES
from checker.formats.texts import pick
from checker.intake.columns import SHEETS_BY_KEY
from checker.intake.names import name_of
from checker.rulesets import wording

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
_ENTRY_PATH = re.compile(r"^(?P<list>[a-z]+)\[(?P<index>[0-9]+)\]\.(?P<field>[a-z_]+)")


def select_locale() -> str:
    if not has_request_context():  # command-line messages are in English, as the CLI's own are
        return "en"
    # Asked for dozens of times a page: decided once per request.
    if "locale" not in g:
        g.locale = _chosen_locale()
    return g.locale


def _chosen_locale() -> str:
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    if g.get("page_language") in LANGUAGES:  # a public page of a procurement: its buyer's choice
        return g.page_language
    accepted = [(_language_of(tag), q) for tag, q in request.accept_languages]
    return LanguageAccept(accepted).best_match(LANGUAGES, default="nb")


def _language_of(tag: str) -> str:
    """nn, nn-NO and no-NN ask for nynorsk; no, nb and no-NO for bokmål (not for English)."""
    parts = tag.lower().replace("_", "-").split("-")
    if parts[0] == "nn" or parts[:2] == ["no", "nn"]:
        return "nn"
    if parts[0] in ("no", "nb"):
        return "nb"
    return parts[0]  # en-GB asks for English before a Norwegian it ranks lower


def use_language(code: str | None) -> None:
    """A page's own default language (a procurement's language form), unless the user chose one."""
    if code in LANGUAGES:
        g.page_language = code
        g.pop("locale", None)
        g.pop("translations", None)
        refresh()


def _translations():
    """The request's catalogue, looked up once: a page's template translates 50 to 100 texts,
    and Flask-Babel finds its context anew for every one."""
    if "translations" not in g:
        g.translations = get_translations()
    return g.translations


def init_app(app: Flask, babel: Babel) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
    app.context_processor(_template_helpers)
    app.jinja_env.tests.update(status.TEMPLATE_TESTS)


@cache
def _names_in(locale: str) -> dict:
    """Display names for the closed vocabularies, in the current language."""
    # Built once per language: the page templates ask for these names dozens of times a page.
    return {
        "role": {
            "officer": _("Procurement officer"),
            "contractor": _("Contractor"),
            "auditor": _("Auditor"),
            "admin": _("Administrator"),
        },
        "state": {
            "draft": _("Draft"),
            "published": _("Published"),
            "closed": _("Closed"),
            "evaluated": _("Evaluated"),
            "awarded": _("Awarded"),
        },
        "level": {"basis": _("Basis"), "advanced": _("Advanced"), "spearhead": _("Spearhead")},
        "kind": {
            "requirement": _("Requirement"),
            "award": _("Award criterion"),
            "contract": _("Contract clause"),
            "qualification": _("Qualification requirement"),
            "procedure": _("Procedure rule"),
        },
        # The ranking's standings beside the engine's verdicts (whose names are the core's).
        "verdict": {
            "not_assessed": _("Not assessed"),
            "stale": _("Out of date: assess again"),
        },
        "scoring": {
            "price": _("Price"),
            "rules": _("The rule set's award rules"),
            "manual": _("Officer's scoring"),
        },
        "decision": {"approved": _("Approved"), "rejected": _("Rejected")},
        "standing": {
            "competing": _("In the ranking"),
            "pending": _("Awaiting review"),
            "rejected": _("Rejected"),
        },
        "missing": {
            "price_missing": _("no price"),
            "no_award_rules": _("the level has no award rules; score it by hand"),
            "score_missing": _("points not entered"),
        },
        "run_state": {
            "running": _("Running"),
            "done": _("Done"),
            "failed": _("Done with problems"),
        },
        "origin": {
            "published": _("as published"),
            "adapted": _("adapted from the source"),
            "proposal": _("this product's proposal"),
        },
        "applies": {
            "machines": _("machines and equipment"),
            "vehicles": _("vehicles"),
            "heating": _("heating and drying"),
            "fuels": _("fuels"),
            "exceptions": _("exception requests"),
            "tender": _("the tender"),
            "procurement": _("the procurement"),
        },
        "ground": {
            "specification_instead": _(
                "Climate requirements in the specification instead (§ 7-9 (4))"
            ),
            "insignificant_footprint": _("Insignificant climate footprint (§ 7-9 (5))"),
        },
        "tender_status": {"draft": _("Draft"), "submitted": _("Submitted")},
        "notice_kind": {
            "receipt": _("Receipt for the submitted bid"),
            "bid_frozen": _("Deadline passed, bid frozen"),
            "outcome": _("Outcome of the award"),
            "confirm_email": _("Confirm the e-mail address"),
            "approval_requested": _("Organisation awaits approval"),
            "organisation_approved": _("Organisation approved"),
            "organisation_blocked": _("Organisation blocked"),
            "password_reset": _("Password reset"),
            "invitation": _("Invitation"),
            "period_late": _("Period report overdue"),
            "correction_requested": _("Correction of a period report asked for"),
        },
        "organisation_status": {
            "approved": _("Approved"),
            "pending": _("Awaits approval"),
            "blocked": _("Blocked"),
        },
        "report_state": {"pending": _("Being made"), "ready": _("Ready"), "failed": _("Failed")},
        "report_kind": {
            "compliance": _("Compliance report"),
            "self_declaration": _("Self-declaration"),
            "evaluation": _("Evaluation report"),
            "followup": _("Follow-up report"),
        },
        "tier": {"full": _("Full report"), "summary": _("Summary")},
        "ruleset_status": {"draft": _("draft"), "published": _("published")},
        "entry_kind": {
            "machines": _("Machine"),
            "vehicles": _("Vehicle"),
            "heating": _("Heating or drying"),
            "fuels": _("Fuel"),
            "exceptions": _("Exception request"),
        },
        "entry_list": {
            "machines": _("Machines"),
            "vehicles": _("Vehicles"),
            "heating": _("Heating and drying"),
            "fuels": _("Fuels"),
            "exceptions": _("Exception requests"),
        },
        "document": {
            "idling_plan": _("Idling plan"),
            "drying_plan": _("Drying plan"),
            "environmental_plan": _("Environmental plan"),
            "environmental_certificate": _("Environmental certificate"),
        },
        "field": {
            "kind": _("Kind"),
            "level": _("From level"),
            "replaces": _("replaces"),
            "applies_to": _("Applies to"),
            "check_type": _("Check"),
            "where": _("Scope"),
            "title": _("Title"),
            "requirement": _("Requirement"),
            "origin": _("Origin"),
        },
    }


def display_name(group: str, key: str) -> str:
    """A code's display name in one of the vocabularies ('state', 'tender_status', ...)."""
    return _names_in(select_locale())[group].get(key, key)


def entry_list_name(key: str) -> str:
    """'Maskiner' for machines (documents too), in the current language."""
    names = _names_in(select_locale())
    return names["entry_list"].get(key) or names["applies"].get(key, key)


def lazy_status_name(code: str) -> LazyString:
    """A state's name for a form built before the language is known (at import)."""
    return LazyString(lambda: status.status_name(code, select_locale()))


def verdict_name(code: str) -> str:
    """The verdict's name in the current language, or a standing the ranking gives a tender."""
    return _names_in(select_locale())["verdict"].get(code) or status.verdict_name(
        code, select_locale()
    )


def _template_helpers() -> dict:
    def name(group: str):
        return lambda key: _names_in(select_locale())[group].get(key, key)

    def text(pair: dict | None) -> str:
        """The current language's side of an {nb, en} text from a rule file or a result."""
        if not pair:
            return ""
        return pick(pair, select_locale())

    # Numbers, amounts, shares, dates and times are written by checker.formats.display, the
    # module the PDF reports and the command line use too: one value never reads differently.
    def nok(value) -> str:
        return display.nok(None if value is None else float(value), select_locale())

    def pct(share) -> str:
        """A share (0 to 1) as a percentage with one decimal, in the page's language."""
        return display.percent(share, select_locale())

    def cause_text(cause: str) -> str:
        """Why an assessment was made, from its stored code, in the page's language."""
        kind, _sep, detail = cause.partition(":")
        if kind == "run":
            return _("Assessment of all tenders (run %(id)s)", id=detail)
        if kind == "decision":
            key, _sep, decision = detail.rpartition(":")
            word = {"approved": _("approved"), "rejected": _("rejected")}.get(decision, decision)
            return _("Exception %(key)s %(decision)s", key=key, decision=word)
        if kind == "override":
            return _("Override of %(target)s", target=detail)
        return cause

    def dec(value) -> str:
        """Points and weights with two decimals, in the page's language (8,30 in bokmål)."""
        return display.points(None if value is None else float(value), select_locale())

    def when(value) -> str:
        """A moment in Norway's time: 01.12.2026 kl. 08.46 in Norwegian."""
        return display.moment(value, select_locale())

    def problem_text(problem, data: dict) -> str:
        """machines[2].fuel_id: ... said as 'Machine M3, Fuel ID: ...' in the page's language."""
        match = _ENTRY_PATH.match(problem.path)
        if not match or match["list"] not in SHEETS_BY_KEY:
            return f"{problem.path or '–'}: {problem.text(select_locale())}"
        kind, index, field = match["list"], int(match["index"]), match["field"]
        entries = data.get(kind) or []
        entry_id = entries[index].get("id", "?") if index < len(entries) else "?"
        sheet, lang = SHEETS_BY_KEY[kind], select_locale()
        header = next((c.header(lang) for c in sheet.columns if c.key == field), field)
        where = f"{name('entry_kind')(kind)} {entry_id}, {header}"
        return f"{where}: {problem.text(lang)}"

    def share(value) -> str:
        return display.percent(value, select_locale())

    def figure(value) -> str:
        return display.number(None if value is None else float(value), select_locale())

    return {
        "current_locale": select_locale,
        "language_names": LANGUAGE_NAMES,
        "entry_kind_name": name("entry_kind"),
        "entry_list_name": name("entry_list"),
        "document_name": name("document"),
        "problem_text": problem_text,
        "code_name": lambda code: name_of(code, select_locale()),
        "share": share,
        "figure": figure,
        "role_name": name("role"),
        "state_name": name("state"),
        "level_name": name("level"),
        "kind_name": name("kind"),
        "status_name": lambda code: status.status_name(code, select_locale()),
        "verdict_name": verdict_name,
        "origin_name": name("origin"),
        "applies_name": name("applies"),
        "ground_name": name("ground"),
        "tender_status_name": name("tender_status"),
        "notice_kind_name": name("notice_kind"),
        "organisation_status_name": name("organisation_status"),
        "ruleset_status_name": name("ruleset_status"),
        "field_name": name("field"),
        "report_state_name": name("report_state"),
        "report_kind_name": name("report_kind"),
        "tier_name": name("tier"),
        "scoring_name": name("scoring"),
        "decision_name": name("decision"),
        "standing_name": name("standing"),
        "missing_name": name("missing"),
        "run_state_name": name("run_state"),
        # A rule's parameters by name, their values as a reader reads them (checker.rulesets.wording).
        "param_name": lambda key: wording.parameter_name(key, select_locale()),
        "param_value": lambda rule, key, value: wording.parameter_text(
            rule, key, value, select_locale()
        ),
        "tailored_title": lambda rule, tailoring: wording.tailored_rule(rule, tailoring).title,
        "unit_name": lambda unit: wording.unit_text(unit, select_locale()),
        # A tender entry's fields by their headers, and their values by name.
        "entry_field": lambda key: wording.field_name(key, select_locale()),
        "entry_value": lambda value: wording.entry_value_text(value, select_locale()),
        "t": text,
        "nok": nok,
        "pct": pct,
        "dec": dec,
        "cause_text": cause_text,
        "when": when,
        "day": lambda value: display.day(value, select_locale()),
    }
