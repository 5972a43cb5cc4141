"""Procurement life cycle and the live FOA § 7-9 check. Plain functions over the models."""

from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from checker import clock
from checker.assessment.engine import TailoringError
from checker.assessment.engine import assess_procurement
from checker.assessment.engine import normalise_tailoring
from checker.assessment.engine import select_rules
from checker.rulesets.ruleset import RuleLibrary
from checker.rulesets.ruleset import Ruleset
from checker.web.audit.recording import acting_as
from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.workspace.freeze import freeze_tenders_of

FOA_RULESET = "foa-7-9"
LIBRARY = RuleLibrary()


def library() -> RuleLibrary:
    return LIBRARY


def chosen_ruleset(procurement: Procurement) -> Ruleset | None:
    if not procurement.ruleset_id:
        return None
    return LIBRARY.get(procurement.ruleset_id, procurement.ruleset_version)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def procurement_block(
    procurement: Procurement, criteria: list[dict] | None = None, exception: tuple | None = None
) -> dict:
    """The procurement as the engine reads it (the procurement block of climate-tender/1)."""
    if criteria is None:
        criteria = [
            {
                "name": c.name,
                "weight_percent": c.weight_percent,
                "is_climate_environment": c.is_climate_environment,
            }
            for c in procurement.criteria
        ]
    block = {
        "reference": procurement.reference,
        "title": procurement.title,
        "buyer": procurement.organisation.name,
        "estimated_value_nok": _number(procurement.estimated_value_nok),
        "award_criteria": [
            {
                "name": c["name"],
                "weight_percent": _number(c["weight_percent"]),
                "climate_environment": bool(c["is_climate_environment"]),
            }
            for c in criteria
        ],
    }
    if procurement.cpv:
        block["cpv"] = procurement.cpv
    if procurement.contract_start:
        block["contract_start"] = procurement.contract_start.isoformat()
    ground, justification = exception or (
        procurement.climate_exception_ground,
        procurement.climate_exception_justification,
    )
    if ground:
        block["climate_exception"] = {"ground": ground, "justification": justification or None}
    return block


def foa_check(
    procurement: Procurement, criteria: list[dict] | None = None, exception: tuple | None = None
) -> dict:
    """FOA § 7-9 on the procurement as it stands, or with an award model not yet saved."""
    ruleset = LIBRARY.get(FOA_RULESET)
    block = procurement_block(procurement, criteria, exception)
    return assess_procurement(ruleset, None, None, block)


def foa_blocks_publishing(result: dict) -> bool:
    """A failed, unanswered or unevaluable § 7-9 rule blocks publishing; a justified exception
    awaiting the officer's own judgement (manual review) does not."""
    return any(r["status"] in ("fail", "error", "not_answered") for r in result["results"])


def save_tailoring(procurement: Procurement, tailoring: dict) -> None:
    """Store a tailoring after the engine has checked it against the chosen rule set."""
    ruleset = chosen_ruleset(procurement)
    procurement.tailoring = normalise_tailoring(ruleset, procurement.level, tailoring)


def choose_ruleset(procurement: Procurement, ruleset: Ruleset, level: str) -> str | None:
    """Set rule set, version and level; returns a note when earlier tailoring had to go.

    A new rule set or version starts with no tailoring (old choices may not fit it); a new level
    keeps only the tailoring of rules that are in it.
    """
    note = None
    tailoring = procurement.tailoring or {}
    if (procurement.ruleset_id, procurement.ruleset_version) != (ruleset.id, ruleset.version):
        if tailoring.get("deselected") or tailoring.get("parameters"):
            note = _("The tailoring was made for another rule set or version and has been cleared.")
        tailoring = {}
    else:
        in_level = {rule.id for rule in select_rules(ruleset, level)}
        kept = {
            part: {
                rule_id: value
                for rule_id, value in (tailoring.get(part) or {}).items()
                if rule_id in in_level
            }
            for part in ("deselected", "parameters")
        }
        if kept != {part: tailoring.get(part) or {} for part in ("deselected", "parameters")}:
            note = _("Tailoring of rules outside the new level has been removed.")
        tailoring = kept
    procurement.tailoring = tailoring
    procurement.ruleset_id, procurement.ruleset_version, procurement.level = (
        ruleset.id,
        ruleset.version,
        level,
    )
    procurement.ruleset_sha256 = ruleset.sha256
    return note


def ruleset_changed_since(procurement: Procurement, ruleset: Ruleset | None) -> bool:
    """The rule file on disk is not the one the procurement fixed (a published version was edited)."""
    return ruleset is not None and procurement.ruleset_sha256 not in (None, ruleset.sha256)


def publish_problems(procurement: Procurement, now: datetime) -> list[str]:
    """Why the procurement cannot be published yet (empty when it can)."""
    problems = []
    if procurement.state != "draft":
        problems.append(_("Only a draft can be published."))
    if not procurement.ruleset_id:
        problems.append(_("Choose a rule set and level."))
    if procurement.tender_deadline is None or procurement.tender_deadline <= now:
        problems.append(_("Set a tender deadline in the future."))
    if not procurement.criteria:
        problems.append(_("Set up the award model."))
    if procurement.ruleset_id:
        try:
            save_tailoring(procurement, procurement.tailoring)
        except TailoringError:
            problems.append(_("The tailoring no longer fits the rule set; review it."))
    if foa_blocks_publishing(foa_check(procurement)):
        problems.append(
            _("The award model breaks FOA § 7-9: see the check on the award model page.")
        )
    return problems


def publish(procurement: Procurement, now: datetime) -> None:
    """Freeze rule set (with its hash), tailoring and award model, and open for tenders."""
    procurement.ruleset_sha256 = chosen_ruleset(procurement).sha256
    procurement.state = "published"
    procurement.published_at = now


def close_expired(now: datetime | None = None) -> None:
    """Published procurements whose deadline has passed are closed, for everyone at once.

    Pages call this before they show states; a cheap read comes first, so a page view only
    writes when a deadline has actually passed. The rows are changed one by one, not by a bulk
    UPDATE, so the audit trail records each closing.
    """
    now = now or clock.now()
    expired = (Procurement.state == "published", Procurement.tender_deadline <= now)
    if db.session.scalar(select(Procurement.id).where(*expired).limit(1)) is None:
        return
    # Several servers may see the same deadline pass: each closes the rows no other is closing.
    closing = db.session.scalars(
        select(Procurement).where(*expired).with_for_update(skip_locked=True)
    ).all()
    with acting_as("system: tender deadline passed"):
        for procurement in closing:
            procurement.state = "closed"
        # The bids are frozen at the same moment: their snapshot hash is recorded now.
        freeze_tenders_of([procurement.id for procurement in closing])
        try:
            db.session.commit()
        except StaleDataError:
            db.session.rollback()  # another request closed them a moment earlier
