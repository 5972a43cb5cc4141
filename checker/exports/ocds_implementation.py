"""The contract in follow-up as OCDS: the awarded contract with its implementation section.

Each month of the contract is a reporting milestone (met when its period report is in and
conforming, partially met when it deviates or awaits the officer, not met when it is late,
scheduled before its due day), described with the period's deviations and their handling. Each
period report version and each follow-up report issued is a progress-report document (with its
SHA-256), and each sanction the officer decided is a transaction from the supplier to the buyer.
"""

from checker.followup.labels import DEVIATION_KINDS
from checker.followup.labels import LABELS
from checker.followup.labels import VERDICT
from checker.formats import display

MILESTONE_STATUS = {"conforming": "met", "deviating": "partiallyMet", "incomplete": "partiallyMet"}
TITLES = {
    "nb": ("Perioderapport", "versjon", "Oppfølgingsrapport", "Sanksjon"),
    "nn": ("Perioderapport", "versjon", "Oppfølgingsrapport", "Sanksjon"),
    "en": ("Period report", "version", "Follow-up report", "Sanction"),
}


def _lang(lang: str) -> str:
    return lang if lang in TITLES else "en"


def _span(period: dict, lang: str) -> str:
    return f"{display.day(period['start'], lang)}–{display.day(period['end'], lang)}"


def _handling(deviation: dict, lang: str) -> str:
    labels = LABELS[lang]
    handling = deviation.get("handling")
    if not handling:
        return labels["handling_open"]
    return f"{labels['handled_' + handling['decision']]}: {handling['reason']}"


def _description(verdict: str | None, deviations: list[dict], lang: str) -> str | None:
    if verdict is None:
        return None
    kinds = DEVIATION_KINDS[lang]
    parts = [
        f"{kinds[d['kind']]} {d['item'] or ''}".strip() + f" ({_handling(d, lang)})"
        for d in deviations
    ]
    return VERDICT[lang][verdict] + (": " + "; ".join(parts) if parts else "")


def _milestone(month: dict, followup: dict, day_start, lang: str) -> dict:
    start = month["start"]
    received = [r for r in followup["reports"] if r["period"]["start"] <= month["end"]]
    received = [r for r in received if r["period"]["end"] >= start]
    verdict = next(
        (followup["verdicts"].get(r["period"]["start"]) for r in reversed(received)), None
    )
    if received:
        status = MILESTONE_STATUS.get(verdict, "partiallyMet")
    else:
        status = "notMet" if start in followup["late"] else "scheduled"
    milestone = {
        "id": f"period-{start}",
        "title": f"{TITLES[lang][0]} {_span(month, lang)}",
        "type": "reporting",
        "dueDate": day_start(month["due"]),
        "status": status,
    }
    if received:
        deviations = [d for d in followup["deviations"] if d["period"]["start"] == start]
        milestone["dateMet"] = received[0]["submitted_at"]
        milestone["dateModified"] = max(r["accepted_at"] or r["submitted_at"] for r in received)
        milestone["description"] = _description(verdict, deviations, lang)
    return milestone


def _documents(followup: dict, lang: str) -> list[dict]:
    report, version, followup_title = TITLES[lang][:3]
    documents = [
        {
            "id": f"period-report-{r['period']['start']}-v{r['version']}",
            "documentType": "physicalProgressReport",
            "title": f"{report} {_span(r['period'], lang)} ({version} {r['version']})",
            "description": f"climate-period-report/1, SHA-256 {r['sha256']}",
            "format": "application/json",
            "datePublished": r["submitted_at"],
        }
        for r in followup["reports"]
    ]
    documents += [
        {
            "id": f"followup-report-{r['id']}",
            "documentType": "physicalProgressReport",
            "title": followup_title,
            "description": f"PDF/A, SHA-256 {r['pdf_sha256']}",
            "format": "application/pdf",
            "language": r["lang"],
            "datePublished": r["issued_at"],
        }
        for r in followup["issued_reports"]
    ]
    return documents


def _transactions(followup: dict, buyer: dict, supplier: dict, lang: str) -> list[dict]:
    """The sanctions decided: money the contract has the supplier pay (or have deducted)."""
    found = []
    for deviation in followup["deviations"]:
        handling = deviation.get("handling")
        if not handling or handling["decision"] != "sanctioned" or not deviation["sanctions"]:
            continue
        amount = sum(s["amount_nok"] for s in deviation["sanctions"])
        found.append(
            {
                "id": f"sanction-{deviation['key']}",
                "source": f"{TITLES[lang][3]}: {deviation['sanctions'][0]['rule']}",
                "date": handling["at"],
                "value": {"amount": round(amount, 2), "currency": "NOK"},
                "payer": supplier,
                "payee": buyer,
            }
        )
    return found


def contract(
    ocid: str, procurement: dict, followup: dict, buyer: dict, supplier: dict, day_start, lang: str
) -> dict:
    """The awarded contract with its implementation, from the follow-up record."""
    lang = _lang(lang)
    implementation = {
        "milestones": [_milestone(m, followup, day_start, lang) for m in followup["months"]],
        "transactions": _transactions(followup, buyer, supplier, lang),
        "documents": _documents(followup, lang),
    }
    found = {
        "id": f"{ocid}-contract-1",
        "awardID": f"{ocid}-award-1",
        "title": procurement["title"],
        "status": "active",
        "period": {
            "startDate": day_start(followup["contract_start"]),
            "endDate": day_start(followup["contract_end"]),
        },
        "implementation": {key: value for key, value in implementation.items() if value},
    }
    return {key: value for key, value in found.items() if value is not None}
