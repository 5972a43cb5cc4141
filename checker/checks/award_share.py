"""Check type `award_share`: award points in proportion to a share from the metrics."""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import register
from checker.checks.shares import share_of
from checker.checks.shares import unknown_share
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.texts import percent
from checker.formats.texts import points as points_text
from checker.rulesets.wording import metric_name


def award_share(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Points in proportion to a share, full points at or above full_points_at."""
    share, missing = share_of(ctx.metrics, params["metric"], params["zero_emission_hydrogen"])
    unknown = unknown_share(params["metric"], missing)
    if unknown:
        return unknown
    if share is None:
        return Outcome(
            "not_answered",
            say("award_share.share_not_computable", m=metric_name(params["metric"])),
            points=0.0,
            code="share_not_computable",
        )
    points = round(params["max_points"] * min(share / params["full_points_at"], 1.0), 2)
    return Outcome(
        "pass",
        say(
            "award_share.points_given",
            m=metric_name(params["metric"]),
            s=percent(share),
            p=points_text(points),
            max=points_text(params["max_points"]),
        ),
        points=points,
        code="points_given",
    )


def advise(finding: Finding) -> dict | None:
    return None  # award rules score; they never reject, so there is nothing to fix


RULE = {"metric": "zero_emission_share", "full_points_at": 1.0, "max_points": 10}


def _machines(electric_kwh: float, diesel_litres: float) -> dict:
    return {
        "machines": [
            {
                "id": "M1",
                "category": "excavator",
                "energy_carrier": "battery_electric",
                "energy_kwh": electric_kwh,
            },
            {
                "id": "M2",
                "category": "excavator",
                "energy_carrier": "diesel",
                "fuel_litres": diesel_litres,
            },
        ]
    }


EXAMPLES = (
    Example("all energy zero-emission gives full points", RULE, _machines(1000, 0), "pass"),
    Example(
        "half the energy zero-emission gives half the points", RULE, _machines(1005.6, 100), "pass"
    ),
    Example(
        "missing data gives no points and is not answered",
        RULE,
        {"machines": [{"id": "M1", "category": "excavator", "energy_carrier": "diesel"}]},
        "not_answered",
    ),
)

register(
    "award_share",
    award_share,
    targets={"tender"},
    params={
        "metric": Param("metric"),
        "full_points_at": Param("positive_share"),
        "max_points": Param("points"),
        "zero_emission_hydrogen": Param("hydrogen_reading", required=False, default="any"),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "award_share.share_not_computable": (
            "{m} cannot be computed",
            "{m} kan ikke beregnes",
            "{m} kan ikkje reknast ut",
        ),
        "award_share.points_given": (
            "{m} {s} gives {p} of {max} points",
            "{m} {s} gir {p} av {max} poeng",
            "{m} {s} gir {p} av {max} poeng",
        ),
    }
)
