"""Read a filled machine-list template (XLSX or CSV) into tender entries and per-cell problems.

Valid rows are kept; a row with a problem is set aside with every problem named by sheet, row
(as Excel numbers it), column header, the value found and what was expected. Problems with the
file as a whole raise IntakeError.
"""

import csv
import io

from openpyxl import load_workbook

from checker.formats.messages import define
from checker.formats.messages import say
from checker.intake.cells import as_text
from checker.intake.columns import normalise_header
from checker.intake.columns import sheet_for_headers
from checker.intake.columns import sheet_for_title
from checker.intake.limits import MAX_COLUMNS
from checker.intake.limits import MAX_ROWS
from checker.intake.limits import IntakeError
from checker.intake.limits import check_size
from checker.intake.limits import check_xlsx_container
from checker.intake.results import Intake
from checker.intake.results import RowProblem
from checker.intake.sheet import SheetReader
from checker.intake.template import INSTRUCTIONS_SHEET
from checker.intake.template import LISTS_SHEET

SKIPPED_SHEETS = {
    normalise_header(name) for name in (*INSTRUCTIONS_SHEET.values(), *LISTS_SHEET.values())
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _too_many_rows(title: str, row_number: int) -> RowProblem:
    return RowProblem(
        title,
        row_number,
        None,
        None,
        say("read.more_than_rows_rest", n=MAX_ROWS),
    )


def _read_rows(intake: Intake, reader: SheetReader | None, rows, title: str) -> None:
    """rows yields lists of (value, is_formula); the first non-empty row is the header."""
    header_seen = False
    for row_number, cells in enumerate(rows, start=1):
        if row_number > 2 * MAX_ROWS:
            return  # only empty rows since the limit (formatting reaches far down in Excel)
        if not any(value is not None and as_text(value) for value, _ in cells):
            continue
        if not header_seen:
            header_seen = True
            if reader is None:
                reader = _guess_reader(intake, [value for value, _ in cells], title)
                if reader is None:
                    return
            if not reader.read_header(row_number, [value for value, _ in cells]):
                return
            intake.sheets_read.add(reader.sheet.key)
            continue
        if row_number > MAX_ROWS + 1:
            intake.problems.append(_too_many_rows(title, row_number))
            return
        reader.read_row(row_number, cells)


def _guess_reader(intake: Intake, headers: list, title: str) -> SheetReader | None:
    sheet = sheet_for_headers([as_text(header) for header in headers if header is not None])
    if sheet is None:
        intake.problems.append(
            RowProblem(
                title,
                None,
                None,
                None,
                say("read.columns_match_no_list"),
            )
        )
        return None
    return SheetReader(intake, sheet, title, intake.seen_ids)


def _xlsx_rows(worksheet):
    for row in worksheet.iter_rows(max_col=MAX_COLUMNS):
        yield [(cell.value, getattr(cell, "data_type", None) == "f") for cell in row]


def read_xlsx(data: bytes) -> Intake:
    check_xlsx_container(data)
    intake = Intake()
    unreadable = say("read.workbook_could_not_read")
    try:
        # read_only streams the sheets; data_only is left off so that a formula shows as one
        # (and is refused) instead of its cached result. Nothing is ever evaluated, macros
        # are never loaded (keep_vba is off).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - any parser failure on a hostile file is the same answer
        raise IntakeError(unreadable) from None
    try:
        for worksheet in workbook.worksheets:
            title = worksheet.title
            if normalise_header(title) in SKIPPED_SHEETS or worksheet.sheet_state != "visible":
                continue
            sheet = sheet_for_title(title)
            reader = SheetReader(intake, sheet, title, intake.seen_ids) if sheet else None
            _read_rows(intake, reader, _xlsx_rows(worksheet), title)
    except IntakeError:
        raise
    except Exception:  # noqa: BLE001
        raise IntakeError(unreadable) from None
    finally:
        workbook.close()
    return intake


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise IntakeError(say("read.file_not_text_csv"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel in Norway saves "CSV (semicolon separated)" in Windows-1252.
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes, name: str = "CSV") -> Intake:
    check_size(data)
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    intake = Intake()
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        cells = ([(value, False) for value in row[:MAX_COLUMNS]] for row in rows)
        _read_rows(intake, None, cells, name)
    except csv.Error as err:
        raise IntakeError(say("read.csv_file_could_not", e=str(err))) from None
    return intake


def read_upload(filename: str, data: bytes) -> Intake:
    """An uploaded machine list, XLSX or CSV, told apart by content as much as by name."""
    lower = (filename or "").lower()
    if data.startswith(OLE_MAGIC) or lower.endswith(".xls"):
        raise IntakeError(say("read.this_old_excel_format"))
    if data.startswith(b"PK") or lower.endswith((".xlsx", ".xlsm")):
        return read_xlsx(data)
    if lower.endswith((".csv", ".txt")) or not lower:
        return read_csv(data, filename or "CSV")
    raise IntakeError(say("read.expected_excel_workbook_xlsx", n=filename))


MESSAGES = define(
    {
        "read.more_than_rows_rest": (
            "more than {n} rows; the rest were not read",
            "mer enn {n} rader; resten ble ikke lest",
            "meir enn {n} rader; resten blei ikkje lesen",
        ),
        "read.columns_match_no_list": (
            (
                "the columns match no list of the template (machines, vehicles, heating, fuels, "
                "exceptions, documents); the sheet was not read"
            ),
            (
                "kolonnene passer ikke med noen liste i malen (maskiner, kjøretøy, oppvarming, "
                "drivstoff, unntak, dokumenter); arket ble ikke lest"
            ),
            (
                "kolonnane passar ikkje med nokon liste i malen (maskiner, køyretøy, oppvarming, "
                "drivstoff, unntak, dokument); arket blei ikkje lese"
            ),
        ),
        "read.workbook_could_not_read": (
            "The workbook could not be read: it is damaged or not a real .xlsx file.",
            "Arbeidsboken kunne ikke leses: den er skadet eller ikke en ekte .xlsx-fil.",
            "Arbeidsboka kunne ikkje lesast: ho er skadd eller ikkje ei ekte .xlsx-fil.",
        ),
        "read.file_not_text_csv": (
            "The file is not a text (CSV) file.",
            "Filen er ikke en tekstfil (CSV).",
            "Fila er ikkje ei tekstfil (CSV).",
        ),
        "read.csv_file_could_not": (
            "The CSV file could not be read: {e}",
            "CSV-filen kunne ikke leses: {e}",
            "CSV-fila kunne ikkje lesast: {e}",
        ),
        "read.this_old_excel_format": (
            (
                "This is the old Excel format (.xls). Save it as .xlsx (Excel workbook) and try "
                "again."
            ),
            (
                "Dette er det gamle Excel-formatet (.xls). Lagre som .xlsx (Excel-arbeidsbok) og prøv"
                " igjen."
            ),
            (
                "Dette er det gamle Excel-formatet (.xls). Lagre som .xlsx (Excel-arbeidsbok) og prøv igjen"
            ),
        ),
        "read.expected_excel_workbook_xlsx": (
            "Expected an Excel workbook (.xlsx) or a CSV file; found {n}.",
            "Forventet en Excel-arbeidsbok (.xlsx) eller en CSV-fil; fant {n}.",
            "Venta ei Excel-arbeidsbok (.xlsx) eller ei CSV-fil; fann {n}.",
        ),
    }
)
