"""Report wording in nynorsk: the same keys as bokmål and English in checker/reports/labels.py."""

NYNORSK = {
    "compliance": "Samsvarsrapport – klimakrav",
    "self_declaration": "Eigenfråsegn – klimakrav",
    "self_declaration_note": (
        "Leverandøren sin eigen kontroll av tilbodet. Dette er ikkje vurderinga eller vedtaket "
        "til oppdragsgivaren."
    ),
    "summary": "Samandrag",
    "full": "Fullstendig rapport",
    "tender": "Tilbod",
    "contractor": "Leverandør",
    "procurement": "Anskaffing",
    "buyer": "Oppdragsgivar",
    "ruleset": "Regelsett",
    "version": "versjon",
    "level": "nivå",
    "verdict": "Resultat",
    "figures": "Nøkkeltal",
    "ze_share": "Utsleppsfri del av energien",
    "ff_share": "Fossilfri del av energien",
    "ze_hours": "Utsleppsfri del av maskintimane",
    "ze_km": "Utsleppsfri del av transporten (km)",
    "fossil_litres": "Fossile liter",
    "fossil_co2": "Fossil CO2, direkte (CO2e der faktoren har med CH4 og N2O)",
    "fossil_mandate": "Fossil CO2 med omsetningskravet (10 % biodrivstoff i anleggsdiesel)",
    "wtw": "Livsløp (well-to-wheel), CO2e",
    "wtw_open": "ikkje rekna ut: manglar faktor for {c}",
    "waived": "Energi unnateken ved godkjende unntak",
    "biogenic": "Biogen CO2 (blir rekna som null)",
    "indirect": "Indirekte, straum og fjernvarme",
    "co2_by_carrier": "Fossil CO2e etter energiberar (kg)",
    "energy_by_carrier": "Energi etter energiberar (kWh)",
    "shares_bar": "Del utsleppsfri, fossilfri og fossil energi",
    "points": "Tildelingspoeng",
    "rules": "Reglar",
    "open_rules": "Reglar som ikkje er oppfylte eller ventar",
    "rule": "Regel",
    "status": "Status",
    "message": "Vurdering",
    "how": "Slik oppfyller du kravet",
    "entries": "Maskinar, køyretøy og oppvarming",
    "entry": "Post",
    "description": "Skildring",
    "carrier": "Energiberar",
    "reasons": "Grunngiving",
    "no_decisions": "Ingen unntak er avgjorde.",
    "decision": "Avgjerd",
    "approved": "godkjent",
    "rejected": "avslått",
    "by": "Av",
    "legal_basis": "Heimel",
    "expires": "Går ut",
    "reason": "Grunngiving",
    "tailoring": "Tilpassing av regelsettet",
    "no_tailoring": "Regelsettet er brukt slik det er publisert.",
    "deselected": "Valt bort",
    "parameter": "Parameter",
    "method": "Metode og faktorar",
    "issued": "Utferda",
    "report_id": "Rapport-ID (SHA-256 av innhaldet)",
    "tender_hash": "SHA-256 for tilbodet",
    "page": "Side",
    "of": "av",
    "all_ok": "Alle reglar er oppfylte.",
    "source": "Kjelde",
    "decisions": "Unntak og avgjerder (unntak innvilga)",
    "request": "Søknaden frå leverandøren",
    "overrides": "Der vurderinga til oppdragsgivaren avvik frå den automatiske",
    "no_overrides": "Ingen resultat er overstyrte.",
    "subject": "Gjeld",
    "claim": "Opplysningane frå leverandøren og automatisk resultat",
    "officer_verdict": "Vurderinga til oppdragsgivaren",
    "evaluation": "Evalueringsrapport – tildeling",
    "award_model": "Tildelingsmodell",
    "criterion": "Kriterium",
    "weight": "Vekt",
    "scoring": "Poeng frå",
    "scoring_price": "pris",
    "scoring_rules": "tildelingsreglane i regelsettet",
    "scoring_manual": "poenggivinga til oppdragsgivaren",
    "foa": "FOA § 7-9: klima og miljø i tildelinga",
    "ranking": "Rangering",
    "rank": "Plass",
    "price": "Pris (NOK ekskl. mva.)",
    "total": "Sum (0–10)",
    "tie": "delt plass",
    "formulas": "Slik er poenga rekna ut",
    "rejected_tenders": "Avviste tilbod",
    "per_tender": "Tilboda",
    "award_decision": "Tildelingsavgjerd",
    "no_award": "Kontrakten er ikkje tildelt enno.",
    "awarded_to": "Tildelt",
    "justification": "Grunngiving",
    "concluded": "Evalueringa avslutta",
    "standing_competing": "i rangeringa",
    "standing_rejected": "avvist",
    "standing_pending": "ventar",
    "case_number": "Saksnummer",
    "org_number": "org.nr.",
    "officer": "Sakshandsamar",
    "date": "Dato",
    "closing": "Vedtak og grunnlag",
    "decided_by": "Avgjort av",
    "decided_at": "Tidspunkt",
    "issued_by": "Utferda av",
    "grounds": "Grunnlag",
    "close_compliant": (
        "Tilbodet oppfyller klimakrava i regelsettet. Tildelinga blir avgjord i "
        "evalueringsrapporten."
    ),
    "close_incomplete": (
        "Vurderinga er ikkje avslutta: reglar ventar på vurderinga til oppdragsgivaren eller "
        "svar frå leverandøren. Rapporten er ikkje eit vedtak."
    ),
    "close_non_compliant": (
        "Tilbodet oppfyller ikkje minstekrava til klima og miljø i anskaffingsdokumenta."
    ),
    "close_self": "Eigenfråsegn frå leverandøren. Rapporten er ikkje eit vedtak.",
    "rejection_ground": (
        "Avvisingsgrunn (forslag, ikkje juridisk kvalitetssikra): vesentleg avvik frå "
        "anskaffingsdokumenta, anskaffingsforskrifta § 24-8 første ledd bokstav b (del III; under "
        "EØS-terskelverdien § 9-5 første ledd bokstav b)."
    ),
    "exception_basis": "Unntak {id} innvilga av {by} {at}, heimel: {basis}",
    "no_basis": "heimel ikkje oppgitt",
    "award_basis": (
        "Tildelt etter tildelingskriteria i konkurransegrunnlaget (anskaffingsforskrifta § 18-1), "
        "med klima og miljø vekta etter § 7-9."
    ),
    "method_language": (
        "Tekstane frå regelsettet og vurderingsmotoren finst ikkje på nynorsk enno og står på "
        "bokmål."
    ),
    "method_language_translated": (
        "Nynorsk omsetjing av regelsettet ved produktet, ikkje publisert av utgjevaren. Meldingar "
        "frå vurderingsmotoren som ikkje finst på nynorsk enno, står på bokmål."
    ),
    "factors_file": "Faktorfil",
}
