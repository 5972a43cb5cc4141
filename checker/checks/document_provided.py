"""Check type `document_provided`: one of the named documents is in the tender."""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import register
from checker.formats.messages import define
from checker.formats.messages import kind
from checker.formats.messages import say

DOCUMENT_NAMES = {
    "idling_plan": ("an idling plan", "en plan for å unngå tomgang"),
    "drying_plan": ("a drying plan", "en uttørkingsplan"),
    "heating_description": (
        "a description of how heating and drying will be done fossil-free",
        "en beskrivelse av hvordan oppvarming og uttørking skal gjøres fossilfritt",
    ),
    "environmental_plan": ("an environmental plan", "en miljøplan"),
    "environmental_certificate": (
        "an environmental certificate (ISO 14001, Miljøfyrtårn or EMAS)",
        "et miljøsertifikat (ISO 14001, Miljøfyrtårn eller EMAS)",
    ),
    "chemical_products_list": (
        "a list of the chemical products to be used",
        "en liste over kjemiske produkter som skal brukes",
    ),
    "materials_list": (
        "a list of the materials and goods to be built in",
        "en liste over materialer og varer som skal bygges inn",
    ),
}

DOCUMENT_NAMES_NN = {
    "idling_plan": "ein plan for å unngå tomgang",
    "drying_plan": "ein uttørkingsplan",
    "heating_description": "ei skildring av korleis oppvarming og uttørking skal gjerast fossilfritt",
    "environmental_plan": "ein miljøplan",
    "environmental_certificate": "eit miljøsertifikat (ISO 14001, Miljøfyrtårn eller EMAS)",
    "chemical_products_list": "ei liste over kjemiske produkt som skal brukast",
    "materials_list": "ei liste over material og varer som skal byggjast inn",
}


@kind("document")
def document_phrase(key: str, lang: str) -> str:
    """A document as a sentence names it: "an idling plan", "en plan for å unngå tomgang"."""
    plain = key.replace("_", " ")
    en, nb = DOCUMENT_NAMES.get(key, (plain, plain))
    return {"en": en, "nb": nb, "nn": DOCUMENT_NAMES_NN.get(key, nb)}[lang]


def document_provided(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """One of the named documents is provided (its content is judged by a person if review is set)."""
    documents = ctx.tender.get("documents") or {}
    found = [name for name in params["documents"] if (documents.get(name) or "").strip()]
    names = {"alternatives": params["documents"]}
    if not found:
        return Outcome(
            "not_answered",
            say("document_provided.document_missing", n=names),
            code="document_missing",
        )
    if params["review"]:
        return Outcome(
            "manual_review",
            say("document_provided.document_for_review", n={"code": found[0]}),
            code="document_for_review",
        )
    return Outcome(
        "pass",
        say("document_provided.document_provided", n={"code": found[0]}),
        code="document_provided",
    )


def advise(finding: Finding) -> dict | None:
    if finding.code == "document_for_review":
        return None
    names = finding.params.get("documents") or []
    first = names[0] if names else "document"
    return say("document_provided.attach_tender_documents", doc={"document": first})


RULE = {"documents": ["drying_plan"], "review": False}
EXAMPLES = (
    Example(
        "a drying plan is given",
        RULE,
        {"documents": {"drying_plan": "Fjernvarme, lukket bygg"}},
        "pass",
    ),
    Example("no drying plan: not answered", RULE, {"documents": {}}, "not_answered"),
    Example(
        "an empty text is no document", RULE, {"documents": {"drying_plan": "  "}}, "not_answered"
    ),
    Example(
        "with review, a person judges the document",
        RULE | {"review": True},
        {"documents": {"drying_plan": "Plan"}},
        "manual_review",
    ),
)

register(
    "document_provided",
    document_provided,
    targets={"tender"},
    params={
        "documents": Param("string_list"),
        "review": Param("bool", required=False, default=False),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "document_provided.document_missing": (
            "document missing: {n}",
            "dokument mangler: {n}",
            "dokument manglar: {n}",
        ),
        "document_provided.document_for_review": (
            "{n} provided; an officer must judge its content",
            "{n} levert; oppdragsgiver må vurdere innholdet",
            "{n} levert; oppdragsgjevaren må vurdere innhaldet",
        ),
        "document_provided.document_provided": (
            "{n} provided (content not judged automatically)",
            "{n} levert (innholdet er ikke vurdert automatisk)",
            "{n} levert (innhaldet er ikkje vurdert automatisk)",
        ),
        "document_provided.attach_tender_documents": (
            "Attach {doc} to the tender.",
            "Legg ved {doc} i tilbudet.",
            "Legg ved {doc} i tilbodet.",
        ),
    }
)
