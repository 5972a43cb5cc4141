"""A readable terminal summary of an assessment, in Norwegian bokmål, nynorsk or English."""

from functools import partial

from checker.assessment.status import QUIET
from checker.assessment.status import UNMET
from checker.assessment.status import status_name
from checker.assessment.status import verdict_name
from checker.formats import display
from checker.reports.wording import code_name
from checker.reports.wording import in_language
from checker.reports.wording import readable
from checker.rulesets.ruleset import Ruleset

MAX_ITEMS_SHOWN = 12

LABELS = {
    "nb": {
        "title": "Klimavurdering av tilbud",
        "tender": "Tilbud",
        "procurement": "Anskaffelse",
        "ruleset": "Regelsett",
        "level": "nivå",
        "verdict": "Resultat",
        "rules": "Regler",
        "fix": "Slik oppfyller du kravet",
        "more": "… og {n} til",
        "figures": "Nøkkeltall",
        "ze_share": "Utslippsfri andel (energi)",
        "ff_share": "Fossilfri andel (energi)",
        "ze_hours": "Utslippsfri andel (maskintimer)",
        "ze_km": "Utslippsfri andel transport (km)",
        "fossil_litres": "Fossile liter",
        "fossil_co2": "Fossil CO2, direkte (CO2e der faktoren har CH4 og N2O)",
        "fossil_mandate": "Fossil CO2 med omsetningskravet (10 % biodrivstoff i anleggsdiesel)",
        "wtw": "Livsløp (well-to-wheel), CO2e",
        "wtw_open": "ikke beregnet: mangler faktor for {c}",
        "waived": "Energi unntatt ved godkjente unntak",
        "biogenic": "Biogen CO2 (regnes som null)",
        "indirect": "Indirekte, strøm",
        "energy": "Energi etter energibærer",
        "points": "Tildelingspoeng",
        "not_estimated": "Ikke beregnet (data mangler)",
        "factors": "Utslippsfaktorer",
    },
    "en": {
        "title": "Climate assessment of tender",
        "tender": "Tender",
        "procurement": "Procurement",
        "ruleset": "Rule set",
        "level": "level",
        "verdict": "Verdict",
        "rules": "Rules",
        "fix": "How to comply",
        "more": "… and {n} more",
        "figures": "Key figures",
        "ze_share": "Zero-emission share (energy)",
        "ff_share": "Fossil-free share (energy)",
        "ze_hours": "Zero-emission share (machine hours)",
        "ze_km": "Zero-emission share of transport (km)",
        "fossil_litres": "Fossil litres",
        "fossil_co2": "Fossil CO2, direct (CO2e where the factor includes CH4 and N2O)",
        "fossil_mandate": "Fossil CO2 under the blending mandate (10 % biofuel in non-road diesel)",
        "wtw": "Life cycle (well-to-wheel), CO2e",
        "wtw_open": "not computed: no factor for {c}",
        "waived": "Energy waived by approved exceptions",
        "biogenic": "Biogenic CO2 (counted as zero)",
        "indirect": "Indirect, electricity",
        "energy": "Energy by carrier",
        "points": "Award points",
        "not_estimated": "Not estimated (data missing)",
        "factors": "Emission factors",
    },
    "nn": {
        "title": "Klimavurdering av tilbod",
        "tender": "Tilbod",
        "procurement": "Anskaffing",
        "ruleset": "Regelsett",
        "level": "nivå",
        "verdict": "Resultat",
        "rules": "Reglar",
        "fix": "Slik oppfyller du kravet",
        "more": "… og {n} til",
        "figures": "Nøkkeltal",
        "ze_share": "Utsleppsfri del (energi)",
        "ff_share": "Fossilfri del (energi)",
        "ze_hours": "Utsleppsfri del (maskintimar)",
        "ze_km": "Utsleppsfri del transport (km)",
        "fossil_litres": "Fossile liter",
        "fossil_co2": "Fossil CO2, direkte (CO2e der faktoren har med CH4 og N2O)",
        "fossil_mandate": "Fossil CO2 med omsetningskravet (10 % biodrivstoff i anleggsdiesel)",
        "wtw": "Livsløp (well-to-wheel), CO2e",
        "wtw_open": "ikkje rekna ut: manglar faktor for {c}",
        "waived": "Energi unnateken ved godkjende unntak",
        "biogenic": "Biogen CO2 (blir rekna som null)",
        "indirect": "Indirekte, straum",
        "energy": "Energi etter energiberar",
        "points": "Tildelingspoeng",
        "not_estimated": "Ikkje rekna ut (data manglar)",
        "factors": "Utsleppsfaktorar",
    },
}


def _rule_lines(result: dict, ruleset: Ruleset, lang: str) -> list[str]:
    label = status_name(result["status"], lang).upper()
    points = (
        f"  [{display.points(result['points'], lang)}/{display.points(result['max_points'], lang)}]"
        if result.get("max_points")
        else ""
    )
    lines = [f"  {label:<18} {result['rule']}  {in_language(result['title'], lang)}{points}"]
    lines.append(f"  {'':<18} {readable(result['message'], lang)}")
    flagged = [entry for entry in result["items"] if entry["status"] not in QUIET]
    for entry in flagged[:MAX_ITEMS_SHOWN]:
        state = status_name(entry["status"], lang).upper()
        lines.append(f"  {'':<18}   {entry['id']}: {state} – {readable(entry['reason'], lang)}")
    if len(flagged) > MAX_ITEMS_SHOWN:
        lines.append(
            f"  {'':<18}   " + LABELS[lang]["more"].format(n=len(flagged) - MAX_ITEMS_SHOWN)
        )
    rule = ruleset.rule(result["rule"])
    if result["status"] in UNMET and rule is not None:
        lines.append(f"  {'':<18} {LABELS[lang]['fix']}: {readable(rule.guidance, lang)}")
    return lines


def _figure_lines(assessment: dict, lang: str) -> list[str]:
    labels, metrics = LABELS[lang], assessment["metrics"]
    percent = partial(display.percent, lang=lang)
    kg = partial(display.quantity, unit="kg", lang=lang)
    co2 = metrics["co2e_kg"]
    energy = metrics["energy_kwh"]["by_carrier"]
    rows = [
        (labels["ze_share"], percent(metrics["energy_shares"]["zero_emission"])),
        (labels["ff_share"], percent(metrics["energy_shares"]["fossil_free"])),
        (labels["ze_hours"], percent(metrics["machine_hours"]["shares"]["zero_emission"])),
        (labels["ze_km"], percent(metrics["transport_km"]["shares"]["zero_emission"])),
        (labels["fossil_litres"], display.quantity(metrics["fossil_litres"], "L", lang)),
        (labels["fossil_co2"], kg(co2["fossil_direct"]["total"])),
        (labels["fossil_mandate"], kg(co2["fossil_direct_blending_mandate"]["total"])),
        (labels["wtw"], _well_to_wheel(metrics, labels, lang)),
        (labels["biogenic"], kg(co2["biogenic_co2"]["total"])),
        (labels["indirect"], kg(co2["indirect_electricity"]["total"])),
        (
            labels["energy"],
            ", ".join(
                f"{code_name(name, lang)} {display.quantity(kwh, 'kWh', lang)}"
                for name, kwh in energy.items()
            )
            or "–",
        ),
    ]
    waived = metrics["energy_shares"]["waived"]
    if waived["kwh"]:
        rows.append(
            (
                labels["waived"],
                f"{display.quantity(waived['kwh'], 'kWh', lang)} ({percent(waived['share'])})",
            )
        )
    summary = assessment["summary"]
    if summary["award_max_points"]:
        rows.append(
            (
                labels["points"],
                f"{display.points(summary['award_points'], lang)} / "
                f"{display.points(summary['award_max_points'], lang)}",
            )
        )
    if metrics["not_estimated"]:
        rows.append((labels["not_estimated"], ", ".join(metrics["not_estimated"])))
    factors = metrics["method"]["factors"]
    rows.append((labels["factors"], f"{factors['id']} {factors['version']}"))
    return [f"  {name:<38} {value}" for name, value in rows]


def _well_to_wheel(metrics: dict, labels: dict, lang: str) -> str:
    """Life-cycle CO2e apart from the direct figure; open while a carrier has no factor."""
    wtw = metrics["well_to_wheel_co2e_kg"]
    if wtw["total"] is None:
        names = ", ".join(code_name(code, lang) for code in wtw["missing_factors"])
        return labels["wtw_open"].format(c=names)
    return display.quantity(wtw["total"], "kg", lang)


def render_text(assessment: dict, ruleset: Ruleset, lang: str = "nb") -> str:
    """The assessment as plain text for a person at a terminal."""
    labels, tender = LABELS[lang], assessment["tender"]
    contractor = tender["contractor"]
    lines = [
        labels["title"],
        f"{labels['tender']}: {tender['tender_id']} – {contractor['name']} ({contractor['org_number']})",
        f"{labels['procurement']}: {tender['procurement']}",
        f"{labels['ruleset']}: {ruleset.id} {ruleset.version} ({in_language(ruleset.title, lang)}), "
        f"{labels['level']} {code_name(assessment['level'], lang)}, sha256 {ruleset.sha256[:16]}…",
        "",
        f"{labels['verdict']}: {verdict_name(assessment['verdict'], lang).upper()}",
        "",
        f"{labels['rules']}:",
    ]
    for result in assessment["results"]:
        lines += _rule_lines(result, ruleset, lang)
    lines += ["", f"{labels['figures']}:"] + _figure_lines(assessment, lang)
    return "\n".join(lines) + "\n"
