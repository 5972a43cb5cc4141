"""The check pages' answers in words: what a check of a report or a dossier found, in the
page's language (the core's reasons are English and technical)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from checker.reports.verify import Verification
from checker.signing import checks
from checker.signing.register import describe
from checker.web import signing

REPORT_HEADLINES = {
    "authentic": _l("Authentic: issued by this organisation and not altered since"),
    "not_issued": _l("Not authentic: not issued by this organisation"),
    "altered": _l("Not authentic: altered after it was signed"),
    "not_valid": _l("Not a valid report"),
}


def _signature_reason(result: Verification) -> str:
    signature = result.signature
    if signature is None or signature.state == checks.BROKEN:
        return _("The file cannot be read as a PDF: it is damaged or not a PDF.")
    if signature.state == checks.UNSIGNED:
        return _(
            "It carries no signature. Anyone with the program can make a file like this, "
            "also from made-up data."
        )
    if signature.state == checks.FOREIGN:
        return _(
            "It is signed, but with a certificate this organisation does not use (%(signer)s).",
            signer=signature.signer,
        )
    if signature.state == checks.ALTERED:
        return _("It was signed, but the file has been changed since.")
    return ""


def report_reasons(result: Verification) -> list[str]:
    """Why the answer is what it is, in the page's language."""
    reasons = []
    if result.state != "authentic":
        reasons.append(_signature_reason(result))
    if result.state == "not_valid" and result.signature and result.signature.state != "broken":
        reasons = [_("It is not a report of this service: it carries no report data it can read.")]
    if result.state == "not_issued" and result.signature and result.signature.is_valid:
        reasons = [
            _(
                "It is signed with this organisation's key, but it is not in the register of "
                "issued reports."
            )
        ]
    if result.state == "not_issued" and result.registered_at and not result.signature.is_valid:
        reasons.append(
            _(
                "This service's register holds the file from before reports were signed. Without "
                "a signature its origin cannot be shown: ask the issuer for a signed copy."
            )
        )
    if result.reproducible is True:
        reasons.append(
            _(
                "Its pages are exactly what its embedded data gives. On its own that proves "
                "nothing about who made the file: anyone can render the same data."
            )
        )
    elif result.reproducible is False:
        reasons.append(_("Its pages are not what its embedded data gives."))
    return [reason for reason in reasons if reason]


def certificate_facts() -> dict:
    """The organisation's current certificate as the page announces it, and how many it has
    signed with in all (older ones keep their reports verifiable)."""
    current = signing.current()
    facts = describe(current.key.certificate)
    facts["is_instance_key"] = current.key.is_instance_key
    facts["count"] = len(current.trusted())
    return facts
