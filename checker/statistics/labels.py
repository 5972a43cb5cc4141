"""Wording of the annual statistics report in bokmål, nynorsk (labels_nn.py) and English (the
report is rendered without the web app's catalogue, like every report)."""

from checker.statistics.indicators import SOURCE_URL
from checker.statistics.labels_nn import EMISSION_NAMES_NN
from checker.statistics.labels_nn import INDICATOR_NAMES_NN
from checker.statistics.labels_nn import LABELS_NN
from checker.statistics.labels_nn import SOURCE_NAMES_NN

LABELS = {
    "nb": {
        "title": "Klimagassutslipp fra bygge- og anleggsplasser",
        "organisation": "Oppdragsgiver",
        "year": "År",
        "issued": "Utstedt",
        "report_id": "Rapport-ID",
        "page": "Side",
        "of": "av",
        "basis_note": "Planlagt: de tildelte tilbudene, fordelt på hver kontrakts dager. Faktisk: "
        "godkjente perioderapporter; en periode over to måneder er delt etter dager.",
        "completeness": "Hvor fullstendige tallene er",
        "covered": "Godkjente perioderapporter dekker {covered} av {expected} kontraktsdager "
        "({share}) fra 1. januar til {day}.",
        "complete": "Alle kontrakter har sine perioder fram til den dagen.",
        "gaps": "Kontrakter med manglende perioder (måned: dager dekket / forventet)",
        "undated": "Kontrakter uten start- eller sluttdato",
        "indicators": "Klimabudsjettets indikatorer (Oslo kommunes definisjoner)",
        "indicator": "Indikator",
        "measure": "Tiltak",
        "plan": "Plan",
        "actual": "Faktisk",
        "numerator": "Teller",
        "denominator": "Nevner",
        "sources": "Per utslippskilde og energibærer",
        "source": "Kilde",
        "carrier": "Energibærer",
        "basis": "Grunnlag",
        "litres": "Liter",
        "hours": "Timer",
        "fossil": "Fossilt CO2e (kg)",
        "biogenic": "Biogent CO2 (kg)",
        "indirect": "Indirekte CO2e (kg)",
        "months": "Per måned",
        "month": "Måned",
        "share_plan": "Andel inkl. biogass, plan",
        "share_actual": "Andel inkl. biogass, faktisk",
        "fossil_plan": "Fossilt CO2e, plan (kg)",
        "fossil_actual": "Fossilt CO2e, faktisk (kg)",
        "chart_share": "Utslippsfri andel av energibruken, inkl. biogass, per måned",
        "chart_fossil": "Fossilt CO2e per måned (kg)",
        "factors": "Utslippsfaktorer",
        "factor_file": "Faktorfil",
        "emission": "Utslipp",
        "factor": "Faktor",
        "scope": "Omfang",
        "factor_source": "Kilde",
        "method": "Metode",
        "method_text": "Fossilt CO2e, direkte (tank-to-wheel), er hovedtallet. Biogent CO2 regnes "
        "som null, slik norsk offentlig rapportering gjør, og vises ved siden av; strøm og "
        "fjernvarme er indirekte og legges aldri til det direkte tallet. Energi fra oppgitte "
        "liter eller kWh, ellers beregnet fra driftstimer. Kilde for indikatorene: Oslo "
        "kommune, Klimabudsjett 2024, «Rapportering» (" + SOURCE_URL + ").",
        "none": "Ingenting er talt med for dette året.",
        "closing": "Grunnlaget for tallene",
        "close_note": "Rapporten er statistikk over de registrerte tallene, ikke et vedtak.",
        "method_value": "klimastatistikk, versjon {version}, regnet av {engine} {engine_version}",
        "data_basis": "Datagrunnlag",
        "data_value": "Planlagt: de tildelte tilbudene. Faktisk: godkjente perioderapporter fram "
        "til {day}.",
    },
    "en": {
        "title": "Greenhouse gas emissions from construction sites",
        "organisation": "Buyer",
        "year": "Year",
        "issued": "Issued",
        "report_id": "Report id",
        "page": "Page",
        "of": "of",
        "basis_note": "Planned: the awarded tenders, spread over each contract's days. Actual: "
        "accepted period reports; a period spanning two months is split by days.",
        "completeness": "How complete the figures are",
        "covered": "Accepted period reports cover {covered} of {expected} contract days "
        "({share}) from 1 January to {day}.",
        "complete": "Every contract has its periods up to that day.",
        "gaps": "Contracts with missing periods (month: days covered / expected)",
        "undated": "Contracts without a start or end date",
        "indicators": "Climate-budget indicators (Oslo kommune's definitions)",
        "indicator": "Indicator",
        "measure": "Measure",
        "plan": "Plan",
        "actual": "Actual",
        "numerator": "Numerator",
        "denominator": "Denominator",
        "sources": "By source and energy carrier",
        "source": "Source",
        "carrier": "Energy carrier",
        "basis": "Basis",
        "litres": "Litres",
        "hours": "Hours",
        "fossil": "Fossil CO2e (kg)",
        "biogenic": "Biogenic CO2 (kg)",
        "indirect": "Indirect CO2e (kg)",
        "months": "By month",
        "month": "Month",
        "share_plan": "Share incl. biogas, plan",
        "share_actual": "Share incl. biogas, actual",
        "fossil_plan": "Fossil CO2e, plan (kg)",
        "fossil_actual": "Fossil CO2e, actual (kg)",
        "chart_share": "Zero-emission share of energy, incl. biogas, by month",
        "chart_fossil": "Fossil CO2e by month (kg)",
        "factors": "Emission factors",
        "factor_file": "Factor file",
        "emission": "Emission",
        "factor": "Factor",
        "scope": "Scope",
        "factor_source": "Source",
        "method": "Method",
        "method_text": "Fossil CO2e, direct (tank-to-wheel), is the headline. Biogenic CO2 is "
        "counted as zero, as Norwegian public reporting does, and shown beside it; electricity "
        "and district heat are indirect and never added to the direct figure. Energy from "
        "declared litres or kWh, else estimated from operating hours. Source of the indicators: "
        'Oslo kommune, Klimabudsjett 2024, "Rapportering" (' + SOURCE_URL + ").",
        "none": "Nothing is counted for this year.",
        "closing": "Basis of the figures",
        "close_note": "This report is statistics of the figures recorded, not a decision.",
        "method_value": "climate statistics, version {version}, counted by {engine} "
        "{engine_version}",
        "data_basis": "Data",
        "data_value": "Planned: the awarded tenders. Actual: accepted period reports up to {day}.",
    },
}
INDICATOR_NAMES = {
    "nb": {
        "zero_emission_incl_biogas_share": "Utslippsfri andel av energibruken, inkl. biogass",
        "sustainable_biodiesel_share": "Andel bærekraftig biodiesel av energibruken",
        "mass_transport_zero_emission_incl_biogas_share_km": "Utslippsfri andel av "
        "massetransport-km, inkl. biogass",
        "mass_transport_sustainable_biodiesel_share_km": "Andel bærekraftig biodiesel av "
        "massetransport-km",
        "zero_emission_share": "Utslippsfri andel av energibruken (biogass ikke talt med)",
        "mass_transport_zero_emission_share_km": "Utslippsfri andel av massetransport-km "
        "(biogass ikke talt med)",
        "fossil_litres": "Fossile liter",
        "fossil_co2e_kg": "Fossilt CO2e, direkte",
        "biogenic_co2_kg": "Biogent CO2 (regnes som null)",
        "indirect_co2e_kg": "Indirekte CO2e (strøm, fjernvarme)",
        "kwh": "Levert energi, alle kilder",
    },
    "en": {
        "zero_emission_incl_biogas_share": "Zero-emission share of energy, incl. biogas",
        "sustainable_biodiesel_share": "Sustainable-biodiesel share of energy",
        "mass_transport_zero_emission_incl_biogas_share_km": "Zero-emission share of "
        "mass-transport km, incl. biogas",
        "mass_transport_sustainable_biodiesel_share_km": "Sustainable-biodiesel share of "
        "mass-transport km",
        "zero_emission_share": "Zero-emission share of energy (biogas not counted)",
        "mass_transport_zero_emission_share_km": "Zero-emission share of mass-transport km "
        "(biogas not counted)",
        "fossil_litres": "Fossil litres",
        "fossil_co2e_kg": "Fossil CO2e, direct",
        "biogenic_co2_kg": "Biogenic CO2 (counted as zero)",
        "indirect_co2e_kg": "Indirect CO2e (electricity, district heat)",
        "kwh": "Delivered energy, all sources",
    },
}
SOURCE_NAMES = {
    "nb": {"machinery": "Anleggsmaskiner", "heating": "Oppvarming og byggtørk",
           "transport": "Transport på byggeplassen"},
    "en": {"machinery": "Construction machinery", "heating": "Heating and drying",
           "transport": "Transport on site"},
}  # fmt: skip
EMISSION_NAMES = {
    "nb": {"fossil_direct": "fossilt, direkte", "biogenic_co2": "biogent", "indirect": "indirekte"},
    "en": {"fossil_direct": "fossil, direct", "biogenic_co2": "biogenic", "indirect": "indirect"},
}
LABELS["nn"] = LABELS_NN
INDICATOR_NAMES["nn"] = INDICATOR_NAMES_NN
SOURCE_NAMES["nn"] = SOURCE_NAMES_NN
EMISSION_NAMES["nn"] = EMISSION_NAMES_NN
