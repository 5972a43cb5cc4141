"""A procurement's criteria and results as an OCDS 1.1.5 release package (plain data in, out).

The climate rules become criteria of the OCDS requirements extension: one criterion per rule,
with one requirement group holding one requirement, "the tender meets this rule" (boolean,
expected true), whose description carries the requirement text and the parameters as applied.
Each submitted tender becomes a bid (bids extension) whose requirement responses carry the
assessment: true for pass, false for fail, no value (and the state in the description) for
anything a person still has to judge or that was waived.
"""

from datetime import date
from datetime import datetime
from datetime import time

from checker.assessment.engine import select_rules
from checker.clock import OSLO
from checker.exports.ocds_implementation import contract
from checker.rulesets.ruleset import Ruleset

VERSION = "1.1"
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_requirements_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json",
]
ORG_SCHEME = "NO-BRC"  # Brønnøysund Register Centre: Norwegian organisation numbers
TENDER_STATUS = {
    "draft": "planning",
    "published": "active",
    "closed": "active",
    "evaluated": "active",
    "awarded": "complete",
}
ANSWER = {"pass": True, "fail": False}
# A tender's standing in the concluded evaluation, as the bids extension's status codes say it.
BID_STATUS = {"competing": "valid", "rejected": "disqualified", "pending": "pending"}


def day_start(day: date | str | None) -> str | None:
    """A calendar day (a date or its ISO spelling) as the ISO 8601 date-time OCDS wants:
    midnight in Norway."""
    if not day:
        return None
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.combine(day, time(0), tzinfo=OSLO).isoformat()


def party_id(org_number: str) -> str:
    return f"{ORG_SCHEME}-{org_number}"


def _party(name: str, org_number: str, role: str) -> dict:
    return {
        "id": party_id(org_number),
        "name": name,
        "identifier": {"scheme": ORG_SCHEME, "id": org_number, "legalName": name},
        "roles": [role],
    }


def _parameters_text(rule, tailored: dict) -> str:
    values = {name: param.value for name, param in rule.parameters.items()} | tailored
    return "; ".join(f"{name} = {value}" for name, value in sorted(values.items()))


def criteria(ruleset: Ruleset, level: str, tailoring: dict, lang: str) -> list[dict]:
    """One criterion per rule the procurement uses (deselected rules left out)."""
    deselected = set((tailoring.get("deselected") or {}).keys())
    parameters = tailoring.get("parameters") or {}
    found = []
    for rule in select_rules(ruleset, level, deselected):
        if rule.id in deselected or rule.applies_to == "procurement":
            continue
        text = rule.requirement[lang]
        applied = _parameters_text(rule, parameters.get(rule.id) or {})
        requirement = {
            "id": f"{rule.id}/requirement",
            "title": rule.title[lang],
            "description": f"{text} ({applied})" if applied else text,
            "dataType": "boolean",
            "expectedValue": True,
        }
        found.append(
            {
                "id": rule.id,
                "title": rule.title[lang],
                "description": f"{rule.kind}: {text}",
                "relatesToTenderer": rule.kind == "qualification",
                "requirementGroups": [
                    {"id": f"{rule.id}/group", "description": text, "requirements": [requirement]}
                ],
            }
        )
    return found


def _response(bid_id: str, result: dict, titles: dict, lang: str) -> dict:
    response = {
        "id": f"{bid_id}/{result['rule']}",
        "requirement": {"id": f"{result['rule']}/requirement", "title": titles[result["rule"]]},
        "description": f"{result['status']}: {(result.get('message') or {}).get(lang, '')}",
    }
    if result["status"] in ANSWER:
        response["value"] = ANSWER[result["status"]]
    return response


def bid(tender: dict, used: list[dict], lang: str) -> dict:
    """A submitted tender as an OCDS bid with its responses to the criteria."""
    bid_id = str(tender["id"])
    titles = {criterion["id"]: criterion["title"] for criterion in used}
    results = (tender.get("assessment") or {}).get("results") or []
    details = {
        "id": bid_id,
        "date": tender["submitted_at"],
        "tenderers": [{"id": party_id(tender["org_number"]), "name": tender["contractor"]}],
        "requirementResponses": [
            _response(bid_id, result, titles, lang)
            for result in results
            if result["rule"] in titles
        ],
    }
    if tender.get("price_nok") is not None:
        details["value"] = {"amount": float(tender["price_nok"]), "currency": "NOK"}
    if tender.get("standing") in BID_STATUS:
        details["status"] = BID_STATUS[tender["standing"]]
    if not details["requirementResponses"]:
        del details["requirementResponses"]  # the extension wants at least one if present
    return details


def _award(ocid: str, award: dict) -> dict:
    """The award decision: the winning tender's contractor and price, and the justification."""
    found = {
        "id": f"{ocid}-award-1",
        "status": "active",
        "date": award["date"],
        "description": award["justification"],
        "suppliers": [{"id": party_id(award["org_number"]), "name": award["contractor"]}],
        "relatedBid": str(award["tender"]),
    }
    if award.get("price_nok") is not None:
        found["value"] = {"amount": float(award["price_nok"]), "currency": "NOK"}
    return found


def _award_details(award_model: dict) -> str:
    rows = [
        f"{c['name']}: {c['weight_percent']} %"
        + (" (climate and environment)" if c["is_climate_environment"] else "")
        for c in award_model["criteria"]
    ]
    return "; ".join(rows)


def _tender_block(procurement: dict, award_model: dict, used: list[dict]) -> dict:
    block = {
        "id": procurement["reference"],
        "title": procurement["title"],
        "description": procurement["description"] or None,
        "status": TENDER_STATUS.get(procurement["state"]),
        "mainProcurementCategory": "works",
        "awardCriteria": "ratedCriteria" if award_model["criteria"] else None,
        "awardCriteriaDetails": _award_details(award_model) or None,
        "tenderPeriod": {"endDate": procurement["tender_deadline"]},
        "contractPeriod": {
            "startDate": day_start(procurement["contract_start"]),
            "endDate": day_start(procurement["contract_end"]),
        },
    }
    if procurement["estimated_value_nok"] is not None:
        block["value"] = {"amount": float(procurement["estimated_value_nok"]), "currency": "NOK"}
    if procurement["cpv"]:
        block["items"] = [
            {
                "id": "1",
                "description": procurement["title"],
                "classification": {"scheme": "CPV", "id": procurement["cpv"]},
            }
        ]
    if used:
        block["criteria"] = used
    return {key: value for key, value in block.items() if value is not None}


def release_package(
    procurement: dict,
    award_model: dict,
    ruleset: Ruleset | None,
    tenders: list[dict],
    *,
    prefix: str,
    published_at: datetime,
    lang: str = "en",
    award: dict | None = None,
    followup: dict | None = None,
) -> dict:
    """The release package of one procurement.

    procurement: id, reference, title, description, state, buyer {name, org_number}, cpv,
    estimated_value_nok, tender_deadline (ISO 8601), contract_start/contract_end (dates),
    level, tailoring. tenders: id, contractor, org_number, price_nok, submitted_at, assessment,
    standing (competing, rejected or pending, once the evaluation is concluded). award: the award
    decision, {tender, contractor, org_number, price_nok, date, justification}, once made.
    followup: the contract's follow-up record (checker.web.followup.records), once a period
    report is in: the contract and its implementation (checker.exports.ocds_implementation).
    """
    ocid = f"{prefix}-{procurement['id']}"
    when = published_at.isoformat(timespec="seconds")
    used = (
        criteria(ruleset, procurement["level"], procurement["tailoring"] or {}, lang)
        if ruleset
        else []
    )
    buyer = procurement["buyer"]
    parties = [_party(buyer["name"], buyer["org_number"], "buyer")]
    tenderers = {t["org_number"]: t["contractor"] for t in tenders}
    parties += [_party(name, number, "tenderer") for number, name in tenderers.items()]
    release = {
        "ocid": ocid,
        "id": f"{ocid}-{published_at.strftime('%Y%m%dT%H%M%SZ')}",
        "date": when,
        "tag": ["planning"] if procurement["state"] == "draft" else ["tender"],
        "initiationType": "tender",
        "language": lang,
        "parties": parties,
        "buyer": {"id": party_id(buyer["org_number"]), "name": buyer["name"]},
        "tender": _tender_block(procurement, award_model, used),
    }
    if tenders:
        release["bids"] = {"details": [bid(tender, used, lang) for tender in tenders]}
    if award:
        release["tag"] = ["award"]
        release["awards"] = [_award(ocid, award)]
        for party in parties:
            if party["id"] == party_id(award["org_number"]):
                party["roles"].append("supplier")
        if followup and followup["reports"]:
            release["tag"] = ["award", "contract", "implementation"]
            supplier = {"id": party_id(award["org_number"]), "name": award["contractor"]}
            release["contracts"] = [
                contract(ocid, procurement, followup, release["buyer"], supplier, day_start, lang)
            ]
    return {
        "version": VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": when,
        "publisher": {"name": buyer["name"], "scheme": ORG_SCHEME, "uid": buyer["org_number"]},
        "releases": [release],
    }
