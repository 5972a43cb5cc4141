"""The machine-list template for a rule set, empty or filled with a tender's entries, as XLSX or CSV.

Exports neutralise text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage
return at the start) with a leading apostrophe; numbers stay numbers, negative ones too.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from checker.intake.columns import BOOLEAN
from checker.intake.columns import BOOLEAN_OUT
from checker.intake.columns import CHOICE
from checker.intake.columns import DOCUMENTS
from checker.intake.columns import ENQUIRIES
from checker.intake.columns import SHEETS
from checker.intake.columns import SHEETS_BY_KEY
from checker.intake.columns import TEXT
from checker.intake.columns import Column
from checker.intake.columns import Sheet
from checker.intake.instructions import instruction_rows
from checker.intake.names import name_of
from checker.rulesets.ruleset import Ruleset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VALIDATED_ROWS = 5000  # drop-down lists reach this far down each sheet
LISTS_SHEET = {"nb": "Lister", "nn": "Lister", "en": "Lists"}
INSTRUCTIONS_SHEET = {"nb": "Veiledning", "nn": "Rettleiing", "en": "Instructions"}
CHOOSE = {"nb": "Velg fra listen", "nn": "Vel frå lista", "en": "Choose from the list"}
ENQUIRY_SEPARATOR = " | "


def neutralise(value):
    """Text a spreadsheet would treat as a formula gets a leading apostrophe; the rest is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def enquiries_text(value) -> str | None:
    """A market check as one cell: free text as it is, a list of enquiries one per line."""
    if value is None or isinstance(value, str):
        return value
    return "\n".join(
        enquiry
        if isinstance(enquiry, str)  # an enquiry given as plain text stays one line
        else ENQUIRY_SEPARATOR.join(
            [enquiry["supplier"], enquiry.get("date") or "", enquiry.get("answer") or ""]
        )
        for enquiry in value
    )


def cell_value(column: Column, value, lang: str):
    """A field's value as it stands in a cell of the template."""
    if value is None:
        return None
    if column.type == BOOLEAN:
        yes, no = BOOLEAN_OUT[lang]
        return yes if value else no
    if column.type == ENQUIRIES:
        value = enquiries_text(value)
    if column.type == CHOICE:
        return neutralise(name_of(str(value), lang))  # as the drop-down offers it
    if column.type in (TEXT, ENQUIRIES):
        return neutralise(str(value))
    return value


def sheet_rows(sheet: Sheet, lists: dict, lang: str) -> list[list]:
    """The data rows of one sheet, from the tender's lists (documents from its mapping)."""
    if sheet is DOCUMENTS:
        documents = lists.get("documents") or {}
        return [[neutralise(name), neutralise(text)] for name, text in documents.items()]
    return [
        [cell_value(column, entry.get(column.key), lang) for column in sheet.columns]
        for entry in lists.get(sheet.key) or []
    ]


def build_csv(sheet_key: str, lang: str, lists: dict | None = None) -> str:
    """One list as CSV (comma-separated, UTF-8 with a byte-order mark so Excel reads æøå)."""
    sheet = SHEETS_BY_KEY[sheet_key]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.header(lang) for column in sheet.columns])
    writer.writerows(sheet_rows(sheet, lists or {}, lang))
    return "\ufeff" + out.getvalue()


def _clean(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _lists_sheet(workbook: Workbook, lang: str) -> dict[str, str]:
    """A hidden sheet holding each drop-down's values, by their names in the language (an upload
    reads a name, or the code, as the code); returns column key -> range formula."""
    sheet = workbook.create_sheet(LISTS_SHEET[lang])
    sheet.sheet_state = "hidden"
    ranges, position = {}, 0
    seen: dict[tuple, str] = {}
    for data_sheet in SHEETS:
        for column in data_sheet.columns:
            if column.type == CHOICE and column.choices not in seen:
                position += 1
                letter = get_column_letter(position)
                sheet.cell(row=1, column=position, value=column.header(lang))
                for row, choice in enumerate(column.choices, start=2):
                    sheet.cell(row=row, column=position, value=name_of(choice, lang))
                last = len(column.choices) + 1
                seen[column.choices] = f"'{sheet.title}'!${letter}$2:${letter}${last}"
            if column.type == CHOICE:
                ranges[(data_sheet.key, column.key)] = seen[column.choices]
    return ranges


def _add_validations(worksheet, sheet: Sheet, ranges: dict, lang: str) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        if column.type == CHOICE:
            # OOXML stores the formula without the leading "=" Excel shows in its dialog.
            formula = ranges[(sheet.key, column.key)]
        elif column.type == BOOLEAN:
            formula = '"' + ",".join(BOOLEAN_OUT[lang]) + '"'
        else:
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.error = CHOOSE[lang]
        validation.showErrorMessage = True
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
        worksheet.add_data_validation(validation)


def _data_sheet(workbook: Workbook, sheet: Sheet, lists: dict, lang: str, ranges: dict) -> None:
    worksheet = workbook.create_sheet(sheet.title(lang))
    worksheet.append([column.header(lang) for column in sheet.columns])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for row in sheet_rows(sheet, lists, lang):
        worksheet.append([_clean(value) for value in row])
    for index, column in enumerate(sheet.columns, start=1):
        width = max(12, len(column.header(lang)) + 2)
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "A2"
    _add_validations(worksheet, sheet, ranges, lang)


def build_xlsx(
    ruleset: Ruleset,
    lang: str,
    lists: dict | None = None,
    level: str | None = None,
    tailoring: dict | None = None,
) -> bytes:
    """The workbook: instructions (the rules of a level as a procurement's tailoring reads them,
    if given), one sheet per list (filled from lists if given), drop-downs."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET[lang]
    for row in instruction_rows(ruleset, lang, level, tailoring):
        instructions.append([_clean(neutralise(value)) for value in row])
    instructions.column_dimensions["A"].width = 28
    instructions.column_dimensions["B"].width = 100
    for row in instructions.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    instructions["A1"].font = Font(bold=True, size=14)
    ranges = _lists_sheet(workbook, lang)
    for sheet in SHEETS:
        _data_sheet(workbook, sheet, lists or {}, lang, ranges)
    # The hidden lists sheet goes last, after the data sheets.
    workbook.move_sheet(LISTS_SHEET[lang], offset=len(SHEETS))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
