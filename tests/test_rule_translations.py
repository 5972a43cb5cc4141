"""Nynorsk beside a published rule file (rules/<id>/<version>.nn.yaml): loaded with the file, every
text translated, nothing translated that the file lacks, the same {parameters}, the publisher's own
wording only where it is quoted, and nynorsk, not bokmål."""

import re
import shutil

import pytest
import yaml

from checker.assessment.engine import assess
from checker.formats.inputs import read_file
from checker.formats.tender import validate_tender
from checker.reports.envelope import build_envelope
from checker.reports.html import render_html
from checker.rulesets.ruleset import RuleLibrary
from checker.rulesets.ruleset import RulesetError
from checker.rulesets.ruleset import load_ruleset_file
from checker.rulesets.translation import rule_texts
from tests.helpers import EXAMPLES
from tests.helpers import ROOT
from tests.helpers import bokmal_words
from tests.helpers import soup
from tests.helpers import untranslated_rules

LIBRARY = RuleLibrary(ROOT / "rules")
DEFAULTS = [LIBRARY.get(ruleset_id) for ruleset_id in LIBRARY.ids()]
TRANSLATED = [
    ruleset
    for ruleset_id in LIBRARY.ids()
    for version in LIBRARY.versions(ruleset_id)
    if (ruleset := LIBRARY.get(ruleset_id, version)).translation
]


def _document(ruleset) -> dict:
    return yaml.safe_load(ruleset.path.read_text(encoding="utf-8"))


def test_every_version_has_its_nynorsk():
    versions = [(i, v) for i in LIBRARY.ids() for v in LIBRARY.versions(i)]
    assert [(r.id, r.version) for r in TRANSLATED] == versions
    assert all(ruleset.translation for ruleset in DEFAULTS)


@pytest.mark.parametrize("ruleset", TRANSLATED, ids=lambda r: f"{r.id}-{r.version}")
def test_the_nynorsk_is_nynorsk(ruleset):
    texts = rule_texts(_document(ruleset))
    assert ruleset.translation.texts == len(texts)
    nynorsk = _loaded_texts(ruleset)
    assert set(nynorsk) == set(texts)
    # A quotation («…») stays in the language of its source.
    copied = {
        path: sorted(bokmal_words(re.sub(r"«[^»]*»", "", text))) for path, text in nynorsk.items()
    }
    assert {path: words for path, words in copied.items() if words} == {}
    same = [path for path, text in nynorsk.items() if text == texts[path]["nb"]]
    assert len(same) < len(texts) / 4, same  # a few names read alike; most texts do not


def _loaded_texts(ruleset) -> dict:
    """The nynorsk of every text as the loaded rule set carries it (templates, not filled)."""
    found = {"title": ruleset.title["nn"], "description": ruleset.description["nn"]}
    if ruleset.corrects:
        found["corrects"] = ruleset.corrects["note"]["nn"]
    for rule in ruleset.rules:
        texts = rule.templates
        for field in ("title", "requirement", "guidance", "note"):
            if texts[field]:
                found[f"rules.{rule.id}.{field}"] = texts[field]["nn"]
        for index, text in enumerate(texts["evidence"]):
            found[f"rules.{rule.id}.evidence.{index}"] = text["nn"]
        for name, parameter in rule.parameters.items():
            if isinstance(parameter.unverified, dict):
                found[f"rules.{rule.id}.parameters.{name}"] = parameter.unverified["nn"]
    return found


def test_a_text_in_the_publishers_nynorsk_is_marked_and_read_as_quoted():
    ruleset = LIBRARY.get("dfo-fossil-free-site", "1.2")
    rule = ruleset.rule("heating-description")
    assert rule.requirement["nn"] == (
        "Leverandøren skal leggje ved ei skildring av korleis oppvarming og tørk skal gjerast "
        "fossilfri."
    )
    assert ruleset.translation.quoted_from("rules.heating-description.requirement") == (
        "dfo-machines-nn"
    )
    assert ruleset.translation.quoted_from("rules.heating-description.title") is None


def test_the_nynorsk_fills_the_tailored_values():
    rule = LIBRARY.get("dfo-fossil-free-site", "1.2").rule("machines-stage-iiib")
    assert rule.title["nn"] == "Motorar minst trinn IIIB (etter motoreffekt)"
    assert "i EU-trinn IIIB." in rule.requirement["nn"]


def _broken(tmp_path, mutate):
    """A copy of dfo-fossil-free-site 1.2 whose nynorsk is changed by mutate."""
    folder = tmp_path / "dfo-fossil-free-site"
    folder.mkdir()
    source = ROOT / "rules" / "dfo-fossil-free-site"
    shutil.copy(source / "1.2.yaml", folder / "1.2.yaml")
    translation = yaml.safe_load((source / "1.2.nn.yaml").read_text(encoding="utf-8"))
    mutate(translation)
    (folder / "1.2.nn.yaml").write_text(
        yaml.safe_dump(translation, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder / "1.2.yaml"


def _stage(translation) -> dict:
    return translation["rules"]["machines-stage-iiib"]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda t: _stage(t).pop("guidance"),
            "rules.machines-stage-iiib.guidance: has no nynorsk text",
        ),
        (
            lambda t: t["rules"].update({"no-such-rule": {"title": "Ingen slik regel"}}),
            "rules.no-such-rule.title: the rule file has no such text",
        ),
        (
            lambda t: _stage(t)["evidence"].append("Ein prov til"),
            "rules.machines-stage-iiib.evidence.1: the rule file has no such text",
        ),
        (
            lambda t: _stage(t).update(title="Motorar minst trinn IIIB"),
            "rules.machines-stage-iiib.title: expected the bokmål text's placeholders (min_stage)",
        ),
        (
            lambda t: _stage(t).update(title={"text": "Motorar {min_stage}", "quoted_from": "x"}),
            "rules.machines-stage-iiib.title: quotes 'x', which is not a source of the file",
        ),
        (
            lambda t: _stage(t).update(
                title={"text": "Motorar {min_stage}", "quoted_from": "dfo-machines-nn"}
            ),
            "rules.machines-stage-iiib.title: is not word for word in the passage of "
            "'dfo-machines-nn'",
        ),
        (
            lambda t: t.update(translates={"id": "dfo-fossil-free-site", "version": "1.1"}),
            "translates: expected {'id': 'dfo-fossil-free-site', 'version': '1.2'}",
        ),
    ],
)
def test_a_broken_translation_names_its_file_and_the_text(tmp_path, mutate, expected):
    path = _broken(tmp_path, mutate)
    with pytest.raises(RulesetError) as caught:
        load_ruleset_file(path)
    assert caught.value.source.endswith("1.2.nn.yaml")
    assert expected in [str(problem) for problem in caught.value.problems]


def test_validate_reports_a_broken_translation_and_lists_no_translation_as_a_version(
    run_cli, tmp_path
):
    path = _broken(tmp_path, lambda t: _stage(t).pop("title"))
    code, out, err = run_cli("rules", "validate", "--rules-dir", tmp_path)
    assert code == 2
    assert "1.2.nn.yaml" in err and "rules.machines-stage-iiib.title: has no nynorsk text" in err
    assert RuleLibrary(tmp_path).versions("dfo-fossil-free-site") == ["1.2"]
    assert RuleLibrary(tmp_path).files() == [path]


def test_a_nynorsk_page_says_whose_translation_it_shows(client):
    client.post("/lang/nn")
    page = soup(client.get("/rules/dfo-fossil-free-site/1.2"))
    note = page.select_one(".translation-note").get_text(" ", strip=True)
    assert note.startswith("Nynorsk omsetjing ved produktet, ikkje publisert av utgjevaren")
    assert page.find("h1").text == "DFØ – fossilfri byggje- og anleggsplass"
    heating = page.select_one("#rule-heating-description").get_text(" ", strip=True)
    assert "På nynorsk er kravteksten ordlyden til utgjevaren sjølv" in heating
    stage = page.select_one("#rule-machines-stage-iiib").get_text(" ", strip=True)
    assert "Motorar minst trinn IIIB" in stage and "ordlyden til utgjevaren" not in stage
    client.post("/lang/nb")
    assert soup(client.get("/rules/dfo-fossil-free-site/1.2")).select(".translation-note") == []


@pytest.mark.parametrize(
    ("translated", "said"),
    [
        (True, "Nynorsk omsetjing av regelsettet ved produktet, ikkje publisert av utgjevaren."),
        (False, "Tekstane frå regelsettet finst ikkje på nynorsk og står på bokmål."),
    ],
)
def test_a_nynorsk_report_says_whose_translation_it_prints(tmp_path, translated, said):
    library = LIBRARY if translated else RuleLibrary(untranslated_rules(tmp_path))
    ruleset = library.get("dfo-fossil-free-site", "1.2")
    tender = validate_tender(read_file(EXAMPLES / "fossil-generator.json"))
    assessment = assess(ruleset, "advanced", None, tender)
    envelope = build_envelope(
        assessment, ruleset, tender, kind="compliance", tier="full", lang="nn",
        issued_at="2026-11-29T07:46:28Z",
    )  # fmt: skip
    html = render_html(envelope, "0" * 64)
    assert said in html
    assert "vurderingsmotoren" not in html  # the engine's messages all have their nynorsk
    title = "Motorar" if translated else "Motorer"
    assert f"{title} minst trinn IIIB (etter motoreffekt)" in html


def test_a_nynorsk_page_says_when_a_version_has_no_translation(client, monkeypatch, tmp_path):
    from checker.web.procurements import workflow

    monkeypatch.setattr(workflow, "LIBRARY", RuleLibrary(untranslated_rules(tmp_path)))
    client.post("/lang/nn")
    page = soup(client.get("/rules/dfo-fossil-free-site/1.2"))
    note = page.select_one(".translation-note").get_text(" ", strip=True)
    assert (
        note
        == "Denne versjonen av regelsettet har inga nynorsk omsetjing: tekstane blir viste på bokmål."
    )
    assert "Motorer minst trinn IIIB" in page.select_one("#rule-machines-stage-iiib").text


def test_a_reason_to_verify_without_nynorsk_reads_in_bokmal(tmp_path):
    ruleset = RuleLibrary(untranslated_rules(tmp_path)).get("dfo-fossil-free-site", "1.2")
    bands = ruleset.rule("machines-stage-iiib").parameters["power_bands"]
    assert bands.unverified_text("nn") == bands.unverified["nb"]
    assert bands.unverified_text("en") == bands.unverified["en"]


def test_validate_takes_a_translation_for_its_file_and_finds_one_beside_no_file(run_cli, tmp_path):
    folder = untranslated_rules(tmp_path) / "dfo-fossil-free-site"
    nynorsk = (ROOT / "rules" / "dfo-fossil-free-site" / "1.2.nn.yaml").read_bytes()
    (folder / "1.2.nn.yaml").write_bytes(nynorsk)
    code, out, _ = run_cli("rules", "validate", folder / "1.2.nn.yaml")
    assert code == 0 and "(dfo-fossil-free-site 1.2, 15 rules, nynorsk 74 texts)" in out
    (folder / "1.3.nn.yaml").write_bytes(nynorsk)
    code, out, err = run_cli("rules", "validate", "--rules-dir", tmp_path)
    assert code == 2
    assert "1.3.nn.yaml: translates 1.3.yaml, which does not exist" in err
    assert "1 of 2 file(s) invalid" in err
