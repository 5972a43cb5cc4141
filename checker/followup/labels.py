"""Wording of the follow-up's text and PDF report in bokmål, nynorsk and English.

Where a report prints what the assessment reports already print (rule states, figures), the
bokmål and English words are those of checker/reports (labels.py, text.py); nynorsk is added here.
"""

from checker.assessment.status import NAMES

VERDICT = {
    "nb": {"conforming": "I SAMSVAR", "deviating": "AVVIK", "incomplete": "UFULLSTENDIG"},
    "nn": {"conforming": "I SAMSVAR", "deviating": "AVVIK", "incomplete": "UFULLSTENDIG"},
    "en": {"conforming": "CONFORMING", "deviating": "DEVIATING", "incomplete": "INCOMPLETE"},
}
# The vocabulary's names, in capitals as the terminal text prints them.
STATUS_NAMES = {
    lang: {state: names[lang].upper() for state, names in NAMES.items()}
    for lang in ("nb", "nn", "en")
}
DEVIATION_KINDS = {
    "nb": {
        "rule_failed": "Regelbrudd",
        "not_in_plan": "Ikke i planen",
        "carrier_changed": "Annen energibærer enn lovet",
        "fossil_delivery": "Fossilt drivstoff levert",
        "exception_expired": "Unntak utløpt",
        "fuel_mismatch": "Forbruk og leveranser stemmer ikke",
        "telematics_mismatch": "Rapport og maskindata stemmer ikke",
    },
    "nn": {
        "rule_failed": "Regelbrot",
        "not_in_plan": "Ikkje i planen",
        "carrier_changed": "Anna energiberar enn lova",
        "fossil_delivery": "Fossilt drivstoff levert",
        "exception_expired": "Unntak gått ut",
        "fuel_mismatch": "Forbruk og leveransar stemmer ikkje",
        "telematics_mismatch": "Rapport og maskindata stemmer ikkje",
    },
    "en": {
        "rule_failed": "Rule failed",
        "not_in_plan": "Not in the plan",
        "carrier_changed": "Another energy carrier than promised",
        "fossil_delivery": "Fossil fuel delivered",
        "exception_expired": "Exception expired",
        "fuel_mismatch": "Use and deliveries disagree",
        "telematics_mismatch": "Report and machine data disagree",
    },
}

LABELS = {
    "nb": {
        "title": "Kontraktsoppfølging – klimakrav",
        "tender": "Tildelt tilbud",
        "procurement": "Anskaffelse",
        "ruleset": "Regelsett",
        "level": "nivå",
        "version": "versjon",
        "verdict": "Resultat",
        "periods": "Perioder",
        "period": "Periode",
        "cumulative": "Samlet for alle perioder",
        "open_rules": "Regler som ikke er oppfylt eller venter",
        "deviations": "Avvik",
        "no_deviations": "Ingen avvik.",
        "sanctions": "Sanksjoner (forslag til oppdragsgivers avgjørelse)",
        "no_sanctions": "Ingen sanksjoner.",
        "sanctions_total": "Sanksjoner i alt",
        "figures": "Nøkkeltall (plan → faktisk)",
        "plan": "Plan",
        "actual": "Faktisk",
        "ze_biogas": "Utslippsfri andel av energi, inkl. biogass",
        "biodiesel": "Andel bærekraftig biodiesel av energi",
        "mass_transport": "Utslippsfri andel av massetransport (km)",
        "fossil_litres": "Fossile liter",
        "fossil_co2": "Fossil CO2e, direkte",
        "energy": "Energi på byggeplassen",
        "generators": "Strøm fra aggregat på plassen (fossilt aggregat)",
        "missing": "Data mangler for",
        "basis_litres": "per fossil liter",
        "basis_days": "per dag på plassen",
        "basis_lump_sum": "engangsbeløp per periode",
        "rule": "Regel",
        "entry": "Post",
        "amount": "Beløp",
        "handling": "Behandling",
        "handling_open": "venter på oppdragsgiver",
        "proposed": "forslag",
        "handled_accepted": "akseptert",
        "handled_correction": "retting bedt om",
        "handled_sanctioned": "sanksjon vedtatt",
        "handled_waived": "sanksjon frafalt",
        "sanction_decided": "vedtatt",
        "sanction_waived": "frafalt",
        "chart_share": "Utslippsfri andel av energi inkl. biogass per måned, plan og faktisk",
        "chart_litres": "Fossile liter, akkumulert per måned, mot planens sum",
        "month": "Måned",
        "issued": "Utstedt",
        "report_id": "Rapport-ID (SHA-256 av innholdet)",
        "page": "Side",
        "of": "av",
        "what": "Beskrivelse",
        "decision": "Avgjørelse",
        "approved": "godkjent",
        "rejected": "avslått",
        "expires": "utløper",
        "decisions": "Oppdragsgivers avgjørelser om unntak",
        "no_decisions": "Ingen unntak er avgjort.",
        "method": "Metode og faktorer",
        "inherit_note": (
            "Poster med samme id som i tilbudet arver tilbudets opplysninger; mengdene er periodens egne. "
            "Andeler regnes av levert energi til maskiner og oppvarming."
        ),
    },
    "nn": {
        "title": "Kontraktsoppfølging – klimakrav",
        "tender": "Tildelt tilbod",
        "procurement": "Anskaffing",
        "ruleset": "Regelsett",
        "level": "nivå",
        "version": "versjon",
        "verdict": "Resultat",
        "periods": "Periodar",
        "period": "Periode",
        "cumulative": "Samla for alle periodane",
        "open_rules": "Reglar som ikkje er oppfylte eller ventar",
        "deviations": "Avvik",
        "no_deviations": "Ingen avvik.",
        "sanctions": "Sanksjonar (forslag til avgjerd hos oppdragsgivar)",
        "no_sanctions": "Ingen sanksjonar.",
        "sanctions_total": "Sanksjonar i alt",
        "figures": "Nøkkeltal (plan → faktisk)",
        "plan": "Plan",
        "actual": "Faktisk",
        "ze_biogas": "Utsleppsfri del av energien, inkl. biogass",
        "biodiesel": "Del berekraftig biodiesel av energien",
        "mass_transport": "Utsleppsfri del av massetransporten (km)",
        "fossil_litres": "Fossile liter",
        "fossil_co2": "Fossil CO2e, direkte",
        "energy": "Energi på byggeplassen",
        "generators": "Straum frå aggregat på plassen (fossilt aggregat)",
        "missing": "Data manglar for",
        "basis_litres": "per fossil liter",
        "basis_days": "per dag på plassen",
        "basis_lump_sum": "eingongsbeløp per periode",
        "rule": "Regel",
        "entry": "Post",
        "amount": "Beløp",
        "handling": "Handsaming",
        "handling_open": "ventar på oppdragsgivar",
        "proposed": "forslag",
        "handled_accepted": "akseptert",
        "handled_correction": "bede om retting",
        "handled_sanctioned": "sanksjon vedteken",
        "handled_waived": "sanksjon fråfallen",
        "sanction_decided": "vedteken",
        "sanction_waived": "fråfallen",
        "chart_share": "Utsleppsfri del av energien inkl. biogass per månad, plan og faktisk",
        "chart_litres": "Fossile liter, akkumulert per månad, mot summen i planen",
        "month": "Månad",
        "issued": "Utferda",
        "report_id": "Rapport-ID (SHA-256 av innhaldet)",
        "page": "Side",
        "of": "av",
        "what": "Skildring",
        "decision": "Avgjerd",
        "approved": "godkjent",
        "rejected": "avslått",
        "expires": "går ut",
        "decisions": "Avgjerdene til oppdragsgivar om unntak",
        "no_decisions": "Ingen unntak er avgjorde.",
        "method": "Metode og faktorar",
        "inherit_note": (
            "Postar med same id som i tilbodet arvar opplysningane i tilbodet; mengdene er periodens eigne. "
            "Delar er rekna av levert energi til maskinar og oppvarming."
        ),
    },
    "en": {
        "title": "Contract follow-up – climate requirements",
        "tender": "Awarded tender",
        "procurement": "Procurement",
        "ruleset": "Rule set",
        "level": "level",
        "version": "version",
        "verdict": "Verdict",
        "periods": "Periods",
        "period": "Period",
        "cumulative": "All periods together",
        "open_rules": "Rules not met or pending",
        "deviations": "Deviations",
        "no_deviations": "No deviations.",
        "sanctions": "Sanctions (proposals for the officer to decide)",
        "no_sanctions": "No sanctions.",
        "sanctions_total": "Sanctions in all",
        "figures": "Key figures (plan → actual)",
        "plan": "Plan",
        "actual": "Actual",
        "ze_biogas": "Zero-emission share of energy, incl. biogas",
        "biodiesel": "Sustainable biodiesel share of energy",
        "mass_transport": "Zero-emission share of mass transport (km)",
        "fossil_litres": "Fossil litres",
        "fossil_co2": "Fossil CO2e, direct",
        "energy": "Energy on site",
        "generators": "Electricity from generators on site (fossil generators)",
        "missing": "Data missing for",
        "basis_litres": "per fossil litre",
        "basis_days": "per day on site",
        "basis_lump_sum": "lump sum per period",
        "rule": "Rule",
        "entry": "Entry",
        "amount": "Amount",
        "handling": "Handling",
        "handling_open": "awaits the officer",
        "proposed": "proposal",
        "handled_accepted": "accepted",
        "handled_correction": "correction asked for",
        "handled_sanctioned": "sanction decided",
        "handled_waived": "sanction waived",
        "sanction_decided": "decided",
        "sanction_waived": "waived",
        "chart_share": "Zero-emission share of energy incl. biogas per month, plan and actual",
        "chart_litres": "Fossil litres, cumulative per month, against the plan's total",
        "month": "Month",
        "issued": "Issued",
        "report_id": "Report id (SHA-256 of the content)",
        "page": "Page",
        "of": "of",
        "what": "Description",
        "decision": "Decision",
        "approved": "approved",
        "rejected": "rejected",
        "expires": "expires",
        "decisions": "The officer's decisions on exceptions",
        "no_decisions": "No exception has been decided.",
        "method": "Method and factors",
        "inherit_note": (
            "Entries with the id of a tender entry inherit the tender's details; quantities are the period's own. "
            "Shares are of the energy delivered to machines and heating."
        ),
    },
}

TELEMATICS = {
    "nb": {
        "title": "Maskindata (ISO 15143-3)",
        "hours": "timer",
        "litres": "liter",
        "filled": "fylt inn",
        "differs": "avviker mer enn 10 % fra rapporten",
        "agrees": "stemmer med rapporten",
        "reported": "rapportert",
        "no_data": "ingen maskindata (PIN eller serienummer mangler eller finnes ikke i øyeblikksbildene)",
        "others": "Maskiner i øyeblikksbildene som ikke er i rapporten",
        "notes": "Merknader",
        "written": "Skrevet til",
        "checked": "Bare kontrollert; ingenting er skrevet.",
    },
    "nn": {
        "title": "Maskindata (ISO 15143-3)",
        "hours": "timar",
        "litres": "liter",
        "filled": "fylt inn",
        "differs": "avvik meir enn 10 % frå rapporten",
        "agrees": "stemmer med rapporten",
        "reported": "rapportert",
        "no_data": "ingen maskindata (PIN eller serienummer manglar eller finst ikkje i augneblinksbileta)",
        "others": "Maskinar i augneblinksbileta som ikkje er i rapporten",
        "notes": "Merknader",
        "written": "Skrive til",
        "checked": "Berre kontrollert; ingenting er skrive.",
    },
    "en": {
        "title": "Machine data (ISO 15143-3)",
        "hours": "hours",
        "litres": "litres",
        "filled": "filled in",
        "differs": "differs by more than 10 % from the report",
        "agrees": "agrees with the report",
        "reported": "reported",
        "no_data": "no machine data (no PIN or serial number, or not in the snapshots)",
        "others": "Machines in the snapshots that are not in the report",
        "notes": "Notes",
        "written": "Written to",
        "checked": "Checked only; nothing was written.",
    },
}

# The closing block (templates/reports/_casefile.html): what the officer decided on the period's
# deviations, and on which grounds a sanction was decided.
CLOSING = {
    "nb": {
        "deviation": "Avvik",
        "close_none": "Ingen avvik i perioden {span}; ingenting er til avgjørelse.",
        "close_open": (
            "{open} av {total} avvik i perioden {span} venter på oppdragsgivers avgjørelse; for dem "
            "er rapporten ikke et vedtak."
        ),
        "close_all": "Alle {total} avvik i perioden {span} er avgjort av oppdragsgiver.",
        "decided_title": "Oppdragsgivers avgjørelser om avvik",
        "sanction_basis": (
            "Sanksjon vedtatt for «{rule}»: {amount}. Grunnlag: kontraktens sanksjonsvilkår for "
            "regelen, {terms}."
        ),
        "cap_rule": "tak {amount} for regelen",
        "cap_all": "tak {amount} for alle sanksjoner samlet",
        "sanction_law": (
            "Hjemmel (forslag, ikke juridisk kvalitetssikret): sanksjonen følger av kontrakten "
            "(avtalt dagbot eller bot for brudd på klimakravene, et særlig kontraktsvilkår etter "
            "anskaffelsesforskriften § 19-1), ikke av forskriften selv."
        ),
    },
    "nn": {
        "deviation": "Avvik",
        "close_none": "Ingen avvik i perioden {span}; det er ingenting å avgjere.",
        "close_open": (
            "{open} av {total} avvik i perioden {span} ventar på avgjerd frå oppdragsgivaren; for "
            "dei er rapporten ikkje eit vedtak."
        ),
        "close_all": "Alle {total} avvika i perioden {span} er avgjorde av oppdragsgivaren.",
        "decided_title": "Avgjerdene til oppdragsgivaren om avvik",
        "sanction_basis": (
            "Sanksjon vedteken for «{rule}»: {amount}. Grunnlag: sanksjonsvilkåra i kontrakten "
            "for regelen, {terms}."
        ),
        "cap_rule": "tak {amount} for regelen",
        "cap_all": "tak {amount} for alle sanksjonane samla",
        "sanction_law": (
            "Heimel (forslag, ikkje juridisk kvalitetssikra): sanksjonen følgjer av kontrakten "
            "(avtalt dagbot eller bot for brot på klimakrava, eit særleg kontraktsvilkår etter "
            "anskaffingsforskrifta § 19-1), ikkje av forskrifta sjølv."
        ),
    },
    "en": {
        "deviation": "Deviation",
        "close_none": "No deviations in the period {span}; nothing is to be decided.",
        "close_open": (
            "{open} of {total} deviations in the period {span} await the officer's decision; for "
            "them this report is not a decision."
        ),
        "close_all": "All {total} deviations in the period {span} are decided by the officer.",
        "decided_title": "The officer's decisions on deviations",
        "sanction_basis": (
            "Sanction decided for “{rule}”: {amount}. Grounds: the contract's sanction terms for "
            "the rule, {terms}."
        ),
        "cap_rule": "capped at {amount} for the rule",
        "cap_all": "capped at {amount} for all sanctions together",
        "sanction_law": (
            "Legal basis (a proposal, not legally reviewed): the sanction follows from the "
            "contract (an agreed daily or other penalty for breaching the climate requirements, "
            "a special contract condition under the Public Procurement Regulations (FOA) "
            "§ 19-1), not from the regulations themselves."
        ),
    },
}
