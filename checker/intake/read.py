"""Read a filled machine-list template (XLSX or CSV) into tender entries and per-cell problems.

Valid rows are kept; a row with a problem is set aside with every problem named by sheet, row
(as Excel numbers it), column header, the value found and what was expected. Problems with the
file as a whole raise IntakeError.
"""

import csv
import io
from dataclasses import dataclass
from dataclasses import field

from openpyxl import load_workbook

from checker.intake.cells import CellError
from checker.intake.cells import as_text
from checker.intake.cells import convert
from checker.intake.columns import DOCUMENTS
from checker.intake.columns import Column
from checker.intake.columns import Sheet
from checker.intake.columns import header_index
from checker.intake.columns import normalise_header
from checker.intake.columns import sheet_for_headers
from checker.intake.columns import sheet_for_title
from checker.intake.limits import MAX_COLUMNS
from checker.intake.limits import MAX_ROWS
from checker.intake.limits import IntakeError
from checker.intake.limits import check_size
from checker.intake.limits import check_xlsx_container
from checker.intake.template import INSTRUCTIONS_SHEET
from checker.intake.template import LISTS_SHEET
from checker.texts import say

SKIPPED_SHEETS = {
    normalise_header(name) for name in (*INSTRUCTIONS_SHEET.values(), *LISTS_SHEET.values())
}
# Machines, vehicles and heaters share one id space (exceptions refer to any of them).
ID_GROUPS = {"machines": "items", "vehicles": "items", "heating": "items"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
WORDS = {"nb": ("ark", "rad", "kolonne", "fant"), "en": ("sheet", "row", "column", "found")}


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message: dict

    def text(self, lang: str) -> str:
        """Where and what: sheet «Maskiner», row 3, column «Energibærer»: found «disel»; ..."""
        sheet, row = WORDS[lang][:2]
        where = f"{sheet} «{self.sheet}»"
        if self.row is not None:
            where += f", {row} {self.row}"
        return f"{where}{', ' if self.column else ': '}{self.detail(lang)}"

    def detail(self, lang: str) -> str:
        """The problem within its row: column «Energibærer»: found «disel»; expected ..."""
        column, found = WORDS[lang][2:]
        what = self.message[lang]
        if self.value is not None:
            what = f"{found} «{self.value}»; {what}"
        return f"{column} «{self.column}»: {what}" if self.column else what


@dataclass
class RejectedRow:
    list_key: str
    sheet: str
    row: int
    values: dict  # field -> the cell as text, to put back into a form
    problems: list[RowProblem]


@dataclass
class Intake:
    lists: dict = field(default_factory=dict)  # machines: [...], ..., documents: {...}
    problems: list[RowProblem] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    rows_kept: int = 0
    sheets_read: set = field(default_factory=set)  # the lists the file carries
    seen_ids: dict = field(default_factory=dict)

    def apply_to(self, tender: dict) -> dict:
        """The tender with each list the file carries replaced by the file's valid rows."""
        updated = dict(tender)
        for key in self.sheets_read:
            updated[key] = self.lists.get(key) or ({} if key == "documents" else [])
        return updated


def _shown(value) -> str:
    text = as_text(value)
    return text if len(text) <= 60 else text[:59] + "…"


class _SheetReader:
    """Reads the rows of one sheet (or CSV file) into an Intake."""

    def __init__(self, intake: Intake, sheet: Sheet, title: str, seen_ids: dict):
        self.intake, self.sheet, self.title, self.seen_ids = intake, sheet, title, seen_ids
        self.columns: list[tuple[int, str, Column]] = []

    def problem(self, row, column, value, message) -> RowProblem:
        return RowProblem(self.title, row, column, value, message)

    def read_header(self, row_number: int, headers: list) -> bool:
        """Match the header row; returns False when the sheet cannot be read (column missing)."""
        index, taken = header_index(self.sheet), {}
        expected = ", ".join(column.header("nb") for column in self.sheet.columns)
        expected_en = ", ".join(column.header("en") for column in self.sheet.columns)
        for position, header in enumerate(headers):
            if header is None or not as_text(header):
                continue
            column = index.get(normalise_header(as_text(header)))
            if column is None:
                self.intake.problems.append(
                    self.problem(
                        row_number,
                        as_text(header),
                        None,
                        say(
                            "unknown column, not read; the columns are: {cols_en}",
                            "ukjent kolonne, ikke lest; kolonnene er: {cols_nb}",
                            cols_en=expected_en,
                            cols_nb=expected,
                        ),
                    )
                )
            elif column.key in taken:
                self.intake.problems.append(
                    self.problem(
                        row_number,
                        as_text(header),
                        None,
                        say(
                            "the same column as «{other}»; only the first is read",
                            "samme kolonne som «{other}»; bare den første leses",
                            other=taken[column.key],
                        ),
                    )
                )
            else:
                taken[column.key] = as_text(header)
                self.columns.append((position, as_text(header), column))
        missing = [c for c in self.sheet.columns if c.required and c.key not in taken]
        for column in missing:
            self.intake.problems.append(
                self.problem(
                    row_number,
                    column.header("nb") + " / " + column.header("en"),
                    None,
                    say(
                        "required column is missing; no rows of this sheet were read",
                        "påkrevd kolonne mangler; ingen rader på dette arket ble lest",
                    ),
                )
            )
        return not missing

    def read_row(self, row_number: int, cells: list) -> None:
        """cells: (value, is_formula) per position."""
        entry, raw, problems = {}, {}, []
        for position, header, column in self.columns:
            value, is_formula = cells[position] if position < len(cells) else (None, False)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            raw[column.key] = as_text(value)
            try:
                entry[column.key] = convert(column, self.sheet.key, value, is_formula)
            except CellError as err:
                problems.append(self.problem(row_number, header, _shown(value), err.message))
        if not raw:
            return  # an empty row
        problems += self._required_problems(row_number, entry, raw)
        problems += self._duplicate_problems(row_number, entry)
        if problems:
            self.intake.problems += problems
            self.intake.rejected.append(
                RejectedRow(self.sheet.key, self.title, row_number, raw, problems)
            )
            return
        self._keep(entry)

    def _required_problems(self, row_number: int, entry: dict, raw: dict) -> list[RowProblem]:
        problems = []
        for column in self.sheet.columns:
            if column.required and column.key not in raw:
                header = next(
                    (h for _, h, c in self.columns if c.key == column.key), column.header("en")
                )
                problems.append(
                    self.problem(
                        row_number,
                        header,
                        None,
                        say("this column must be filled in", "denne kolonnen må fylles ut"),
                    )
                )
        return problems

    def _duplicate_problems(self, row_number: int, entry: dict) -> list[RowProblem]:
        key = entry.get("name" if self.sheet is DOCUMENTS else "id")
        if key is None:
            return []
        group = (ID_GROUPS.get(self.sheet.key, self.sheet.key), key)
        if group in self.seen_ids:
            where = self.seen_ids[group]
            header = next((h for _, h, c in self.columns if c.key in ("id", "name")), "ID")
            return [
                self.problem(
                    row_number,
                    header,
                    str(key),
                    say(
                        "a unique ID; it is already used on sheet «{s}», row {r}",
                        "en unik ID; den er allerede brukt på arket «{s}», rad {r}",
                        s=where[0],
                        r=where[1],
                    ),
                )
            ]
        self.seen_ids[group] = (self.title, row_number)
        return []

    def _keep(self, entry: dict) -> None:
        self.intake.rows_kept += 1
        if self.sheet is DOCUMENTS:
            self.intake.lists.setdefault("documents", {})[entry["name"]] = entry.get("text")
        else:
            self.intake.lists.setdefault(self.sheet.key, []).append(entry)


def _too_many_rows(title: str, row_number: int) -> RowProblem:
    return RowProblem(
        title,
        row_number,
        None,
        None,
        say(
            "more than {n} rows; the rest were not read",
            "mer enn {n} rader; resten ble ikke lest",
            n=MAX_ROWS,
        ),
    )


def _read_rows(intake: Intake, reader: _SheetReader | None, rows, title: str) -> None:
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


def _guess_reader(intake: Intake, headers: list, title: str) -> _SheetReader | None:
    sheet = sheet_for_headers([as_text(header) for header in headers if header is not None])
    if sheet is None:
        intake.problems.append(
            RowProblem(
                title,
                None,
                None,
                None,
                say(
                    "the columns match no list of the template (machines, vehicles, heating, fuels, "
                    "exceptions, documents); the sheet was not read",
                    "kolonnene passer ikke med noen liste i malen (maskiner, kjøretøy, oppvarming, "
                    "drivstoff, unntak, dokumenter); arket ble ikke lest",
                ),
            )
        )
        return None
    return _SheetReader(intake, sheet, title, intake.seen_ids)


def _xlsx_rows(worksheet):
    for row in worksheet.iter_rows(max_col=MAX_COLUMNS):
        yield [(cell.value, getattr(cell, "data_type", None) == "f") for cell in row]


def read_xlsx(data: bytes) -> Intake:
    check_xlsx_container(data)
    intake = Intake()
    unreadable = say(
        "The workbook could not be read: it is damaged or not a real .xlsx file.",
        "Arbeidsboken kunne ikke leses: den er skadet eller ikke en ekte .xlsx-fil.",
    )
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
            reader = _SheetReader(intake, sheet, title, intake.seen_ids) if sheet else None
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
        raise IntakeError(
            say("The file is not a text (CSV) file.", "Filen er ikke en tekstfil (CSV).")
        )
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
        raise IntakeError(
            say(
                "The CSV file could not be read: {e}", "CSV-filen kunne ikke leses: {e}", e=str(err)
            )
        ) from None
    return intake


def read_upload(filename: str, data: bytes) -> Intake:
    """An uploaded machine list, XLSX or CSV, told apart by content as much as by name."""
    lower = (filename or "").lower()
    if data.startswith(OLE_MAGIC) or lower.endswith(".xls"):
        raise IntakeError(
            say(
                "This is the old Excel format (.xls). Save it as .xlsx (Excel workbook) and try again.",
                "Dette er det gamle Excel-formatet (.xls). Lagre som .xlsx (Excel-arbeidsbok) og prøv igjen.",
            )
        )
    if data.startswith(b"PK") or lower.endswith((".xlsx", ".xlsm")):
        return read_xlsx(data)
    if lower.endswith((".csv", ".txt")) or not lower:
        return read_csv(data, filename or "CSV")
    raise IntakeError(
        say(
            "Expected an Excel workbook (.xlsx) or a CSV file; found {n}.",
            "Forventet en Excel-arbeidsbok (.xlsx) eller en CSV-fil; fant {n}.",
            n=filename,
        )
    )
