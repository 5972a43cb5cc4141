"""Bilingual (Norwegian bokmål and English) text for results: every message is a {nb, en} pair."""

LANGUAGES = ("nb", "en")
# Each language's name in that language, as a language menu shows it.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "en": "English"}


def say(en: str, nb: str, **values) -> dict:
    """A message in both languages, with the same values filled into each."""
    if values:
        return {"nb": nb.format(**values), "en": en.format(**values)}
    return {"nb": nb, "en": en}


def ids(items) -> str:
    """A short list of item ids for a message: at most eight, then a count."""
    names = [item["id"] for item in items]
    if len(names) > 8:
        return ", ".join(names[:8]) + f" (+{len(names) - 8})"
    return ", ".join(names)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f} %"
