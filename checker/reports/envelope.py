"""The report envelope: everything a report shows, as plain data, embedded in the PDF it makes.

Because rendering is deterministic, the embedded envelope is enough to render the report again
and compare bytes: that is how a report is verified years later.
"""

import hashlib
from datetime import UTC
from datetime import datetime

from checker import __version__
from checker.formats.tender import canonical_json
from checker.reports.wording import REPORT_LANGUAGES
from checker.rulesets.ruleset import Ruleset

REPORT_FORMAT = "climate-report/1"
KINDS = ("compliance", "self_declaration")
SELF_DECLARATION = "self_declaration"  # the contractor's own check, not the buyer's decision
EVALUATION = "evaluation"  # the procurement's evaluation report: all tenders, ranking, award
FOLLOWUP = "followup"  # the contract follow-up report: every period against the plan
FOLLOWUP_LANGUAGES = REPORT_LANGUAGES
STATISTICS = "statistics"  # an organisation's annual climate statistics
TIERS = ("summary", "full")


def issue_time(moment: datetime) -> str:
    """ISO 8601 UTC to the second, as printed in and embedded with a report: 2026-11-29T10:00:00Z."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _ruleset_entry(ruleset: Ruleset) -> dict:
    """The rule set a report names, and whose nynorsk its texts are (the product's translation)."""
    entry = ruleset.reference() | {"title": ruleset.title, "publisher": ruleset.publisher}
    if ruleset.translation:
        translation = ruleset.translation
        entry["translations"] = {
            translation.language: {"by": "product", "sha256": translation.sha256}
        }
    return entry


def _rule_texts(ruleset: Ruleset) -> dict:
    """The texts of each rule the report prints beside its result (guidance, source)."""
    texts = {}
    for rule in ruleset.rules:
        source = ruleset.source(rule.source["ref"])
        texts[rule.id] = {
            "guidance": rule.guidance,
            "source": {"name": source["name"], "url": source["url"], "date": source["date"]},
            "origin": rule.origin,
        }
    return texts


def _entries(tender: dict) -> list[dict]:
    """Every machine, vehicle and heating entry, described the way a reader recognises it."""
    entries = []
    for kind in ("machines", "vehicles", "heating"):
        for entry in tender.get(kind) or []:
            label = " ".join(str(part) for part in (entry.get("make"), entry.get("model")) if part)
            entries.append(
                {
                    "id": entry["id"],
                    "kind": kind,
                    "what": entry.get("category") or entry.get("purpose"),
                    "label": label or entry.get("registration") or "",
                    "energy_carrier": entry.get("energy_carrier"),
                }
            )
    return entries


def build_envelope(
    assessment: dict,
    ruleset: Ruleset,
    tender: dict,
    *,
    kind: str,
    tier: str,
    lang: str,
    issued_at: str,
    letterhead: dict | None = None,
) -> dict:
    """The data of one report. issued_at is an ISO 8601 UTC time; it is printed and embedded.

    letterhead names the buyer, its organisation number, the case number and the officer who
    issues the report ({buyer, org_number, case_number, officer}); without it the letterhead
    takes the buyer and the reference from the tender's procurement block."""
    if kind not in KINDS or tier not in TIERS or lang not in REPORT_LANGUAGES:
        raise ValueError(f"unknown report kind/tier/language: {kind}/{tier}/{lang}")
    return {
        "format": REPORT_FORMAT,
        "kind": kind,
        "tier": tier,
        "lang": lang,
        "issued_at": issued_at,
        "ruleset": _ruleset_entry(ruleset),
        "rules": _rule_texts(ruleset),
        "procurement": tender["procurement"],
        "entries": _entries(tender),
        "exception_requests": _requests(tender),
        "assessment": assessment,
    } | ({"letterhead": letterhead} if letterhead else {})


def _requests(tender: dict) -> list[dict]:
    """The contractor's exception requests, shown beside the officer's decisions."""
    return [
        {key: request.get(key) for key in ("id", "item", "ground", "justification")}
        for request in tender.get("exceptions") or []
    ]


def build_evaluation_envelope(
    evaluation: dict,
    ruleset: Ruleset,
    *,
    concluded: dict,
    decision: dict | None,
    lang: str,
    issued_at: str,
    letterhead: dict | None = None,
) -> dict:
    """The data of a procurement's evaluation report.

    evaluation is the concluded ranking (checker.award.evaluate, with the procurement block,
    the FOA § 7-9 result and each tender's key figures); concluded is {at, by}; decision is
    {tender, name, justification, by, at} once the contract is awarded.
    """
    if lang not in REPORT_LANGUAGES:
        raise ValueError(f"unknown report language: {lang}")
    return {
        "format": REPORT_FORMAT,
        "kind": EVALUATION,
        "tier": "full",
        "lang": lang,
        "issued_at": issued_at,
        "ruleset": _ruleset_entry(ruleset),
        "procurement": evaluation["procurement"],
        "evaluation": evaluation,
        "concluded": concluded,
        "decision": decision,
    } | ({"letterhead": letterhead} if letterhead else {})


def build_followup_envelope(
    followup: dict,
    ruleset: Ruleset,
    tender: dict,
    *,
    lang: str,
    issued_at: str,
    letterhead: dict | None = None,
) -> dict:
    """The data of a contract follow-up report: the climate-followup/1 result and what it names.

    Rendered and verified like every report (the same PDF path), so a signature added to
    reports applies to it too. letterhead as for build_envelope.
    """
    if lang not in FOLLOWUP_LANGUAGES:
        raise ValueError(f"unknown report language: {lang}")
    return {
        "format": REPORT_FORMAT,
        "kind": FOLLOWUP,
        "tier": "full",
        "lang": lang,
        "issued_at": issued_at,
        "ruleset": _ruleset_entry(ruleset),
        "rule_titles": {rule.id: rule.title for rule in ruleset.rules},
        "procurement": tender["procurement"],
        "exception_requests": _requests(tender),
        "followup": followup,
    } | ({"letterhead": letterhead} if letterhead else {})


def build_statistics_envelope(
    statistics: dict,
    factors: dict,
    *,
    lang: str,
    issued_at: str,
    letterhead: dict | None = None,
) -> dict:
    """The data of an organisation's annual report "Klimagassutslipp fra bygge- og
    anleggsplasser": its climate-statistics/1 year and the factors behind it ({file sha256:
    {"reference", "carriers"}}), counted by this program's version. Rendered and verified like
    every report. letterhead names who issues it ({officer}; the organisation is the
    statistics' own)."""
    if lang not in REPORT_LANGUAGES:
        raise ValueError(f"unknown report language: {lang}")
    return {
        "format": REPORT_FORMAT,
        "kind": STATISTICS,
        "tier": "full",
        "lang": lang,
        "issued_at": issued_at,
        "organisation": statistics["scope"]["organisation"],
        "statistics": statistics,
        "factors": factors,
        "engine": {"name": "climate-checker", "version": __version__},
    } | ({"letterhead": letterhead} if letterhead else {})


def envelope_sha256(envelope: dict) -> str:
    return hashlib.sha256(canonical_json(envelope)).hexdigest()
