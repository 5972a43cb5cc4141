"""Machine lists in and out of Excel/CSV: the template round trip and every error path."""

import copy
import csv
import io
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl import load_workbook

from checker.formats.inputs import read_file
from checker.formats.messages import render
from checker.formats.tender import validate_tender
from checker.intake import limits
from checker.intake.limits import IntakeError
from checker.intake.read import read_upload
from checker.intake.template import build_csv
from checker.intake.template import build_xlsx
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import EXAMPLES

LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions", "documents")
RULESET = RuleLibrary().get("dfo-fossil-free-site")
MACHINE_HEADERS_NB = ["ID", "Kategori", "Energibærer", "Utslippstrinn (EU)", "Årsmodell"]


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _lists(tender: dict) -> dict:
    empty = {"documents": {}}
    return {name: _without_nulls(tender.get(name) or empty.get(name, [])) for name in LISTS}


def _xlsx(sheets: dict) -> bytes:
    """A workbook from {title: [rows]}."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _problems(intake, lang="en") -> list[str]:
    return [problem.text(lang) for problem in intake.problems]


@pytest.mark.parametrize("example", ["school-compliant.json", "oslo-exception-request.json"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_template_round_trip_gives_the_same_tender(example, lang):
    tender = read_file(EXAMPLES / example)
    emptied = {key: value for key, value in tender.items() if key not in LISTS}
    intake = read_upload("list.xlsx", build_xlsx(RULESET, lang, tender))
    assert intake.problems == []
    result = intake.apply_to(emptied)
    assert _lists(result) == _lists(tender)
    validate_tender(result)


@pytest.mark.parametrize("sheet", ["machines", "vehicles", "heating", "fuels", "documents"])
def test_csv_round_trip(sheet, school):
    intake = read_upload("list.csv", build_csv(sheet, "nb", school).encode("utf-8"))
    assert intake.problems == []
    assert intake.lists_given == [sheet]
    assert _lists(intake.apply_to({}))[sheet] == _lists(school)[sheet]


def test_empty_template_has_sheets_headers_drop_downs_and_instructions():
    workbook = load_workbook(io.BytesIO(build_xlsx(RULESET, "nb", None)))
    assert workbook.sheetnames[:2] == ["Veiledning", "Maskiner"]
    assert {"Kjøretøy", "Oppvarming", "Drivstoff", "Unntak", "Dokumenter"} <= set(
        workbook.sheetnames
    )
    machines = workbook["Maskiner"]
    headers = [cell.value for cell in machines[1]]
    assert headers[:3] == ["ID", "Kategori", "Merke"]
    validated = {
        headers[rng.min_col - 1]
        for dv in machines.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    assert {"Kategori", "Energibærer", "Utslippstrinn (EU)", "Sporadisk bruk"} <= validated
    lists = workbook["Lister"]
    assert lists.sheet_state == "hidden"
    for dv in machines.data_validations.dataValidation:
        # OOXML keeps formulas without the '=' Excel's dialog shows.
        assert dv.formula1.startswith(("'Lister'!$", '"ja,nei"')), dv.formula1
    category = next(dv for dv in machines.data_validations.dataValidation if "B2" in str(dv.sqref))
    column = category.formula1.split("!$")[1].split("$")[0]
    # The drop-down offers names; the upload reads them (or the codes) as the codes.
    assert [c.value for c in lists[column]][1:4] == ["gravemaskin", "hjullaster", "dumper"]
    instructions = " ".join(
        str(cell.value) for row in workbook["Veiledning"].iter_rows() for cell in row if cell.value
    )
    assert RULESET.title["nb"] in instructions and "Formler godtas ikke" in instructions
    assert read_upload("t.xlsx", build_xlsx(RULESET, "en", None)).problems == []


def test_english_headers_in_any_order_are_read():
    data = _xlsx(
        {
            "Sheet1": [
                ["  energy CARRIER ", "Year of manufacture", "category", "ID"],
                ["hvo100", 2021, "Excavator", "M1"],
                ["battery electric", "2024", "wheel_loader", "M2"],
            ]
        }
    )
    intake = read_upload("list.xlsx", data)
    assert intake.problems == []
    assert intake.lists["machines"] == [
        {"energy_carrier": "hvo100", "year": 2021, "category": "excavator", "id": "M1"},
        {
            "energy_carrier": "battery_electric",
            "year": 2024,
            "category": "wheel_loader",
            "id": "M2",
        },
    ]


def test_names_in_either_language_are_read_as_codes():
    rows = [
        ["ID", "Kategori", "Energibærer", "Utslippstrinn (EU)"],
        ["M1", "Gravemaskin", "Batterielektrisk", None],
        ["M2", "wheel loader", "HVO100", "Stage V"],
        ["M3", "Teleskoptruck", "kabelelektrisk (nett)", "trinn IIIB"],
    ]
    intake = read_upload("list.xlsx", _xlsx({"Maskiner": rows}))
    assert intake.problems == []
    assert [
        (m["category"], m["energy_carrier"], m.get("emission_stage"))
        for m in intake.lists["machines"]
    ] == [
        ("excavator", "battery_electric", None),
        ("wheel_loader", "hvo100", "V"),
        ("telehandler", "grid_electric", "IIIB"),
    ]


BAD_CELLS = [
    ("Kategori", "gravemaskiner", "expected one of: excavator"),
    ("Energibærer", "disel", "expected one of: diesel, hvo100"),
    ("Utslippstrinn (EU)", "VI", "expected one of: I, II, IIIA, IIIB, IV, V"),
    ("Årsmodell", "2021,5", "expected a whole number"),
    ("Årsmodell", 1800, "expected a number from 1950 to 2100"),
    ("Driftsvekt (t)", "tung", "expected a number"),
    ("Driftsvekt (t)", -3, "expected a number from 0 to"),
    ("Sporadisk bruk", "kanskje", "expected yes or no"),
    ("ID", "M 1", "expected letters, digits"),
    ("Merke", "x" * 201, "expected at most 200 characters"),
]


@pytest.mark.parametrize(("header", "value", "expected"), BAD_CELLS)
def test_a_bad_cell_is_reported_with_sheet_row_column_value_and_expectation(
    header, value, expected
):
    headers = [
        "ID",
        "Kategori",
        "Merke",
        "Driftsvekt (t)",
        "Energibærer",
        "Utslippstrinn (EU)",
        "Årsmodell",
        "Sporadisk bruk",
    ]
    good = ["M1", "excavator", "Volvo", 20, "hvo100", "V", 2021, "nei"]
    bad = list(good)
    bad[0] = "M2"
    bad[headers.index(header)] = value
    intake = read_upload("list.xlsx", _xlsx({"Maskiner": [headers, good, bad]}))
    assert [entry["id"] for entry in intake.lists["machines"]] == ["M1"]  # the valid row is kept
    assert len(intake.problems) == 1, _problems(intake)
    problem = intake.problems[0]
    assert (problem.sheet, problem.row, problem.column) == ("Maskiner", 3, header)
    assert expected in render(problem.message, "en")
    assert render(problem.message, "nb") and render(problem.message, "nb") != render(
        problem.message, "en"
    )
    assert problem.text("nb").startswith("ark «Maskiner», rad 3, kolonne")
    assert intake.rejected[0].row == 3 and intake.rejected[0].list_key == "machines"


def test_a_formula_is_refused_not_trusted():
    data = _xlsx({"Maskiner": [MACHINE_HEADERS_NB, ["M1", "excavator", "hvo100", "V", "=2020+1"]]})
    intake = read_upload("list.xlsx", data)
    assert "machines" not in intake.lists
    assert "formulas are not accepted" in render(intake.problems[0].message, "en")
    assert intake.problems[0].value == "=2020+1"


def test_missing_required_value_and_duplicate_id_are_row_problems():
    rows = [MACHINE_HEADERS_NB, ["M1", "excavator"], ["M2", None, "hvo100"], ["M1", "dumper"]]
    intake = read_upload("list.xlsx", _xlsx({"Maskiner": rows}))
    texts = _problems(intake)
    assert texts == [
        "sheet «Maskiner», row 3, column «Kategori»: this column must be filled in",
        "sheet «Maskiner», row 4, column «ID»: found «M1»; a unique ID; it is already used on "
        "sheet «Maskiner», row 2",
    ]


def test_unknown_duplicate_and_missing_columns_are_reported():
    intake = read_upload(
        "list.xlsx",
        _xlsx(
            {
                "Maskiner": [
                    ["ID", "Kategori", "Farge", "Category"],
                    ["M1", "excavator", "gul", "x"],
                ],
                "Kjøretøy": [["ID", "Energibærer"], ["K1", "diesel"]],
            }
        ),
    )
    texts = _problems(intake)
    assert texts[0].startswith("sheet «Maskiner», row 1, column «Farge»: unknown column")
    assert texts[1].startswith("sheet «Maskiner», row 1, column «Category»: the same column")
    assert texts[2].startswith(
        "sheet «Kjøretøy», row 1, column «Formål / Purpose»: required column"
    )
    assert intake.lists == {"machines": [{"id": "M1", "category": "excavator"}]}


def test_a_sheet_matching_no_list_is_reported():
    intake = read_upload("list.xlsx", _xlsx({"Ark1": [["Navn", "Pris"], ["a", 1]]}))
    assert "match no list of the template" in render(intake.problems[0].message, "en")


def test_semicolon_csv_in_windows_1252_with_english_headers():
    text = "ID;Category;Energy carrier;Operating weight (t)\r\nM1;excavator;diesel;22,5\r\n"
    intake = read_upload("maskiner.csv", text.encode("cp1252"))
    assert intake.lists["machines"] == [
        {
            "id": "M1",
            "category": "excavator",
            "energy_carrier": "diesel",
            "operating_weight_t": 22.5,
        }
    ]


def test_control_characters_in_csv_are_refused():
    intake = read_upload("list.csv", b"ID,Category,Make\r\nM1,excavator,Volvo\x07\r\n")
    assert "without invisible control characters" in render(intake.problems[0].message, "en")


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr("checker.intake.read.MAX_ROWS", 3)
    rows = "\r\n".join(f"M{n},excavator" for n in range(5))
    intake = read_upload("list.csv", f"ID,Category\r\n{rows}\r\n".encode())
    assert len(intake.lists["machines"]) == 3
    assert "more than 3 rows" in render(intake.problems[0].message, "en")


def _zip(members: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


HOSTILE = [
    ("empty.xlsx", b"", "The file is empty"),
    ("text.xlsx", b"hello, world", "not an Excel workbook"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel format"),
    ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 200, "not an Excel workbook"),
    ("bomb.xlsx", _zip({"xl/big.xml": b"0" * (20 * 1024 * 1024)}), "packed suspiciously"),
    ("many.xlsx", _zip({f"part{n}.xml": b"x" for n in range(limits.MAX_MEMBERS + 1)}), "parts"),
    ("notexcel.xlsx", _zip({"hello.txt": b"hi"}), "could not be read"),
    ("list.pdf", b"%PDF-1.7 ...", "Expected an Excel workbook (.xlsx) or a CSV file"),
    ("nul.csv", b"ID,Category\x00\r\n", "not a text (CSV) file"),
]


@pytest.mark.parametrize(("name", "data", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_and_malformed_files_get_a_clear_message(name, data, expected):
    with pytest.raises(IntakeError) as caught:
        read_upload(name, data)
    assert expected in render(caught.value.message, "en")
    assert render(caught.value.message, "nb")


def test_total_unpacked_size_is_capped(monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 1000)
    data = _zip(
        {"a.xml": bytes(range(256)) * 4, "b.xml": bytes(range(256)) * 4}, zipfile.ZIP_STORED
    )
    with pytest.raises(IntakeError, match="unpack"):
        read_upload("list.xlsx", data)


def test_upload_size_is_capped(monkeypatch):
    monkeypatch.setattr(limits, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(IntakeError, match="larger than"):
        read_upload("list.csv", b"ID,Category\r\n" + b"M1,excavator\r\n" * 20)


def test_an_xml_bomb_inside_the_workbook_is_refused():
    workbook = io.BytesIO(build_xlsx(RULESET, "en", None))
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            target.writestr(member, bomb if member.filename == "xl/workbook.xml" else content)
    with pytest.raises(IntakeError, match="could not be read"):
        read_upload("list.xlsx", out.getvalue())


HOSTILE_TEXT = ['=HYPERLINK("http://x")', "+47 1234", "-SUM(A1)", "@cmd", "\tx", "\rx"]


def _hostile_tender(school) -> dict:
    tender = copy.deepcopy(school)
    for machine, text in zip(tender["machines"], HOSTILE_TEXT, strict=False):
        machine["make"] = text
    tender["machines"][0]["operating_weight_t"] = -5  # numbers stay numbers
    return tender


def test_xlsx_export_neutralises_formula_text(school):
    tender = _hostile_tender(school)
    sheet = load_workbook(io.BytesIO(build_xlsx(RULESET, "en", tender)))["Machines"]
    makes = [sheet.cell(row=row, column=3) for row in range(2, 2 + len(HOSTILE_TEXT))]
    # XML stores a carriage return as a line break; what matters is the apostrophe in front.
    assert [cell.value for cell in makes] == [
        "'" + text.replace("\r", "\n") for text in HOSTILE_TEXT
    ]
    assert all(cell.data_type == "s" for cell in makes)
    assert sheet.cell(row=2, column=6).value == -5


def test_csv_export_neutralises_formula_text(school):
    text = build_csv("machines", "en", _hostile_tender(school)).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[2] for row in rows[1 : 1 + len(HOSTILE_TEXT)]] == [
        "'" + value for value in HOSTILE_TEXT
    ]
    assert rows[1][5] == "-5"


def test_cli_template_and_import(run_cli, tmp_path, write_json, school):
    template = tmp_path / "list.xlsx"
    code, _, err = run_cli(
        "template",
        "dfo-fossil-free-site",
        "--lang",
        "en",
        "-o",
        template,
        "--from",
        EXAMPLES / "school-compliant.json",
    )
    assert code == 0, err
    emptied = {key: value for key, value in school.items() if key not in LISTS}
    target = write_json(emptied)
    code, _, err = run_cli("tender", "import", template, "--into", target)
    assert code == 0, err
    assert "22 row(s) read" in err
    assert _lists(read_file(target)) == _lists(school)


def test_cli_import_reports_rejected_rows_and_keeps_the_valid_ones(run_cli, tmp_path, school):
    machine_list = tmp_path / "m.csv"
    machine_list.write_text("ID,Category,Energy carrier\nM1,excavator,disel\nM2,dumper,hvo100\n")
    target = tmp_path / "tender.yaml"
    target.write_text("{}")
    code, _, err = run_cli("tender", "import", machine_list, "--into", target, "--lang", "nb")
    assert code == 1
    assert "rad 2, kolonne «Energy carrier»: fant «disel»; forventet en av: diesel" in err
    assert read_file(target)["machines"] == [
        {"id": "M2", "category": "dumper", "energy_carrier": "hvo100"}
    ]


def test_cli_csv_template_and_unreadable_import(run_cli, tmp_path, write_json, school):
    out = tmp_path / "machines.csv"
    code, _, _ = run_cli("template", "dfo-fossil-free-site", "--format", "csv", "-o", out)
    assert code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("ID,Kategori,Merke")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    code, _, err = run_cli("tender", "import", bad, "--into", write_json(school))
    assert code == 2 and "not an Excel workbook" in err


def test_empty_rows_far_down_are_not_read_for_ever(monkeypatch):
    monkeypatch.setattr("checker.intake.read.MAX_ROWS", 5)
    rows = [["ID", "Category"], ["M1", "excavator"]] + [[None, None]] * 30 + [["M2", "dumper"]]
    intake = read_upload("list.xlsx", _xlsx({"Machines": rows}))
    assert [m["id"] for m in intake.lists["machines"]] == ["M1"]
    assert intake.problems == []


def test_an_empty_sheet_replaces_nothing(school):
    """Filling only the machines in the full template keeps the fuels already entered."""
    only_machines = {"machines": school["machines"][:2]}
    intake = read_upload("list.xlsx", build_xlsx(RULESET, "en", only_machines))
    assert intake.lists_given == ["machines"]
    result = intake.apply_to(school)
    assert result["machines"] == _without_nulls(only_machines["machines"])
    assert result["fuels"] == school["fuels"] and result["documents"] == school["documents"]


def test_a_sheet_with_only_bad_rows_still_replaces_its_list(school):
    intake = read_upload("list.csv", b"ID,Product\r\nF1,kerosene\r\n")
    assert intake.lists_given == ["fuels"]
    assert intake.apply_to(school)["fuels"] == []


def test_a_csv_field_beyond_the_parsers_limit_is_refused():
    data = b"ID,Category,Make\r\nM1,excavator," + b'"' + b"x" * 200_000 + b'"\r\n'
    with pytest.raises(IntakeError) as caught:
        read_upload("list.csv", data)
    assert "The CSV file could not be read" in render(caught.value.message, "en")
