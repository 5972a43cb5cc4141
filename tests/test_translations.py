"""The Norwegian catalogue is complete and the compiled file that ships matches it."""

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from checker.web.i18n import TRANSLATIONS

PO = TRANSLATIONS / "nb" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


def _po():
    with PO.open("rb") as handle:
        return read_po(handle)


def _mo():
    with MO.open("rb") as handle:
        return read_mo(handle)


def test_every_message_is_translated():
    catalog = _po()
    missing = [message.id for message in catalog if message.id and not message.string]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not missing and not fuzzy


def _key(value):
    """Plural messages come back as lists from the compiled file, as tuples from the source."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalogue_is_up_to_date():
    source = {_key(m.id): _key(m.string) for m in _po() if m.id}
    compiled = {_key(m.id): _key(m.string) for m in _mo() if m.id}
    assert compiled == source, "run: pybabel compile -d checker/translations"


def test_every_text_in_code_and_templates_is_in_the_catalogue():
    from babel.messages.extract import extract_from_dir

    catalog = {m.id for m in _po() if m.id}
    root = TRANSLATIONS.parent.parent
    method_map = [("checker/**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}
    found = {
        message
        for _file, _line, message, _c, _x in extract_from_dir(root, method_map, keywords=keywords)
        if isinstance(message, str)
    }
    assert found - catalog == set(), "run pybabel extract/update and translate the new texts"
