"""The contract follow-up's messages (rendered through the core's catalogue,
checker.formats.messages): what is wrong with a period report beyond its schema, whose values are
quoted as the contractor wrote them (dates as YYYY-MM-DD, ids, codes); and the deviations of a
period from the plan and the contract, whose values are typed (codes, days, litres)."""

from checker.formats.messages import define

MESSAGES = define(
    {
        "period.schema": (
            "does not match the schema: {detail}",
            "samsvarer ikke med skjemaet: {detail}",
            "samsvarar ikkje med skjemaet: {detail}",
        ),
        "period.other_tender": (
            "expected the awarded tender's id '{wanted}'; found '{found}'",
            "forventet ID-en til tilbudet som fikk kontrakten, «{wanted}»; fant «{found}»",
            "venta ID-en til tilbodet som fekk kontrakten, «{wanted}»; fann «{found}»",
        ),
        "period.org_number": (
            "expected a valid Norwegian organisation number (modulus-11 check digit); {found} is "
            "not one",
            "forventet et gyldig norsk organisasjonsnummer (kontrollsiffer etter modulus 11); "
            "{found} er ikke det",
            "venta eit gyldig norsk organisasjonsnummer (kontrollsiffer etter modulus 11); "
            "{found} er ikkje det",
        ),
        "period.other_contractor": (
            "expected the awarded contractor {wanted}; found {found}",
            "forventet leverandøren som fikk kontrakten, {wanted}; fant {found}",
            "venta leverandøren som fekk kontrakten, {wanted}; fann {found}",
        ),
        "period.not_a_date": (
            "expected a real date as YYYY-MM-DD; found '{found}'",
            "forventet en ekte dato som ÅÅÅÅ-MM-DD; fant «{found}»",
            "venta ein ekte dato som ÅÅÅÅ-MM-DD; fann «{found}»",
        ),
        "period.end_before_start": (
            "expected a day on or after the start {start}; found {found}",
            "forventet en dag på eller etter første dag {start}; fant {found}",
            "venta ein dag på eller etter første dag {start}; fann {found}",
        ),
        "period.in_other_list": (
            "{id} is in the tender's {other}, not its {kind}",
            "{id} står under {other} i tilbudet, ikke under {kind}",
            "{id} står under {other} i tilbodet, ikkje under {kind}",
        ),
        "period.new_entry_incomplete": (
            "{id} is not in the tender, so it states the fields a tender entry needs; missing: "
            "{missing}",
            "{id} er ikke i tilbudet, så den må ha feltene en post i tilbudet trenger; mangler: "
            "{missing}",
            "{id} er ikkje i tilbodet, så han må ha felta ein post i tilbodet treng; manglar: "
            "{missing}",
        ),
        "period.unknown_fuel": (
            "refers to fuel '{fuel}', which is not declared (declared: {known})",
            "viser til drivstoffet «{fuel}», som ikke er oppgitt (oppgitt: {known})",
            "viser til drivstoffet «{fuel}», som ikkje er oppgitt (oppgitt: {known})",
        ),
        "period.none_declared": ("none declared", "ingen", "ingen"),
        "period.charged_from": (
            "expected 'grid' or the id of a generator on site in the period (machines of "
            "category generator: {listed}); found '{found}'",
            "forventet «grid» (nettet) eller ID-en til et aggregat på anlegget i perioden "
            "(maskiner i kategorien aggregat: {listed}); fant «{found}»",
            "venta «grid» (nettet) eller ID-en til eit aggregat på anlegget i perioden "
            "(maskinar i kategorien aggregat: {listed}); fann «{found}»",
        ),
        "period.no_generator": (
            "none in this period",
            "ingen i denne perioden",
            "ingen i denne perioden",
        ),
        "period.delivery_outside": (
            "expected a day within the period {start} to {end}; found {found}",
            "forventet en dag i perioden {start} til {end}; fant {found}",
            "venta ein dag i perioden {start} til {end}; fann {found}",
        ),
        "period.unknown_item": (
            "refers to '{item}', which is no machine, vehicle or heating entry of this period",
            "viser til «{item}», som ikke er noen maskin, noe kjøretøy eller noen varmekilde i "
            "denne perioden",
            "viser til «{item}», som ikkje er nokon maskin, noko køyretøy eller nokon "
            "varmekjelde i denne perioden",
        ),
        "period.too_many_days": (
            "expected at most the {days} days of the period; found {found}",
            "forventet høyst periodens {days} dager; fant {found}",
            "venta høgst dei {days} dagane i perioden; fann {found}",
        ),
        "period.overlaps": (
            "overlaps the period of {other} ({start} to {end})",
            "overlapper perioden i {other} ({start} til {end})",
            "overlappar perioden i {other} ({start} til {end})",
        ),
        "period.already_asked": (
            "exception id '{id}' is already asked for in {where}; a request stays asked for, so "
            "give a new one a new id",
            "unntaks-ID-en «{id}» er allerede søkt om i {where}; en søknad står ved lag, så gi en "
            "ny søknad en ny ID",
            "unntaks-ID-en «{id}» er alt søkt om i {where}; ein søknad står ved lag, så gi ein "
            "ny søknad ein ny ID",
        ),
        "period.the_tender": ("the tender", "tilbudet", "tilbodet"),
        # Machine data snapshots (ISO 15143-3, checker.followup.telematics).
        "snapshot.no_fleet": (
            "expected a fleet (a mapping with Equipment)",
            "forventet en flåte (en tilordning med Equipment)",
            "venta ein flåte (ei tilordning med Equipment)",
        ),
        "snapshot.no_equipment": (
            "no Equipment: not an ISO 15143-3 fleet snapshot",
            "ingen Equipment: ikke et ISO 15143-3-øyeblikksbilde av en flåte",
            "ingen Equipment: ikkje eit ISO 15143-3-augeblinksbilete av ein flåte",
        ),
        "snapshot.not_a_snapshot": (
            "expected an ISO 15143-3 snapshot in XML or JSON",
            "forventet et ISO 15143-3-øyeblikksbilde i XML eller JSON",
            "venta eit ISO 15143-3-augeblinksbilete i XML eller JSON",
        ),
        "snapshot.xml_entities": (
            "XML entity declarations are refused",
            "XML-entitetsdeklarasjoner avvises",
            "XML-entitetsdeklarasjonar blir avviste",
        ),
        "snapshot.xml": (
            "not well-formed XML: {detail}",
            "ikke velformet XML: {detail}",
            "ikkje velforma XML: {detail}",
        ),
        "snapshot.too_deep": ("nested far too deeply", "nøstet altfor dypt", "nøsta altfor djupt"),
        "snapshot.before_start": (
            "taken at {end}, before the start snapshot ({start})",
            "tatt {end}, før øyeblikksbildet ved start ({start})",
            "teke {end}, før augeblinksbiletet ved start ({start})",
        ),
        # Deviations of a period (checker.followup.deviations).
        "deviation.rule_failed": ("{title}: {reason}", "{title}: {reason}", "{title}: {reason}"),
        "deviation.not_in_plan": (
            "{id} ({what}) is not in the tender's list; energy carrier: {carrier}",
            "{id} ({what}) står ikke i tilbudets liste; energibærer: {carrier}",
            "{id} ({what}) står ikkje i lista i tilbodet; energiberar: {carrier}",
        ),
        "deviation.carrier_changed": (
            "{id} ran on {now}; the tender promised {plan}",
            "{id} gikk på {now}; tilbudet lovet {plan}",
            "{id} gjekk på {now}; tilbodet lova {plan}",
        ),
        "deviation.fossil_delivery": (
            "{date}: {litres} L delivered, fuel {fuel}: {product}; the rules keep fossil fuel off "
            "the site ({rules})",
            "{date}: {litres} L levert, drivstoff {fuel}: {product}; reglene forbyr fossilt på "
            "plassen ({rules})",
            "{date}: {litres} L levert, drivstoff {fuel}: {product}; reglane forbyr fossilt på "
            "plassen ({rules})",
        ),
        "deviation.exception_expired": (
            "the approval of {key} expired on {expires}, before the period's end ({end})",
            "godkjenningen av {key} utløp {expires}, før periodens slutt ({end})",
            "godkjenninga av {key} gjekk ut {expires}, før slutten av perioden ({end})",
        ),
        "deviation.no_delivery": (
            "{group}: {used} L used, no delivery reported",
            "{group}: {used} L brukt, ingen levering rapportert",
            "{group}: {used} L brukt, ingen levering rapportert",
        ),
        "deviation.fuel_mismatch": (
            "{group}: {used} L used, {got} L delivered ({pct})",
            "{group}: {used} L brukt, {got} L levert ({pct})",
            "{group}: {used} L brukt, {got} L levert ({pct})",
        ),
        "deviation.fuel_mismatch_estimated": (
            "{group}: {used} L used (of which {est} L estimated from hours), {got} L delivered "
            "({pct})",
            "{group}: {used} L brukt (av dette {est} L anslått fra timer), {got} L levert ({pct})",
            "{group}: {used} L brukt (av dette {est} L rekna ut frå timar), {got} L levert ({pct})",
        ),
        "deviation.telematics_mismatch": (
            "{id}: {reported} {unit} reported, {measured} {unit} in the machine data ({pct})",
            "{id}: {reported} {unit} rapportert, {measured} {unit} i maskindataene ({pct})",
            "{id}: {reported} {unit} rapportert, {measured} {unit} i maskindataene ({pct})",
        ),
    }
)
