"""The tender checks' messages a contractor meets read in Norwegian on Norwegian pages."""

import pytest

from checker.formats.inputs import InputError
from checker.formats.tender import validate_tender
from checker.web.problem_texts import in_language


def _messages(tender) -> list[str]:
    with pytest.raises(InputError) as caught:
        validate_tender(tender)
    return [problem.message for problem in caught.value.problems]


def test_every_entry_check_message_has_norwegian_words(school):
    school["machines"][1]["fuel_id"] = "F9"  # unknown fuel
    school["machines"][3]["id"] = "M1"  # a second M1
    school["machines"][5]["energy_carrier"] = "biogas"  # burns F1 (HVO)? no
    school["exceptions"] = [{"id": "E1", "item": "M99", "ground": "not_available"}]
    messages = _messages(school)
    assert len(messages) == 4
    for message in messages:
        translated = in_language(message, "nb")
        assert translated != message, message
    assert in_language(messages[0], "en") == messages[0]


def test_unknown_messages_are_left_as_they_are():
    assert in_language("something new", "nb") == "something new"
