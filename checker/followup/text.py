"""A follow-up as plain text for a person at a terminal: bokmål by default, names not codes."""

from datetime import date

from checker.followup.labels import DEVIATION_KINDS
from checker.followup.labels import LABELS
from checker.followup.labels import STATUS_NAMES
from checker.followup.labels import VERDICT
from checker.followup.texts import in_language
from checker.followup.texts import number
from checker.rulesets.ruleset import Ruleset

QUIET = frozenset({"pass", "not_applicable", "informational"})
FOLLOWED = frozenset({"requirement", "contract"})
MAX_SHOWN = 12


def day(iso: str) -> str:
    """31.12.2026."""
    return date.fromisoformat(iso).strftime("%d.%m.%Y")


def span(period: dict) -> str:
    return f"{day(period['start'])}–{day(period['end'])}"


def share(value: float | None, lang: str) -> str:
    return "–" if value is None else number(value * 100, lang, 1) + " %"


def kroner(value: float, lang: str) -> str:
    return number(value, lang, 2) + (" NOK" if lang == "en" else " kr")


def indicator_rows(plan: dict, actual: dict, lang: str) -> list[tuple[str, str, str]]:
    """(label, plan, actual) for each of Oslo's climate-budget indicators."""
    labels = LABELS[lang]

    def litres(v):
        return f"{number(v, lang, 0)} L"

    def kg(v):
        return f"{number(v, lang, 0)} kg"

    rows = [
        ("ze_biogas", "zero_emission_incl_biogas_share", lambda v: share(v, lang)),
        ("biodiesel", "sustainable_biodiesel_share", lambda v: share(v, lang)),
        ("mass_transport", "mass_transport_zero_emission_share_km", lambda v: share(v, lang)),
        ("fossil_litres", "fossil_litres", litres),
        ("fossil_co2", "fossil_co2e_kg", kg),
        ("energy", "energy_kwh", lambda v: f"{number(v, lang, 0)} kWh"),
    ]
    return [(labels[label], shown(plan[key]), shown(actual[key])) for label, key, shown in rows]


def _figure_lines(plan: dict, actual: dict, lang: str) -> list[str]:
    labels = LABELS[lang]
    lines = [f"  {labels['figures']}:"]
    for label, planned, found in indicator_rows(plan, actual, lang):
        lines.append(f"    {label:<46} {planned:>12} → {found}")
    if actual["electricity_from_generators_kwh"]:
        generated = number(actual["electricity_from_generators_kwh"], lang)
        fossil = number(actual["electricity_from_fossil_generators_kwh"], lang)
        lines.append(f"    {labels['generators']}: {generated} kWh ({fossil} kWh)")
    missing = actual["missing"]["energy"] + actual["missing"]["mass_transport"]
    if missing:
        lines.append(f"    {labels['missing']}: {', '.join(missing)}")
    return lines


def _rule_lines(period: dict, ruleset: Ruleset, lang: str) -> list[str]:
    open_results = [
        r
        for r in period["results"]
        if r["kind"] in FOLLOWED and r["status"] not in QUIET | {"waived"}
    ]
    if not open_results:
        return []
    lines = [f"  {LABELS[lang]['open_rules']}:"]
    for result in open_results:
        title = in_language(result["title"], lang)
        lines.append(f"    {STATUS_NAMES[lang][result['status']]:<18} {title}")
        flagged = [item for item in result["items"] if item["status"] not in QUIET | {"waived"}]
        for item in flagged[:MAX_SHOWN]:
            reason = in_language(item["reason"], lang)
            lines.append(f"    {'':<18}   {item['id']}: {reason}")
        if not flagged:
            lines.append(f"    {'':<18}   {in_language(result['message'], lang)}")
    return lines


def _deviation_lines(period: dict, lang: str) -> list[str]:
    labels = LABELS[lang]
    if not period["deviations"]:
        return [f"  {labels['deviations']}: {labels['no_deviations']}"]
    lines = [f"  {labels['deviations']}:"]
    for deviation in period["deviations"]:
        kind = DEVIATION_KINDS[lang][deviation["kind"]]
        lines.append(f"    - {kind}: {in_language(deviation['message'], lang)}")
    return lines


def rule_titles(ruleset: Ruleset) -> dict:
    return {rule.id: rule.title for rule in ruleset.rules}


def sanction_text(sanction: dict, titles: dict, lang: str) -> str:
    """'Alt arbeid … (M20): 500 L × 25 kr/L = 12 500,00 kr, per fossil liter'."""
    title = (
        in_language(titles[sanction["rule"]], lang)
        if sanction["rule"] in titles
        else sanction["rule"]
    )
    who = sanction["item"] or ", ".join(sanction.get("items") or []) or "–"
    unit = {"litres": "L", "days": "d"}.get(sanction["basis"])
    money = kroner(sanction["amount_nok"], lang)
    if unit:
        rate = f"{number(sanction['rate_nok'], lang)} {'NOK' if lang == 'en' else 'kr'}/{unit}"
        sum_text = f"{number(sanction['quantity'], lang)} {unit} × {rate} = "
    else:
        sum_text = ""
    if "uncapped_nok" in sanction:
        money += f" (≤ {kroner(sanction['uncapped_nok'], lang)})"
    basis = LABELS[lang][f"basis_{sanction['basis']}"]
    return f"{title} ({who}): {sum_text}{money}, {basis}"


def _sanction_lines(period: dict, ruleset: Ruleset, lang: str) -> list[str]:
    if not period["sanctions"]:
        return []
    lines = [f"  {LABELS[lang]['sanctions']}:"]
    titles = rule_titles(ruleset)
    lines += [f"    - {sanction_text(s, titles, lang)}" for s in period["sanctions"]]
    return lines


def render_followup_text(result: dict, ruleset: Ruleset, lang: str = "nb") -> str:
    """The follow-up as plain text."""
    labels, tender = LABELS[lang], result["tender"]
    contractor = tender["contractor"]
    lines = [
        labels["title"],
        f"{labels['tender']}: {tender['tender_id']} – {contractor['name']} ({contractor['org_number']})",
        f"{labels['procurement']}: {tender['procurement']}",
        f"{labels['ruleset']}: {in_language(ruleset.title, lang)}, {labels['version']} {ruleset.version}, "
        f"{labels['level']} {result['level']}",
        f"{labels['periods']}: {span(result['cumulative']['period'])} ({len(result['periods'])})",
        "",
        f"{labels['verdict']}: {VERDICT[lang][result['verdict']]}",
    ]
    for period in result["periods"]:
        lines += [
            "",
            f"{labels['period']} {span(period['period'])}: {VERDICT[lang][period['verdict']]}",
        ]
        lines += _rule_lines(period, ruleset, lang)
        lines += _deviation_lines(period, lang)
        lines += _sanction_lines(period, ruleset, lang)
        lines += _figure_lines(result["plan_indicators"], period["indicators"], lang)
    cumulative = result["cumulative"]
    lines += ["", f"{labels['cumulative']} ({span(cumulative['period'])}):"]
    lines += _figure_lines(result["plan_indicators"], cumulative["indicators"], lang)
    counts = cumulative["deviations"]
    listed = ", ".join(f"{DEVIATION_KINDS[lang][kind]} {count}" for kind, count in counts.items())
    lines.append(
        f"  {labels['deviations']}: {sum(counts.values())}" + (f" ({listed})" if listed else "")
    )
    lines.append(
        f"  {labels['sanctions_total']}: {kroner(cumulative['sanctions']['total_nok'], lang)}"
    )
    return "\n".join(lines) + "\n"
