"""The Norwegian catalogues (bokmål, nynorsk) are complete and the compiled files that ship
match them."""

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from checker.formats.texts import LANGUAGES
from checker.web.i18n import TRANSLATIONS
from tests.helpers import bokmal_words

CATALOGUES = [lang for lang in LANGUAGES if lang != "en"]  # English is the source language


def _path(lang):
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def _po(lang="nb"):
    with _path(lang).open("rb") as handle:
        return read_po(handle)


def _mo(lang):
    with _path(lang).with_suffix(".mo").open("rb") as handle:
        return read_mo(handle)


def test_every_language_but_english_has_a_catalogue():
    assert CATALOGUES == ["nb", "nn"]
    assert sorted(p.name for p in TRANSLATIONS.iterdir() if p.is_dir()) == CATALOGUES


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_message_is_translated(lang):
    catalog = _po(lang)
    missing = [message.id for message in catalog if message.id and not message.string]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not missing and not fuzzy


def _key(value):
    """Plural messages come back as lists from the compiled file, as tuples from the source."""
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.mark.parametrize("lang", CATALOGUES)
def test_compiled_catalogue_is_up_to_date(lang):
    source = {_key(m.id): _key(m.string) for m in _po(lang) if m.id}
    compiled = {_key(m.id): _key(m.string) for m in _mo(lang) if m.id}
    assert compiled == source, "run: pybabel compile -d checker/translations"


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_text_in_code_and_templates_is_in_the_catalogue(lang):
    from babel.messages.extract import extract_from_dir

    catalog = {m.id for m in _po(lang) if m.id}
    root = TRANSLATIONS.parent.parent
    method_map = [("checker/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}
    found = {
        message
        for _file, _line, message, _c, _x in extract_from_dir(root, method_map, keywords=keywords)
        if isinstance(message, str)
    }
    assert found - catalog == set(), "run pybabel extract/update and translate the new texts"


def test_both_norwegian_catalogues_hold_the_same_messages():
    assert {_key(m.id) for m in _po("nb") if m.id} == {_key(m.id) for m in _po("nn") if m.id}


def test_nynorsk_is_not_bokmal():
    copied = []
    for message in _po("nn"):
        strings = [message.string] if isinstance(message.string, str) else message.string
        found = set().union(*(bokmal_words(s or "") for s in strings))
        if message.id and found:
            copied.append((message.id, sorted(found)))
    assert copied == []
