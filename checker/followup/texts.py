"""The follow-up's own messages, in Norwegian bokmål, nynorsk and English.

The engine's messages come in bokmål and English; shown in nynorsk, they fall back to bokmål,
as do the names of codes (checker/intake/names.py).
"""

from checker.formats.messages import render
from checker.intake.names import name_of

LANGUAGES = ("nb", "nn", "en")


def code_name(code: str | None, lang: str) -> str:
    """A code's name (batterielektrisk, not battery_electric); '?' for none."""
    if code is None:
        return "?"
    return name_of(code, "en" if lang == "en" else "nb")


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """12 500,5 in Norwegian, 12 500.5 in English; whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}".replace(",", " ")
    return text.replace(".", ",") if lang != "en" else text


def _shown(value, lang: str):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, lang)
    if isinstance(value, dict):  # a text of its own in each language, e.g. a rule's title
        return in_language(value, lang)
    return value


def tell(en: str, nb: str, nn: str, names: dict | None = None, **values) -> dict:
    """A message in the three languages, with the same values filled into each.

    Numbers are written the language's way, a {nb, nn, en} value in each language's words; names
    maps a placeholder to a code, which each language shows by its name.
    """
    texts = {"nb": nb, "nn": nn, "en": en}
    return {
        lang: text.format(
            **{key: _shown(value, lang) for key, value in values.items()},
            **{key: code_name(code, lang) for key, code in (names or {}).items()},
        )
        for lang, text in texts.items()
    }


def in_language(message: dict, lang: str) -> str:
    """A message in the language: a structured one from the core's catalogue, a finished
    {nb, en} or {nb, nn, en} one as written (nynorsk falls back to bokmål)."""
    return render(message, lang)
