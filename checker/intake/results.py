"""What reading a machine list gives: the entries kept, and each problem with where it is."""

from dataclasses import dataclass
from dataclasses import field

from checker.formats.texts import pick

WORDS = {
    "nb": ("ark", "rad", "kolonne", "fant"),
    "nn": ("ark", "rad", "kolonne", "fann"),
    "en": ("sheet", "row", "column", "found"),
}


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
        what = pick(self.message, lang)
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
    sheets_read: set = field(default_factory=set)  # lists whose sheet was read (header found)
    seen_ids: dict = field(default_factory=dict)

    @property
    def lists_given(self) -> list[str]:
        """The lists the file fills: a sheet with at least one row, valid or not.

        An empty sheet replaces nothing: a contractor who fills only the machines in the full
        template keeps the fuels and heaters already entered.
        """
        rejected = {row.list_key for row in self.rejected}
        return sorted(key for key in self.sheets_read if key in self.lists or key in rejected)

    def apply_to(self, tender: dict) -> dict:
        """The tender with each list the file fills replaced by the file's valid rows."""
        updated = dict(tender)
        for key in self.lists_given:
            updated[key] = self.lists.get(key) or ({} if key == "documents" else [])
        return updated
