"""A rule's kind, what it applies to and its origin by name, in bokmål, nynorsk and English, for
the command line and the Excel template (the web pages have the same names in their catalogue)."""

from checker.formats.texts import LANGUAGES

# code: (nb, nn, en)
KINDS = {
    "requirement": ("krav", "krav", "requirement"),
    "award": ("tildelingskriterium", "tildelingskriterium", "award criterion"),
    "contract": ("kontraktsvilkår", "kontraktsvilkår", "contract clause"),
    "qualification": ("kvalifikasjonskrav", "kvalifikasjonskrav", "qualification requirement"),
    "procedure": ("prosedyreregel", "prosedyreregel", "procedure rule"),
}
APPLIES = {
    "machines": ("maskiner og utstyr", "maskinar og utstyr", "machines and equipment"),
    "vehicles": ("kjøretøy", "køyretøy", "vehicles"),
    "heating": ("oppvarming og tørk", "oppvarming og tørk", "heating and drying"),
    "fuels": ("drivstoff", "drivstoff", "fuels"),
    "exceptions": ("unntakssøknader", "unntakssøknader", "exception requests"),
    "tender": ("tilbudet", "tilbodet", "the tender"),
    "procurement": ("anskaffelsen", "anskaffinga", "the procurement"),
}
ORIGINS = {
    "published": (
        "som publisert i kilden",
        "som publisert i kjelda",
        "as published in the source",
    ),
    "adapted": (
        "tilpasset fra kilden (gjort kontrollerbar)",
        "tilpassa frå kjelda (gjord kontrollerbar)",
        "adapted from the source (made checkable)",
    ),
    "proposal": (
        "produktets eget forslag, ikke publisert av utgiveren",
        "forslaget til produktet sjølv, ikkje publisert av utgjevaren",
        "this product's own proposal, not published by the publisher",
    ),
}
# Whose nynorsk a rule set's texts are (checker.rulesets.translation).
TRANSLATION = {
    "product": (
        "Nynorsk oversettelse ved produktet, ikke publisert av utgiveren.",
        "Nynorsk omsetjing ved produktet, ikkje publisert av utgjevaren.",
        "Nynorsk translation by this product, not published by the publisher.",
    ),
    "none": (
        "Denne versjonen har ingen nynorsk oversettelse: tekstene står på bokmål.",
        "Denne versjonen har inga nynorsk omsetjing: tekstane står på bokmål.",
        "This version has no nynorsk translation: its texts are in bokmål.",
    ),
    "quoted": (
        "nynorsk ordlyd fra utgiveren",
        "nynorsk ordlyd frå utgjevaren",
        "the publisher's own nynorsk",
    ),
}


def named(table: dict, code: str, lang: str) -> str:
    """A code's name in one of the tables above; an unknown code is shown as it is."""
    names = table.get(code)
    if names is None:
        return code
    return names[LANGUAGES.index(lang)] if lang in LANGUAGES else names[2]
