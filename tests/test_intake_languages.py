"""The machine-list template in bokmål, nynorsk and English, read back with openpyxl: headers,
drop-down names, the instruction sheet (the rules as a procurement's tailoring reads them), and an
upload of each language's workbook read as the same tender."""

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from checker.formats.inputs import read_file
from checker.intake.read import read_upload
from checker.intake.template import build_xlsx
from checker.rulesets.ruleset import RuleLibrary
from checker.web.extensions import db
from checker.web.models import Procurement
from tests.helpers import EXAMPLES
from tests.helpers import bokmal_words
from tests.helpers import soup
from tests.helpers import untranslated_rules

RULESET = RuleLibrary().get("dfo-fossil-free-site", "1.2")
LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions", "documents")
NBSP = "\u00a0"


def _workbook(*args, **kwargs):
    return load_workbook(io.BytesIO(build_xlsx(RULESET, *args, **kwargs)))


def _instructions(workbook, title) -> list[str]:
    return [str(c.value) for row in workbook[title].iter_rows() for c in row if c.value]


def _validation(worksheet, header):
    """The drop-down of the column with this header."""
    letter = next(cell.column_letter for cell in worksheet[1] if cell.value == header)
    return next(
        dv for dv in worksheet.data_validations.dataValidation if f"{letter}2" in str(dv.sqref)
    )


def _drop_down(workbook, sheet, header, lists_title) -> list[str]:
    """The values offered in one column's drop-down (on the hidden lists sheet)."""
    validation = _validation(workbook[sheet], header)
    column = validation.formula1.split("!$")[1].split("$")[0]
    return [c.value for c in workbook[lists_title][column][1:] if c.value is not None]


def test_the_nynorsk_template_speaks_nynorsk():
    workbook = _workbook("nn")
    assert workbook.sheetnames == [
        "Rettleiing", "Maskinar", "Køyretøy", "Oppvarming", "Drivstoff", "Unntak", "Dokument",
        "Lister",
    ]  # fmt: skip
    headers = [cell.value for cell in workbook["Maskinar"][1]]
    assert {"Energiberar", "Utsleppstrinn (EU)", "Planlagde driftstimar"} <= set(headers)
    assert "Føremål" in [cell.value for cell in workbook["Køyretøy"][1]]
    categories = _drop_down(workbook, "Maskinar", "Kategori", "Lister")
    assert "gravemaskin" in categories and "veghøvel" in categories and "anna" in categories
    carriers = _drop_down(workbook, "Maskinar", "Energiberar", "Lister")
    assert "utsleppsfri" not in carriers and "batterielektrisk" in carriers
    assert [c for c in categories + carriers if "_" in c] == []  # names, not codes
    sporadic = _validation(workbook["Maskinar"], "Sporadisk bruk")
    assert sporadic.formula1 == '"ja,nei"' and sporadic.error == "Vel frå lista"
    text = _instructions(workbook, "Rettleiing")
    joined = " ".join(text)
    assert "DFØ – fossilfri byggje- og anleggsplass (dfo-fossil-free-site 1.2)" in joined
    assert "Nynorsk omsetjing av regelsettet ved produktet, ikkje publisert av utgjevaren." in text
    assert "Formlar blir ikkje godtekne" in joined
    assert "Motorar minst trinn IIIB (etter motoreffekt)" in text
    assert "gravemaskin (excavator)" in joined  # a code beside its name, where it may be typed
    quoted = re.sub(r"«[^»]*»", "", joined)
    assert bokmal_words(quoted) == set()


def test_a_version_without_nynorsk_says_its_rules_are_in_bokmal(tmp_path):
    old = RuleLibrary(untranslated_rules(tmp_path)).get("dfo-fossil-free-site", "1.2")
    workbook = load_workbook(io.BytesIO(build_xlsx(old, "nn")))
    text = _instructions(workbook, "Rettleiing")
    assert "Regelsettet finst ikkje på nynorsk: krava står på bokmål." in text


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_each_language_reads_back_as_the_same_tender(lang):
    tender = read_file(EXAMPLES / "school-compliant.json")
    intake = read_upload("list.xlsx", build_xlsx(RULESET, lang, tender))
    assert intake.problems == []
    emptied = {key: value for key, value in tender.items() if key not in LISTS}
    result = intake.apply_to(emptied)
    assert _lists(result) == _lists(tender)


def _lists(tender: dict) -> dict:
    """The tender's lists, with empty fields left out (an empty cell is no value)."""
    return {name: _kept(tender.get(name) or ({} if name == "documents" else [])) for name in LISTS}


def _kept(value):
    if isinstance(value, dict):
        return {k: _kept(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_kept(v) for v in value]
    return value


def test_the_instructions_read_the_rules_as_the_procurement_tailored_them():
    tailoring = {
        "deselected": {"idling-plan": "Kort oppdrag utan tomgang"},
        "parameters": {
            "machines-stage-iiib": {"min_stage": "V"},
            "zero-emission-share-20": {"min": 0.3},
        },
    }
    for lang, heading, stage, share in [
        ("nb", "Krav i regelsettet slik anskaffelsen har tilpasset dem, nivå avansert",
         "Motorer minst trinn V (etter motoreffekt)", f"Minst 30{NBSP}% utslippsfri energi"),
        ("nn", "Krav i regelsettet slik anskaffinga har tilpassa dei, nivå avansert",
         "Motorar minst trinn V (etter motoreffekt)", f"Minst 30{NBSP}% utsleppsfri energi"),
    ]:  # fmt: skip
        workbook = _workbook(lang, None, "advanced", tailoring)
        text = _instructions(workbook, workbook.sheetnames[0])
        assert heading in text and stage in text and share in text
        assert not any("IIIB (etter" in line for line in text)
        rules = text[text.index(heading) + 1 :]
        assert not any("tomgang" in line for line in rules)  # the deselected rule is left out
        assert not any("50" in line and "%" in line for line in text)  # spearhead not chosen


def test_the_nynorsk_template_is_downloaded_from_the_web_and_the_command_line(
    client, run_cli, tmp_path
):
    answer = client.get("/rules/dfo-fossil-free-site/1.2/template.xlsx?lang=nn")
    assert answer.status_code == 200
    assert (
        'filename="dfo-fossil-free-site-1.2-template-nn.xlsx"'
        in answer.headers["Content-Disposition"]
    )
    assert load_workbook(io.BytesIO(answer.data)).sheetnames[:2] == ["Rettleiing", "Maskinar"]
    target = tmp_path / "mal.xlsx"
    code, _, err = run_cli("template", "dfo-fossil-free-site", "--lang", "nn", "-o", target)
    assert code == 0, err
    assert load_workbook(target).sheetnames[:2] == ["Rettleiing", "Maskinar"]


def test_the_entry_form_labels_its_fields_in_nynorsk(client, demo_app):
    with demo_app.app_context():
        token = db.session.scalar(
            select(Procurement.public_token).where(Procurement.state == "published")
        )
    draft = client.post(f"/p/{token}/self-assessment").headers["Location"]
    client.post("/lang/nn")
    page = soup(client.get(draft.rstrip("/") + "/entries/machines/new"))
    labels = {label.get_text(" ", strip=True) for label in page.select("label")}
    assert {"Energiberar", "Planlagde driftstimar", "Utsleppstrinn (EU)"} <= labels
    assert "Energibærer" not in labels
    downloads = soup(client.get(draft)).select_one("ul.downloads")
    link = downloads.find("a", string="Tom mal, nynorsk (Excel)")
    assert link["href"].endswith("/template.xlsx?lang=nn")
    assert downloads.find("a", string="Tom mal, bokmål (Excel)")
