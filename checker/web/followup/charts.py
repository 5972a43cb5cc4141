"""The officer's plan-against-actual charts of a contract in follow-up: per month, the
zero-emission share of energy (incl. biogas) against the plan's share, and the fossil litres so
far against the plan's litres for the whole contract. The same figures stand in a table beside
them (templates/followup/_result.html)."""

from checker.formats import display
from checker.statistics.charts import plan_and_actual


def month_rows(result: dict) -> list[dict]:
    """One row per calendar month reported: the share and the litres, the month's and so far."""
    rows, so_far = [], 0.0
    plan = result["plan_indicators"]
    for month in result["months"]:
        figures = month["indicators"]
        so_far += figures["fossil_litres"] or 0.0
        rows.append(
            {
                "month": display.month(month["month"]),
                "plan_share": plan["zero_emission_incl_biogas_share"],
                "share": figures["zero_emission_incl_biogas_share"],
                "litres": figures["fossil_litres"],
                "litres_so_far": so_far,
            }
        )
    return rows


def charts(result: dict, lang: str, labels: dict) -> dict:
    """The two charts as inline SVG, worded with the page's labels and numbers."""
    rows = month_rows(result)
    plan = result["plan_indicators"]
    return {
        "share": plan_and_actual(
            [(r["month"], r["plan_share"], r["share"]) for r in rows],
            labels["share"],
            lambda value: display.percent(value, lang),
            plan_label=labels["plan"],
            actual_label=labels["actual"],
            pattern_id="followup-share-plan",
            top=1.0,
        ),
        "litres": plan_and_actual(
            [(r["month"], plan["fossil_litres"], r["litres_so_far"]) for r in rows],
            labels["litres"],
            lambda value: display.quantity(value, "L", lang),
            plan_label=labels["plan_litres"],
            actual_label=labels["actual"],
            pattern_id="followup-litres-plan",
        ),
        "rows": rows,
    }
