"""Wording of the annual statistics report in nynorsk (the keys of checker/statistics/labels.py)."""

from checker.statistics.indicators import SOURCE_URL

LABELS_NN = {
    "title": "Klimagassutslepp frå bygge- og anleggsplassar",
    "organisation": "Oppdragsgivar",
    "year": "År",
    "issued": "Utferda",
    "report_id": "Rapport-ID",
    "page": "Side",
    "of": "av",
    "basis_note": "Planlagt: dei tildelte tilboda, fordelte på dagane i kvar kontrakt. Faktisk: "
    "godkjende perioderapportar; ein periode over to månader er delt etter dagar.",
    "completeness": "Kor fullstendige tala er",
    "covered": "Godkjende perioderapportar dekkjer {covered} av {expected} kontraktsdagar "
    "({share}) frå 1. januar til {day}.",
    "complete": "Alle kontraktar har periodane sine fram til den dagen.",
    "gaps": "Kontraktar med manglande periodar (månad: dagar dekte / venta)",
    "undated": "Kontraktar utan start- eller sluttdato",
    "indicators": "Indikatorane i klimabudsjettet (definisjonane til Oslo kommune)",
    "indicator": "Indikator",
    "measure": "Tiltak",
    "plan": "Plan",
    "actual": "Faktisk",
    "numerator": "Teljar",
    "denominator": "Nemnar",
    "sources": "Per utsleppskjelde og energiberar",
    "source": "Kjelde",
    "carrier": "Energiberar",
    "basis": "Grunnlag",
    "litres": "Liter",
    "hours": "Timar",
    "fossil": "Fossilt CO2e (kg)",
    "biogenic": "Biogent CO2 (kg)",
    "indirect": "Indirekte CO2e (kg)",
    "months": "Per månad",
    "month": "Månad",
    "share_plan": "Del inkl. biogass, plan",
    "share_actual": "Del inkl. biogass, faktisk",
    "fossil_plan": "Fossilt CO2e, plan (kg)",
    "fossil_actual": "Fossilt CO2e, faktisk (kg)",
    "chart_share": "Utsleppsfri del av energibruken, inkl. biogass, per månad",
    "chart_fossil": "Fossilt CO2e per månad (kg)",
    "factors": "Utsleppsfaktorar",
    "factor_file": "Faktorfil",
    "emission": "Utslepp",
    "factor": "Faktor",
    "scope": "Omfang",
    "factor_source": "Kjelde",
    "method": "Metode",
    "method_text": "Fossilt CO2e, direkte (frå tank til hjul), er hovudtalet. Biogent CO2 blir "
    "rekna som null, slik norsk offentleg rapportering gjer, og står ved sida av; straum og "
    "fjernvarme er indirekte og blir aldri lagde til det direkte talet. Energi frå oppgitte "
    "liter eller kWh, elles rekna ut frå driftstimar. Kjelde for indikatorane: Oslo "
    "kommune, Klimabudsjett 2024, «Rapportering» (" + SOURCE_URL + ").",
    "none": "Ingenting er talt med for dette året.",
    "closing": "Grunnlaget for tala",
    "close_note": "Rapporten er statistikk over dei registrerte tala, ikkje eit vedtak.",
    "method_value": "klimastatistikk, versjon {version}, rekna av {engine} {engine_version}",
    "data_basis": "Datagrunnlag",
    "data_value": "Planlagt: dei tildelte tilboda. Faktisk: godkjende perioderapportar fram til "
    "{day}.",
}
INDICATOR_NAMES_NN = {
    "zero_emission_incl_biogas_share": "Utsleppsfri del av energibruken, inkl. biogass",
    "sustainable_biodiesel_share": "Del berekraftig biodiesel av energibruken",
    "mass_transport_zero_emission_incl_biogas_share_km": "Utsleppsfri del av "
    "massetransport-km, inkl. biogass",
    "mass_transport_sustainable_biodiesel_share_km": "Del berekraftig biodiesel av "
    "massetransport-km",
    "zero_emission_share": "Utsleppsfri del av energibruken (biogass ikkje talt med)",
    "mass_transport_zero_emission_share_km": "Utsleppsfri del av massetransport-km "
    "(biogass ikkje talt med)",
    "fossil_litres": "Fossile liter",
    "fossil_co2e_kg": "Fossilt CO2e, direkte",
    "biogenic_co2_kg": "Biogent CO2 (blir rekna som null)",
    "indirect_co2e_kg": "Indirekte CO2e (straum, fjernvarme)",
    "kwh": "Levert energi, alle kjelder",
}
SOURCE_NAMES_NN = {
    "machinery": "Anleggsmaskinar",
    "heating": "Oppvarming og byggtørk",
    "transport": "Transport på byggeplassen",
}
EMISSION_NAMES_NN = {
    "fossil_direct": "fossilt, direkte",
    "biogenic_co2": "biogent",
    "indirect": "indirekte",
}
