"""Open data: an organisation's published statistics, aggregates only, in a stable format.

`climate-open-statistics/1` holds the organisation's monthly sums by basis, source and energy
carrier (never a project, a contract or a contractor), Oslo's indicators for the year, how
complete the actual figures are (counts, not names) and the factor files used. The figures come
only from awarded tenders and accepted period reports, so no bid is shown before its award.
The CSV has the same cells, one a row, under a header that will not change within version 1.
"""

import csv
import io
from collections.abc import Iterator

from checker.intake.template import neutralise
from checker.statistics.cells import MEASURES
from checker.statistics.cells import Cells
from checker.statistics.cells import carrier_class

OPEN_FORMAT = "climate-open-statistics/1"
CELL_COLUMNS = ("basis", "year", "month", "source", "energy_carrier", "carrier_class")
CSV_COLUMNS = ("organisation_number", "organisation", *CELL_COLUMNS, *MEASURES)


def open_cells(cells: Cells) -> list[dict]:
    """The cells as rows, in key order, figures rounded to three decimals."""
    return [
        {
            "basis": basis,
            "year": year,
            "month": month,
            "source": source,
            "energy_carrier": carrier,
            "carrier_class": carrier_class(carrier),
        }
        | {measure: round(figures[measure], 3) for measure in MEASURES}
        for (basis, year, month, source, carrier), figures in sorted(cells.items())
    ]


def _completeness(found: dict | None) -> dict | None:
    if found is None:
        return None
    keys = ("as_of", "contracts", "complete", "expected_days", "covered_days", "share")
    return {key: found[key] for key in keys} | {
        "contracts_with_gaps": found["gaps_count"],
        "contracts_without_dates": found["undated_count"],
    }


def open_document(statistics: dict, cells: Cells, published_at: str) -> dict:
    """The published year: aggregates and indicators, no names of projects or contractors."""
    organisation = statistics["scope"]["organisation"]
    return {
        "format": OPEN_FORMAT,
        "organisation": {"name": organisation["name"], "org_number": organisation["org_number"]},
        "published_at": published_at,
        "year": statistics["year"],
        "through_month": statistics["through_month"],
        "factors": statistics["factors"],
        "indicators": {
            "year": statistics["year_total"],
            "year_to_date": statistics["year_to_date"],
        },
        "completeness": _completeness(statistics["completeness"]),
        "cells": open_cells(cells),
    }


def open_csv_lines(organisation: dict, cells: Cells) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in open_cells(cells):
        writer.writerow([organisation["org_number"], neutralise(organisation["name"])]
                        + [row[column] for column in CSV_COLUMNS[2:]])  # fmt: skip
    yield buffer.getvalue()
