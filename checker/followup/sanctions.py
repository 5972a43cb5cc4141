"""Sanctions from the contract (the tailoring's `sanctions` block), with basis and arithmetic.

A failing item of a sanctioned rule in a period gives one sanction: per fossil litre it burnt, per
day it was on site (days_on_site, else every day of the period), or a lump sum once per period
and rule. Caps (a rule's own cap_nok, and cap_nok beside the rules for all together) apply over
the contract, in time order. Money is computed in Decimal and rounded half up to øre; a
sanction is a proposal until the officer decides it.
"""

from decimal import ROUND_HALF_UP
from decimal import Decimal

from checker.assessment.emissions import effective_carrier
from checker.assessment.ledger import FOSSIL_LIQUIDS
from checker.followup.inherit import ITEM_LISTS
from checker.followup.period import period_days
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.rulesets.ruleset import Ruleset

BASES = {"per_litre_nok": "litres", "per_day_nok": "days", "lump_sum_nok": "lump_sum"}
UNITS = {"litres": ("L", "NOK/L"), "days": ("days", "NOK/day")}
SANCTIONED_KINDS = frozenset({"requirement", "contract"})
CAP = "cap_nok"
ØRE = Decimal("0.01")


class SanctionsError(InputError):
    """A sanctions block that names no failable rule, or gives no single rate."""


def check_sanctions(ruleset: Ruleset, deselected: dict, sanctions: dict | None) -> dict:
    """The sanctions block in canonical form; every problem named by its path in the tailoring."""
    sanctions = sanctions or {}
    problems = []
    for rule_id, terms in sanctions.items():
        if rule_id == CAP:
            continue
        path, rule = f"sanctions.{rule_id}", ruleset.rule(rule_id)
        if rule is None:
            problems.append(Problem(path, "no such rule in this rule set"))
        elif rule.kind not in SANCTIONED_KINDS:
            problems.append(
                Problem(
                    path, f"a {rule.kind} rule never fails; sanction a requirement or contract rule"
                )
            )
        elif rule_id in deselected:
            problems.append(
                Problem(path, "this rule is deselected in the tailoring, so it can never fail")
            )
        rates = [name for name in BASES if name in terms]
        if len(rates) != 1:
            problems.append(
                Problem(
                    path,
                    f"expected exactly one of {', '.join(BASES)}; found {', '.join(rates) or 'none'}",
                )
            )
    if problems:
        raise SanctionsError("tailoring", problems)
    return {
        key: sanctions[key] if key == CAP else dict(sorted(sanctions[key].items()))
        for key in sorted(sanctions)
    }


def money(value) -> Decimal:
    """A number from the data as an exact Decimal (through its shortest text, not its binary value)."""
    return Decimal(str(value))


def _shown(value: Decimal) -> str:
    """412.5, 25, 0.5: the number without trailing zeros or an exponent."""
    return format(value.normalize(), "f")


class SanctionBook:
    """Sanctions of a contract, period after period, keeping the caps' running totals."""

    def __init__(self, sanctions: dict):
        self.sanctions = sanctions
        self.by_rule: dict[str, Decimal] = {}
        self.total = Decimal(0)

    def for_period(
        self, report: dict, effective: dict, results: list[dict], metrics: dict
    ) -> list[dict]:
        """The sanctions of one period, from its failing items of sanctioned rules."""
        found = []
        for result in results:
            terms = self.sanctions.get(result["rule"])
            if (
                terms is None
                or result["kind"] not in SANCTIONED_KINDS
                or result["status"] != "fail"
            ):
                continue
            rate_name = next(name for name in BASES if name in terms)
            basis = BASES[rate_name]
            failing = [item["id"] for item in result["items"] if item["status"] == "fail"]
            if basis == "lump_sum":
                found.append(
                    self._book(result["rule"], None, failing, basis, Decimal(1), terms, rate_name)
                )
                continue
            for item_id in failing or [None]:
                quantity = _quantity(basis, item_id, report, effective, metrics)
                found.append(
                    self._book(result["rule"], item_id, None, basis, quantity, terms, rate_name)
                )
        return found

    def _book(self, rule, item, items, basis, quantity, terms, rate_name) -> dict:
        rate = money(terms[rate_name])
        uncapped = (quantity * rate).quantize(ØRE, rounding=ROUND_HALF_UP)
        amount, cap_note = self._capped(rule, uncapped, terms)
        if basis == "lump_sum":
            arithmetic = f"lump sum {_shown(rate)} NOK = {uncapped:.2f} NOK"
        else:
            unit, per = UNITS[basis]
            arithmetic = f"{_shown(quantity)} {unit} × {_shown(rate)} {per} = {uncapped:.2f} NOK"
        sanction = {
            "rule": rule,
            "item": item,
            "basis": basis,
            "quantity": float(quantity),
            "rate_nok": float(rate),
            "amount_nok": float(amount),
            "arithmetic": arithmetic + (f"; {cap_note}: {amount:.2f} NOK" if cap_note else ""),
            "status": "proposed",
        }
        if items is not None:
            sanction["items"] = items
        if cap_note:
            sanction["uncapped_nok"] = float(uncapped)
        self.by_rule[rule] = self.by_rule.get(rule, Decimal(0)) + amount
        self.total += amount
        return sanction

    def _capped(self, rule: str, amount: Decimal, terms: dict) -> tuple[Decimal, str | None]:
        """The amount within what the rule's cap and the contract's cap still leave."""
        note = None
        if CAP in terms:
            left = max(Decimal(0), money(terms[CAP]) - self.by_rule.get(rule, Decimal(0)))
            if amount > left:
                amount, note = left, f"capped by the rule's cap of {_shown(money(terms[CAP]))} NOK"
        if CAP in self.sanctions:
            left = max(Decimal(0), money(self.sanctions[CAP]) - self.total)
            if amount > left:
                amount, note = (
                    left,
                    f"capped by the contract's cap of {_shown(money(self.sanctions[CAP]))} NOK",
                )
        return amount, note

    def totals(self) -> dict:
        return {
            "total_nok": float(self.total),
            "by_rule_nok": {rule: float(amount) for rule, amount in sorted(self.by_rule.items())},
        }


def _entry(effective: dict, item_id: str | None) -> tuple[str | None, dict | None]:
    for kind in ITEM_LISTS:
        for entry in effective.get(kind) or []:
            if entry["id"] == item_id:
                return kind, entry
    return None, None


def _subject(effective: dict, item_id: str | None) -> str | None:
    """The entry a failing item stands for: an exception request stands for its item."""
    for request in effective.get("exceptions") or []:
        if request["id"] == item_id:
            return request["item"]
    return item_id


def _fossil_litres(entry: dict, effective: dict, metrics: dict) -> Decimal:
    fuels = {fuel["id"]: fuel for fuel in effective.get("fuels") or []}
    litres = (metrics["items"].get(entry["id"]) or {}).get("litres")
    if litres is None or effective_carrier(entry, fuels) not in FOSSIL_LIQUIDS:
        return Decimal(0)
    return money(litres)


def _quantity(basis: str, item_id, report: dict, effective: dict, metrics: dict) -> Decimal:
    """Litres or days behind one failing item; a failing fuel counts the litres burnt of it."""
    subject = _subject(effective, item_id)
    kind, entry = _entry(effective, subject)
    if basis == "days":
        reported = (
            next((e for e in report.get(kind) or [] if e["id"] == subject), {}) if kind else {}
        )
        days = reported.get("days_on_site")
        return Decimal(days if days is not None else period_days(report))
    if entry is not None:
        return _fossil_litres(entry, effective, metrics)
    if item_id is None:
        return money(metrics["fossil_litres"])
    burnt = [
        (metrics["items"].get(e["id"]) or {}).get("litres") or 0
        for kind in ITEM_LISTS
        for e in effective.get(kind) or []
        if e.get("fuel_id") == item_id
    ]
    return sum((money(litres) for litres in burnt), Decimal(0))
