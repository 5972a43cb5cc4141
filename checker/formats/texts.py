"""Text for results in Norwegian bokmål, Norwegian nynorsk and English: every message is a
{nb, nn, en} dict."""

from checker.formats import display

LANGUAGES = ("nb", "nn", "en")
# Each language's name in that language, as a language menu shows it.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


def say(en: str, nb: str, nn: str | None = None, **values) -> dict:
    """A message in each language, with the same values filled into each. A message without its
    nynorsk text reads as bokmål in nynorsk (tests/test_language_pages.py lists those)."""
    texts = {"nb": nb, "nn": nb if nn is None else nn, "en": en}
    if values:
        return {lang: text.format(**in_language(values, lang)) for lang, text in texts.items()}
    return texts


def pick(text: dict, lang: str) -> str:
    """A text's side in the language: nynorsk falls back to bokmål (a text stored before nynorsk
    existed, or a rule set that has none), then English."""
    if lang in text:
        return text[lang]
    if lang == "nn" and "nb" in text:
        return text["nb"]
    return text.get("en", "")


def in_language(values: dict, lang: str) -> dict:
    """A value given per language (a number written for each) is filled in in its own."""
    return {
        key: value[lang] if isinstance(value, PerLanguage) else value
        for key, value in values.items()
    }


class PerLanguage(dict):
    """A value written once for each language, e.g. a share: {"nb": "59,2 %", "en": "59.2%"}."""

    def __str__(self) -> str:
        return self["en"]


def ids(items) -> str:
    """A short list of item ids for a message: at most eight, then a count."""
    names = [item["id"] for item in items]
    if len(names) > 8:
        return ", ".join(names[:8]) + f" (+{len(names) - 8})"
    return ", ".join(names)


def percent(share: float | None) -> PerLanguage:
    """A share for a message, written the way each language writes it (one rounding rule)."""
    return PerLanguage({lang: display.percent(share, lang) for lang in LANGUAGES})


def points(value: float | None) -> PerLanguage:
    """Points for a message, with two decimals as each language writes them (4,88 in bokmål)."""
    return PerLanguage({lang: display.points(value, lang) for lang in LANGUAGES})
