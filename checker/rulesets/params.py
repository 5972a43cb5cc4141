"""Typed rule parameters: what each parameter type accepts, used for rule files and tailoring."""

from checker.checks.shares import SHARE_METRICS
from checker.formats.inputs import Problem
from checker.formats.messages import say
from checker.formats.problems import found
from checker.formats.problems import short
from checker.formats.vocabulary import CARRIER_CLASSES
from checker.formats.vocabulary import ENERGY_CARRIERS
from checker.formats.vocabulary import EURO_CLASSES
from checker.formats.vocabulary import EXCEPTION_GROUNDS
from checker.formats.vocabulary import FEEDSTOCKS
from checker.formats.vocabulary import STAGE_RANK

ENUM_LISTS = {
    "class_list": CARRIER_CLASSES,
    "carrier_list": ENERGY_CARRIERS,
    "feedstock_list": FEEDSTOCKS,
    "ground_list": EXCEPTION_GROUNDS,
}
ENUMS = {
    "stage": tuple(STAGE_RANK),
    "euro_class": EURO_CLASSES + (None,),
    "metric": tuple(SHARE_METRICS),
    "weight_field": ("planned_km", "planned_hours"),
    "hydrogen_reading": ("any", "fuel_cell_only"),
}
# Only these parameter types may carry a min/max tailoring range.
RANGED = frozenset({"number", "integer", "share", "positive_share", "points"})


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _list_problems(path: str, value, allowed: tuple | None) -> list[Problem]:
    if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
        return [Problem(path, f"expected a list of names; found {value!r}")]
    if allowed is None:
        return []
    unknown = [entry for entry in value if entry not in allowed]
    if unknown:
        return [
            Problem(
                path,
                f"unknown value(s) {', '.join(unknown)}; expected any of: {', '.join(allowed)}",
            )
        ]
    return []


def _score_map_problems(path: str, value) -> list[Problem]:
    names = CARRIER_CLASSES + ENERGY_CARRIERS
    if not isinstance(value, dict):
        return [Problem(path, "expected a mapping from carrier or carrier class to a score 0..1")]
    problems = []
    for key, score in value.items():
        if key not in names:
            problems.append(
                Problem(f"{path}.{key}", f"expected a carrier or carrier class; found {key!r}")
            )
        elif not _is_number(score) or not 0 <= score <= 1:
            problems.append(
                Problem(f"{path}.{key}", f"expected a score from 0 to 1; found {score!r}")
            )
    return problems


def _stage_bands_problems(path: str, value) -> list[Problem]:
    """[{min_kw, max_kw (optional), min_stage (a stage, or null for none)}, ...]"""
    if not isinstance(value, list):
        return [Problem(path, "expected a list of {min_kw, max_kw, min_stage} bands")]
    problems = []
    for index, band in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(band, dict) or not {"min_kw", "min_stage"} <= set(band):
            problems.append(Problem(where, "expected {min_kw, max_kw (optional), min_stage}"))
            continue
        unknown = set(band) - {"min_kw", "max_kw", "min_stage"}
        if unknown:
            problems.append(Problem(where, f"unknown key(s) {', '.join(sorted(unknown))}"))
        if not _is_number(band["min_kw"]) or band["min_kw"] < 0:
            problems.append(
                Problem(f"{where}.min_kw", f"expected kW, 0 or more; found {band['min_kw']!r}")
            )
        high = band.get("max_kw")
        if "max_kw" in band and (
            not _is_number(high) or not _is_number(band["min_kw"]) or high <= band["min_kw"]
        ):
            problems.append(Problem(f"{where}.max_kw", f"expected kW above min_kw; found {high!r}"))
        if band["min_stage"] is not None and band["min_stage"] not in STAGE_RANK:
            problems.append(
                Problem(
                    f"{where}.min_stage",
                    f"expected one of: {', '.join(STAGE_RANK)}, null; found {band['min_stage']!r}",
                )
            )
    return problems


def check_value(path: str, kind: str, value) -> list[Problem]:
    """Problems with one value of a parameter type (empty when it is fine)."""
    if kind == "stage_bands":
        return _stage_bands_problems(path, value)
    if kind in ENUM_LISTS:
        return _list_problems(path, value, ENUM_LISTS[kind])
    if kind in ("string_list", "field_list"):
        return _list_problems(path, value, None)
    if kind in ENUMS:
        ok = value in ENUMS[kind]
        return (
            []
            if ok
            else [
                Problem(
                    path,
                    say(
                        "input.enum",
                        allowed={"list": list(map(str, ENUMS[kind]))},
                        found=short(value),
                    ),
                )
            ]
        )
    if kind == "bool":
        return (
            []
            if isinstance(value, bool)
            else [Problem(path, say("parameter.bool", found=found(value)))]
        )
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [Problem(path, say("parameter.integer", found=found(value)))]
    if kind == "number":
        return (
            []
            if _is_number(value)
            else [Problem(path, say("parameter.number", found=found(value)))]
        )
    if kind == "share":
        ok = _is_number(value) and 0 <= value <= 1
        return [] if ok else [Problem(path, say("parameter.share", found=found(value)))]
    if kind == "positive_share":
        ok = _is_number(value) and 0 < value <= 1
        return [] if ok else [Problem(path, say("parameter.positive_share", found=found(value)))]
    if kind == "points":
        ok = _is_number(value) and value >= 0
        return [] if ok else [Problem(path, say("parameter.points", found=found(value)))]
    if kind == "score_map":
        return _score_map_problems(path, value)
    if kind == "string":
        return (
            []
            if isinstance(value, str) and value
            else [Problem(path, say("parameter.string", found=found(value)))]
        )
    raise ValueError(f"unknown parameter type {kind}")


def range_problems(path: str, spec: dict, value) -> list[Problem]:
    """A value must lie within the min/max or choices the rule file allows."""
    low, high, choices = spec.get("min"), spec.get("max"), spec.get("choices")
    if _is_number(value) and (
        (low is not None and value < low) or (high is not None and value > high)
    ):
        return [Problem(path, say("parameter.range", low=low, high=high, found=found(value)))]
    if choices is not None:
        chosen = value if isinstance(value, list) else [value]
        outside = [entry for entry in chosen if entry not in choices]
        if outside:
            return [
                Problem(
                    path,
                    say(
                        "parameter.choices",
                        outside={"list": [short(entry) for entry in outside]},
                        allowed={"list": [short(entry) for entry in choices]},
                    ),
                )
            ]
    return []


def value_problems(path: str, kind: str, spec: dict) -> list[Problem]:
    """Problems with a parameter as written in a rule file: its value, and its tailoring range."""
    problems = check_value(f"{path}.value", kind, spec["value"])
    if problems:
        return problems
    has_range = spec.get("min") is not None or spec.get("max") is not None
    if has_range and kind not in RANGED:
        return [
            Problem(
                path, f"min/max apply to numbers only; a {kind} parameter is tailored with choices"
            )
        ]
    if spec.get("choices") is not None and kind in RANGED:
        return [Problem(f"{path}.choices", "a number is tailored with min/max, not choices")]
    for bound in ("min", "max"):
        if spec.get(bound) is not None:
            problems += check_value(f"{path}.{bound}", kind, spec[bound])
    if spec.get("choices") is not None:
        for index, choice in enumerate(spec["choices"]):
            choice_value = [choice] if kind.endswith("_list") else choice
            problems += check_value(f"{path}.choices[{index}]", kind, choice_value)
    return problems + range_problems(f"{path}.value", spec, spec["value"])
