"""Norwegian bokmål (default) and English: the user's choice is kept in the session."""

from functools import cache
from pathlib import Path

from flask import Flask
from flask import has_request_context
from flask import request
from flask import session
from flask_babel import Babel
from flask_babel import format_datetime
from flask_babel import format_decimal
from flask_babel import gettext as _

from checker.web.config import SUPPORTED_LOCALES

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def select_locale() -> str:
    if not has_request_context():  # CLI commands and demo data: the default language
        return "nb"
    chosen = session.get("lang")
    if chosen in SUPPORTED_LOCALES:
        return chosen
    return request.accept_languages.best_match(SUPPORTED_LOCALES, default="nb")


def init_app(app: Flask, babel: Babel) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale)
    app.context_processor(_template_helpers)


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
        "status": {
            "pass": _("Pass"),
            "fail": _("Fail"),
            "not_applicable": _("Not applicable"),
            "manual_review": _("Manual review"),
            "not_answered": _("Not answered"),
            "error": _("Error"),
            "waived": _("Waived"),
            "informational": _("Informational"),
        },
        "verdict": {
            "compliant": _("Compliant"),
            "non_compliant": _("Non-compliant"),
            "incomplete": _("Incomplete"),
        },
        "origin": {
            "published": _("as published"),
            "adapted": _("adapted from the source"),
            "proposal": _("this product's proposal"),
        },
    }


def _template_helpers() -> dict:
    def name(group: str):
        return lambda key: _names_in(select_locale())[group].get(key, key)

    def text(pair: dict | None) -> str:
        """The current language's side of an {nb, en} text from a rule file or a result."""
        if not pair:
            return ""
        return pair.get(select_locale()) or pair.get("en") or ""

    def nok(value) -> str:
        return "–" if value is None else format_decimal(value, format="#,##0") + " kr"

    def when(value) -> str:
        return "–" if value is None else format_datetime(value, "yyyy-MM-dd HH:mm")

    return {
        "current_locale": select_locale,
        "role_name": name("role"),
        "state_name": name("state"),
        "level_name": name("level"),
        "kind_name": name("kind"),
        "status_name": name("status"),
        "verdict_name": name("verdict"),
        "origin_name": name("origin"),
        "t": text,
        "nok": nok,
        "when": when,
    }
