"""Limits on uploaded machine lists, checked before any parser sees the file.

An XLSX file is a ZIP archive of XML parts. A hostile one can be small on the wire and huge
unpacked (a zip bomb), hold thousands of parts, or not be a ZIP at all. The archive's directory
is read and judged here first; openpyxl opens only what passes.
"""

import io
import zipfile

from checker.formats.messages import define
from checker.formats.messages import render
from checker.formats.messages import say

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a 2,000-machine list is about 150 KB
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # all parts together, unpacked
MAX_RATIO = 100  # unpacked size / packed size of one part; XML compresses 10-20 times
MAX_MEMBERS = 300  # an Excel workbook has a few dozen parts
MAX_ROWS = 10_000  # per sheet
MAX_COLUMNS = 60  # per sheet
ZIP_MAGIC = b"PK\x03\x04"


class IntakeError(Exception):
    """The file as a whole cannot be read; message is a structured message."""

    def __init__(self, message: dict):
        self.message = message
        super().__init__(render(message, "en"))


def check_size(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise IntakeError(say("limits.file_larger_than_mb", mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
    if not data:
        raise IntakeError(say("limits.file_empty"))


def check_xlsx_container(data: bytes) -> None:
    """Refuse what is not a ZIP, or would unpack to far more than any machine list needs."""
    check_size(data)
    not_excel = say("limits.file_not_excel_workbook")
    if not data.startswith(ZIP_MAGIC):
        raise IntakeError(not_excel)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise IntakeError(not_excel) from None
    if len(members) > MAX_MEMBERS:
        raise IntakeError(say("limits.workbook_has_parts_most", n=len(members), max=MAX_MEMBERS))
    _check_unpacked_sizes(members)


def _check_unpacked_sizes(members: list[zipfile.ZipInfo]) -> None:
    too_big = say("limits.workbook_would_unpack_more", mb=MAX_UNPACKED_BYTES // (1024 * 1024))
    total = 0
    for member in members:
        total += member.file_size
        # Tiny parts compress absurdly well too; only parts of some size can be a bomb.
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNPACKED_BYTES or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise IntakeError(too_big)


MESSAGES = define(
    {
        "limits.file_larger_than_mb": (
            "The file is larger than {mb} MB.",
            "Filen er større enn {mb} MB.",
            "Fila er større enn {mb} MB.",
        ),
        "limits.file_empty": ("The file is empty.", "Filen er tom.", "Fila er tom."),
        "limits.file_not_excel_workbook": (
            "The file is not an Excel workbook (.xlsx). Save it as .xlsx or CSV and try again.",
            (
                "Filen er ikke en Excel-arbeidsbok (.xlsx). Lagre den som .xlsx eller CSV og prøv "
                "igjen."
            ),
            (
                "Fila er ikkje ei Excel-arbeidsbok (.xlsx). Lagre ho som .xlsx eller CSV og prøv "
                "igjen."
            ),
        ),
        "limits.workbook_has_parts_most": (
            "The workbook has {n} parts; at most {max} are accepted.",
            "Arbeidsboken har {n} deler; høyst {max} godtas.",
            "Arbeidsboka har {n} delar; høgst {max} blir godtekne.",
        ),
        "limits.workbook_would_unpack_more": (
            (
                "The workbook would unpack to more than {mb} MB, or is packed suspiciously tightly; "
                "it is not read."
            ),
            (
                "Arbeidsboken ville pakkes ut til mer enn {mb} MB, eller er mistenkelig tett pakket; "
                "den leses ikke."
            ),
            (
                "Arbeidsboka ville blitt pakka ut til meir enn {mb} MB, eller er mistenkeleg tett "
                "pakka; ho blir ikkje lesen."
            ),
        ),
    }
)
