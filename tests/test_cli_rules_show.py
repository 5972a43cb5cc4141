"""`checker rules show`: a rule set's texts filled with its parameters, every parameter and value
by its name, in bokmål, nynorsk or English, with a procurement's tailoring if given."""

import json

import pytest

from tests.helpers import untranslated_rules

NBSP = "\u00a0"
# Codes of the rule file a reader never needs to see in the listing.
CODES = (
    "min_stage",
    "allowed_classes",
    "energy_carrier",
    "zero_emission",
    "fossil_free",
    "share_min",
)


def _show(run_cli, *args):
    code, out, err = run_cli("rules", "show", "dfo-fossil-free-site", *args)
    assert code == 0, err
    return out


@pytest.mark.parametrize(
    ("lang", "title", "parameter", "share"),
    [
        ("nb", "Motorer minst trinn IIIB (etter motoreffekt)",
         "minste utslippstrinn: IIIB  (kan tilpasses: IIIB, IV, V)",
         f"minste andel: 20{NBSP}%  (kan tilpasses: 10{NBSP}%–100{NBSP}%)"),
        ("nn", "Motorar minst trinn IIIB (etter motoreffekt)",
         "minste utsleppstrinn: IIIB  (kan tilpassast: IIIB, IV, V)",
         f"minste del: 20{NBSP}%  (kan tilpassast: 10{NBSP}%–100{NBSP}%)"),
        ("en", "Engines at least Stage IIIB (by engine power)",
         "minimum emission stage: IIIB  (tailorable: IIIB, IV, V)",
         "minimum share: 20%  (tailorable: 10%–100%)"),
    ],
)  # fmt: skip
def test_rules_show_names_parameters_and_fills_the_texts(run_cli, lang, title, parameter, share):
    out = _show(run_cli, "--lang", lang)
    assert f"  {title}  (machines-stage-iiib)" in out
    assert parameter in out and share in out
    assert [code for code in CODES if code in out] == []
    assert "{min" not in out  # every placeholder is filled


def test_rules_show_in_nynorsk_says_whose_translation_it_is(run_cli, tmp_path):
    out = _show(run_cli, "--lang", "nn")
    assert "Nynorsk omsetjing ved produktet, ikkje publisert av utgjevaren." in out
    assert (
        "Leverandøren skal leggje ved ei skildring av korleis oppvarming og tørk skal gjerast "
        "fossilfri. [nynorsk ordlyd frå utgjevaren: DFØ kriterieveiviser"
    ) in out
    assert "Krav, frå nivå basis; gjeld maskinar og utstyr" in out
    rules = untranslated_rules(tmp_path)
    code, older, _ = run_cli("rules", "show", "dfo-fossil-free-site", "--rules-dir", rules,
                             "--lang", "nn")  # fmt: skip
    assert code == 0
    assert "Denne versjonen har inga nynorsk omsetjing: tekstane står på bokmål." in older
    assert "Motorer minst trinn IIIB" in older  # the bokmål text, as said


def test_rules_show_fills_a_tailoring_into_every_text(run_cli, tmp_path):
    tailoring = tmp_path / "tailoring.json"
    tailoring.write_text(json.dumps({"parameters": {
        "machines-stage-iiib": {"min_stage": "V"}, "zero-emission-share-20": {"min": 0.3}}}))  # fmt: skip
    out = _show(run_cli, "--tailoring", tailoring)
    assert "  Motorer minst trinn V (etter motoreffekt)  (machines-stage-iiib)" in out
    assert "Maskiner skal minimum tilfredsstille kravene i EU-trinn V." in out
    assert f"  Minst 30{NBSP}% utslippsfri energi  (zero-emission-share-20)" in out
    assert f"minste andel: 30{NBSP}% (tilpasset; publisert verdi 20{NBSP}%)" in out
    assert "minste utslippstrinn: V (tilpasset; publisert verdi IIIB)" in out
    nynorsk = _show(run_cli, "--tailoring", tailoring, "--lang", "nn")
    assert f"Minst 30{NBSP}% av energibruken til maskinar og oppvarming skal vere utsleppsfri" in (
        nynorsk
    )


def test_rules_show_refuses_a_tailoring_outside_the_range(run_cli, tmp_path):
    tailoring = tmp_path / "tailoring.json"
    tailoring.write_text(json.dumps({"parameters": {"zero-emission-share-20": {"min": 2}}}))
    code, out, err = run_cli("rules", "show", "dfo-fossil-free-site", "--tailoring", tailoring)
    assert code == 2 and out == ""
    assert "tailoring.json" in err and "parameters.zero-emission-share-20.min" in err


@pytest.mark.parametrize(
    ("lang", "levels", "rules", "title", "corrected"),
    [
        ("nb", "basis, avansert, spydspiss", "regler", "DFØ – fossilfri bygge- og anleggsplass", "rettet i 1.1"),
        ("nn", "basis, avansert, spydspiss", "reglar", "DFØ – fossilfri byggje- og anleggsplass", "retta i 1.1"),
    ],
)  # fmt: skip
def test_rules_list_in_norwegian_names_levels_and_titles(
    run_cli, lang, levels, rules, title, corrected
):
    code, out, _ = run_cli("rules", "list", "--lang", lang)
    assert code == 0
    first = next(line for line in out.splitlines() if line.startswith("dfo-fossil-free-site"))
    assert levels in first and f"12 {rules}" in first and title in first and corrected in first
    assert "spearhead" not in out and "advanced" not in out
