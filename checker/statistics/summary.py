"""A year of statistics as plain data (climate-statistics/1): what the page, the exports and the
annual report show, from cells and the completeness of the actual figures."""

from collections.abc import Iterable

from checker.statistics.cells import BASES
from checker.statistics.cells import MEASURES
from checker.statistics.cells import SOURCES
from checker.statistics.cells import Cells
from checker.statistics.cells import carrier_class
from checker.statistics.cells import group
from checker.statistics.cells import zero
from checker.statistics.indicators import SHARES
from checker.statistics.indicators import TOTALS
from checker.statistics.indicators import indicators

STATISTICS_FORMAT = "climate-statistics/1"


def _of(cells: Cells, basis: str, year: int, through: int = 12) -> list[tuple[tuple, dict]]:
    return [
        (key, figures)
        for key, figures in cells.items()
        if key[0] == basis and key[1] == year and key[2] <= through
    ]


def by_basis(cells: Cells, year: int, through: int = 12) -> dict:
    """The indicators of each basis (planned, actual) over the months 1..through of the year."""
    return {basis: indicators(_of(cells, basis, year, through)) for basis in BASES}


def months(cells: Cells, year: int) -> list[dict]:
    """Each month's indicators, planned and actual, and the actual year to date."""
    found = []
    for month in range(1, 13):
        month_cells = {k: v for k, v in cells.items() if k[1] == year and k[2] == month}
        found.append(
            {
                "month": month,
                "planned": indicators(_of(month_cells, "planned", year)),
                "actual": indicators(_of(month_cells, "actual", year)),
                "actual_to_date": indicators(_of(cells, "actual", year, month)),
            }
        )
    return found


def by_source_and_carrier(cells: Cells, year: int, through: int = 12) -> list[dict]:
    """Figures per source and energy carrier, planned beside actual."""
    chosen = [(k, v) for k, v in cells.items() if k[1] == year and k[2] <= through]
    grouped = group(chosen, lambda key: (key[3], key[4], key[0]))
    rows = {}
    for (source, carrier, basis), figures in grouped.items():
        row = rows.setdefault(
            (source, carrier),
            {
                "source": source,
                "energy_carrier": carrier,
                "carrier_class": carrier_class(carrier),
                "planned": zero(),
                "actual": zero(),
            },
        )
        row[basis] = figures
    order = {source: index for index, source in enumerate(SOURCES)}
    return [rows[key] for key in sorted(rows, key=lambda k: (order[k[0]], k[1]))]


def totals(cells: Cells, year: int, through: int = 12) -> dict:
    """Every measure summed per basis."""
    chosen = [(k, v) for k, v in cells.items() if k[1] == year and k[2] <= through]
    grouped = group(chosen, lambda key: key[0])
    return {basis: grouped.get(basis, zero()) for basis in BASES}


def year_statistics(
    cells: Cells,
    year: int,
    *,
    through: int,
    factors: list[dict],
    completeness: dict | None,
    scope: dict | None = None,
) -> dict:
    """climate-statistics/1 for one year: the year, the year to date (months 1..through), each
    month, sources and carriers, planned against actual, completeness, and the factor files used.

    scope says what the figures cover (organisation, filters); it is stored as given.
    """
    return {
        "format": STATISTICS_FORMAT,
        "scope": scope or {},
        "year": year,
        "through_month": through,
        "factors": factors,
        "year_total": by_basis(cells, year),
        "year_to_date": by_basis(cells, year, through),
        "months": months(cells, year),
        "sources": by_source_and_carrier(cells, year),
        "totals": totals(cells, year),
        "completeness": completeness,
        "measures": list(MEASURES),
    }


def compare(first: dict, second: dict) -> list[dict]:
    """Two year_statistics of the same data with different factor files, side by side:
    each indicator and total of the actual year, with the difference."""
    rows = []
    a, b = first["year_total"]["actual"], second["year_total"]["actual"]
    for name in SHARES:
        rows.append(_row(name, a[name]["value"], b[name]["value"]))
    for name in TOTALS:
        rows.append(_row(name, a[name], b[name]))
    return rows


def _row(name: str, first, second) -> dict:
    both = first is not None and second is not None
    return {
        "indicator": name,
        "first": first,
        "second": second,
        "difference": second - first if both else None,
    }


def cells_from_rows(rows: Iterable[dict]) -> Cells:
    """Cells from flat rows (basis, year, month, source, energy_carrier and the measures), as a
    database or an export gives them; rows with the same key are added up."""
    cells: Cells = {}
    for row in rows:
        key = (
            row["basis"],
            int(row["year"]),
            int(row["month"]),
            row["source"],
            row["energy_carrier"],
        )
        figures = cells.setdefault(key, zero())
        for measure in MEASURES:
            figures[measure] += float(row.get(measure) or 0.0)
    return cells
