"""One sheet (or CSV file) of a machine list: its header matched to columns, its rows to entries."""

from checker.formats.messages import define
from checker.formats.messages import kind
from checker.formats.messages import say
from checker.intake.cells import CellError
from checker.intake.cells import as_text
from checker.intake.cells import convert
from checker.intake.columns import DOCUMENTS
from checker.intake.columns import SHEETS_BY_KEY
from checker.intake.columns import Column
from checker.intake.columns import Sheet
from checker.intake.columns import header_index
from checker.intake.columns import normalise_header
from checker.intake.results import Intake
from checker.intake.results import RejectedRow
from checker.intake.results import RowProblem

# Machines, vehicles and heaters share one id space (exceptions refer to any of them).
ID_GROUPS = {"machines": "items", "vehicles": "items", "heating": "items"}


def _shown(value) -> str:
    text = as_text(value)
    return text if len(text) <= 60 else text[:59] + "…"


@kind("columns")
def column_headers(sheet: str, lang: str) -> str:
    """A sheet's columns by their headers in the language, for a message's value."""
    side = "nb" if lang == "nn" else lang  # the template has no nynorsk headers yet
    return ", ".join(column.header(side) for column in SHEETS_BY_KEY[sheet].columns)


class SheetReader:
    """Reads the rows of one sheet (or CSV file) into an Intake."""

    def __init__(self, intake: Intake, sheet: Sheet, title: str, seen_ids: dict):
        self.intake, self.sheet, self.title, self.seen_ids = intake, sheet, title, seen_ids
        self.columns: list[tuple[int, str, Column]] = []

    def problem(self, row, column, value, message) -> RowProblem:
        return RowProblem(self.title, row, column, value, message)

    def header_problem(self, row_number: int, column: str, message: dict) -> None:
        self.intake.problems.append(self.problem(row_number, column, None, message))

    def read_header(self, row_number: int, headers: list) -> bool:
        """Match the header row; returns False when the sheet cannot be read (column missing)."""
        index, taken = header_index(self.sheet), {}
        for position, header in enumerate(headers):
            if header is None or not as_text(header):
                continue
            column = index.get(normalise_header(as_text(header)))
            if column is None:
                message = say("sheet.unknown_column_not_read", cols={"columns": self.sheet.key})
                self.header_problem(row_number, as_text(header), message)
            elif column.key in taken:
                message = say("sheet.same_column_only_first", other=taken[column.key])
                self.header_problem(row_number, as_text(header), message)
            else:
                taken[column.key] = as_text(header)
                self.columns.append((position, as_text(header), column))
        missing = [c for c in self.sheet.columns if c.required and c.key not in taken]
        for column in missing:
            message = say("sheet.required_column_missing_no")
            self.header_problem(
                row_number, f"{column.header('nb')} / {column.header('en')}", message
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
                        say("sheet.this_column_must_filled"),
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
                    say("sheet.unique_id_already_used", s=where[0], r=where[1]),
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


MESSAGES = define(
    {
        "sheet.unknown_column_not_read": (
            "unknown column, not read; the columns are: {cols}",
            "ukjent kolonne, ikke lest; kolonnene er: {cols}",
            "ukjend kolonne, ikkje lesen; kolonnane er: {cols}",
        ),
        "sheet.same_column_only_first": (
            "the same column as «{other}»; only the first is read",
            "samme kolonne som «{other}»; bare den første leses",
            "same kolonne som «{other}»; berre den første blir lesen",
        ),
        "sheet.required_column_missing_no": (
            "required column is missing; no rows of this sheet were read",
            "påkrevd kolonne mangler; ingen rader på dette arket ble lest",
            "påkravd kolonne manglar; ingen rader på dette arket blei lesne",
        ),
        "sheet.this_column_must_filled": (
            "this column must be filled in",
            "denne kolonnen må fylles ut",
            "denne kolonnen må fyllast ut",
        ),
        "sheet.unique_id_already_used": (
            "a unique ID; it is already used on sheet «{s}», row {r}",
            "en unik ID; den er allerede brukt på arket «{s}», rad {r}",
            "ein unik ID; han er allereie brukt på arket «{s}», rad {r}",
        ),
    }
)
