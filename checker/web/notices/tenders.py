"""Word to the contractor about a bid: the receipt when it is submitted, the notice when the
deadline passes and it is frozen, and the outcome of the award."""

from datetime import timedelta

from flask import current_app
from flask import has_request_context
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from checker import clock
from checker.formats.tender import tender_sha256
from checker.formats.texts import pick
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.notices import outbox
from checker.web.notices.texts import both
from checker.web.notices.texts import day
from checker.web.notices.texts import points
from checker.web.notices.texts import signature
from checker.web.notices.texts import when


def _bid_url(tender: Tender, endpoint: str = "intake.show") -> str | None:
    """A link to the bid when there is a request to build it from (commands have none)."""
    if not has_request_context():
        return None
    return url_for(endpoint, tender_id=tender.id, _external=True)


def _heading(tender: Tender) -> list[str]:
    procurement = tender.procurement
    return [
        _("Procurement: %(title)s (%(ref)s)", title=procurement.title, ref=procurement.reference),
        _("Buyer: %(name)s", name=procurement.organisation.name),
        _(
            "Contractor: %(name)s (org. no. %(number)s)",
            name=tender.organisation.name,
            number=tender.organisation.org_number,
        ),
    ]


def receipt_lines(tender: Tender) -> list[str]:
    """What a receipt states: who, what, when, and the hash the answers can be checked by."""
    lines = [
        *_heading(tender),
        _("Submitted: %(when)s", when=when(tender.submitted_at)),
        _("SHA-256 of the bid's answers: %(hash)s", hash=tender_sha256(tender.data)),
        _("Tender deadline: %(when)s", when=when(tender.procurement.tender_deadline)),
    ]
    for evidence in tender.evidence:
        lines.append(
            _("Attached: %(name)s, SHA-256 %(hash)s", name=evidence.filename, hash=evidence.sha256)
        )
    return lines


def send_receipt(tender: Tender, user: User) -> None:
    url = _bid_url(tender, "bids.receipt")

    def compose():
        lines = [_("Your bid is submitted."), "", *receipt_lines(tender), ""]
        lines.append(
            _(
                "You can change the bid until the deadline; a change makes it a draft again, "
                "and it must then be submitted again."
            )
        )
        if url:
            lines.append(_("The receipt: %(url)s", url=url))
        return _("Bid submitted: %(title)s", title=tender.procurement.title), lines + signature()

    subject, body = both(compose)
    outbox.send(
        "receipt", user, subject, body, procurement_id=tender.procurement_id, tender_id=tender.id
    )


def _to_organisation(kind: str, tender: Tender, subject: str, body: str) -> None:
    owner = {"procurement_id": tender.procurement_id, "tender_id": tender.id}
    users = outbox.organisation_users(tender.organisation_id)
    if not users:
        outbox.nobody_to_tell(kind, subject, body, organisation_id=tender.organisation_id, **owner)
    for user in users:
        outbox.send(kind, user, subject, body, **owner)


def send_frozen(tender: Tender) -> None:
    """The deadline has passed: what the bid is now, and that nobody can change it."""
    url = _bid_url(tender)

    def compose():
        deadline = when(tender.procurement.tender_deadline)
        lines = [_("The tender deadline passed %(when)s.", when=deadline), "", *_heading(tender)]
        if tender.status == "submitted":
            lines += [
                _("Your bid was submitted %(when)s.", when=when(tender.submitted_at)),
                _(
                    "It is now frozen as submitted: nobody can change it, and the buyer "
                    "assesses it as it stands."
                ),
            ]
        else:
            lines.append(
                _(
                    "Your bid was not submitted before the deadline: it is frozen as a draft "
                    "and will not be assessed."
                )
            )
        lines.append(_("SHA-256 of the frozen bid: %(hash)s", hash=tender.frozen_sha256))
        if url:
            lines.append(_("The bid: %(url)s", url=url))
        subject = _("Deadline passed, bid frozen: %(title)s", title=tender.procurement.title)
        return subject, lines + signature()

    _to_organisation("bid_frozen", tender, *both(compose))


def _standing_lines(entry: dict, winner: dict, criteria: list[dict], ranked: int) -> list[str]:
    """What this tenderer may be told: its own points and rank, and the winner's points (the
    chosen tender's relative advantages, FOA § 25-1); never another tenderer's details."""
    if entry["status"] == "rejected":
        lang = "nb" if str(get_locale()) == "nb" else "en"
        reasons = "; ".join(pick(reason, lang) for reason in entry["reasons"])
        return [_("Your tender was rejected: %(reasons)s", reasons=reasons)]
    lines = [_("Your tender was ranked %(rank)s of %(n)s.", rank=entry["rank"], n=ranked)]
    lines.append(_("Points (0–10, weighted) per criterion, yours and the winning tender's:"))
    for criterion in criteria:
        own = (entry["scores"].get(criterion["id"]) or {}).get("weighted")
        best = (winner["scores"].get(criterion["id"]) or {}).get("weighted")
        lines.append(f"- {criterion['name']}: {points(own)} / {points(best)}")
    lines.append(
        _("Total: %(own)s / %(best)s", own=points(entry["total"]), best=points(winner["total"]))
    )
    return lines


def send_outcome(procurement: Procurement, decision, evaluation) -> None:
    """Every tenderer hears the award: won or not, its standing, the standstill period (days
    set by STANDSTILL_DAYS)."""
    standstill_days = current_app.config["STANDSTILL_DAYS"]
    tenders = {e["id"]: e for e in evaluation.data["tenders"]}
    winner = tenders[str(decision.tender_id)]
    ranked = sum(1 for e in tenders.values() if e["rank"] is not None)
    until = clock.now() + timedelta(days=standstill_days)
    for tender in procurement.tenders:
        entry = tenders.get(str(tender.id))
        if entry is None:
            continue  # not submitted: never part of the competition

        def compose(tender=tender, entry=entry):
            won = tender.id == decision.tender_id
            lines = [
                _("The contract is awarded to you.")
                if won
                else _("The contract is awarded to %(name)s.", name=winner["name"]),
                "",
                *_heading(tender),
                "",
                *_standing_lines(entry, winner, evaluation.data["criteria"], ranked),
                "",
                _("The buyer's justification:"),
                decision.justification,
                "",
                _(
                    "Standstill period (FOA § 25-2): the contract is signed on %(day)s at the "
                    "earliest, %(n)s days after this notice.",
                    day=day(until),
                    n=standstill_days,
                ),
                _(
                    "A complaint about the award must reach the buyer before the standstill "
                    "period ends, by %(day)s.",
                    day=day(until),
                ),
            ]
            subject = (
                _("Awarded to you: %(title)s", title=procurement.title)
                if won
                else _("Outcome of the award: %(title)s", title=procurement.title)
            )
            return subject, lines + signature()

        _to_organisation("outcome", tender, *both(compose))
