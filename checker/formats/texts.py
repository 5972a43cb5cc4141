"""Languages of the product, and the typed values messages carry (see checker.formats.messages,
the one catalogue and renderer of the core's messages)."""

from checker.formats.messages import render

LANGUAGES = ("nb", "nn", "en")
# Each language's name in that language, as a language menu shows it.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


def pick(text, lang: str) -> str:
    """A text in the language: a structured message rendered from the catalogue; a finished
    {nb, nn, en} text's side, nynorsk falling back to bokmål (a text stored before nynorsk
    existed, or a rule set that has none), then English."""
    return render(text, lang)


def ids(items) -> dict:
    """Item ids for a message (rendered as at most eight, then a count)."""
    return {"ids": [item["id"] for item in items]}


def percent(share: float | None) -> dict:
    """A share found, for a message (54,6 % in bokmål)."""
    return {"share": share}


def points(value: float | None) -> dict:
    """Points for a message, with two decimals as each language writes them (4,88 in bokmål)."""
    return {"points": value}
