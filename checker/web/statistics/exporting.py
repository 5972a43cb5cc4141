"""The statistics exports (CSV streamed, XLSX, JSON), each recorded in the audit trail."""

import tempfile
from collections.abc import Iterator

from checker.statistics.export import csv_lines
from checker.statistics.export import json_chunks
from checker.statistics.export import tidy_rows
from checker.statistics.export import tidy_tuples
from checker.statistics.export import write_xlsx
from checker.web.audit import recording as audit
from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.statistics import queries
from checker.web.statistics.queries import Filters
from checker.web.statistics.service import organisation_statistics

FORMATS = ("csv", "xlsx", "json")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def rows(organisation: Organisation, filters: Filters | None) -> Iterator[dict]:
    """The tidy rows of the organisation's figures (all years without filters), as dicts."""
    tables = queries.factor_tables(queries.used_factor_files(organisation.id))
    return tidy_rows(queries.export_cells(organisation.id, filters), tables)


def row_tuples(organisation: Organisation, filters: Filters | None, engine) -> Iterator[tuple]:
    """The same rows as tuples, read on a connection of their own (queries.export_cells)."""
    tables = queries.factor_tables(queries.used_factor_files(organisation.id))
    return tidy_tuples(queries.export_cells(organisation.id, filters, engine), tables)


def record_export(organisation: Organisation, filters: Filters | None, fmt: str, where: str):
    """Every export is in the audit trail: who, which organisation, format and filters."""
    audit.record(
        "statistics_exported",
        "organisation",
        organisation.id,
        organisation_id=organisation.id,
        details={
            "format": fmt,
            "year": filters.year if filters else None,
            "project": filters.procurement_id if filters else None,
            "ruleset": filters.ruleset_id if filters else None,
            "source": filters.source if filters else None,
            "via": where,
        },
    )
    db.session.commit()


def csv_stream(organisation: Organisation, filters: Filters | None) -> Iterator[bytes]:
    """The CSV export as UTF-8 chunks of about 64 KB: memory stays flat whatever the size. The
    rows come on a connection of their own, so the chunks need no request or session."""
    return _chunks(csv_lines(row_tuples(organisation, filters, db.engine)))


def _chunks(lines: Iterator[str]) -> Iterator[bytes]:
    chunk, size = [], 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size >= 65536:
            yield "".join(chunk).encode("utf-8")
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk).encode("utf-8")


def xlsx_bytes(organisation: Organisation, filters: Filters | None, lang: str) -> bytes:
    """The workbook; openpyxl's write-only mode keeps the rows in a temporary file, not memory."""
    with tempfile.TemporaryFile() as target:
        write_xlsx(rows(organisation, filters), target, lang)
        target.seek(0)
        return target.read()


def json_stream(organisation: Organisation, filters: Filters) -> Iterator[bytes]:
    """One year's statistics with its tidy rows, streamed like the CSV."""
    statistics = organisation_statistics(organisation, filters, named=None)
    tables = queries.factor_tables(queries.used_factor_files(organisation.id))
    cells = queries.export_cells(organisation.id, filters, db.engine)
    return _chunks(json_chunks(statistics, tidy_rows(cells, tables)))


def export_bytes(organisation, filters, fmt: str, lang: str) -> Iterator[bytes]:
    """The export in a format, as chunks (CSV and JSON are streamed; a workbook is written to a
    temporary file first, which its format needs)."""
    if fmt == "csv":
        return csv_stream(organisation, filters)
    if fmt == "xlsx":
        return iter([xlsx_bytes(organisation, filters, lang)])
    return json_stream(organisation, filters)
