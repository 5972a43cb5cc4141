"""Norwegian wording for the tender checks' messages, which the core writes in English (as the
command line speaks English). Only the checks a contractor meets while filling in a list are
here; anything else is shown as the core wrote it."""

import re

NORWEGIAN = [
    (
        re.compile(
            r"^refers to fuel (?P<fuel>'.*'), which is not in fuels\[\] \(declared: (?P<known>.*)\)$"
        ),
        "viser til drivstoffet {fuel}, som ikke er oppgitt under drivstoff (oppgitt: {known})",
    ),
    (
        re.compile(r"^refers to (?P<item>'.*'), which is no machine, vehicle or heating id$"),
        "viser til {item}, som ikke er ID-en til noen maskin, noe kjøretøy eller noen varmekilde",
    ),
    (
        re.compile(r"^id (?P<id>'.*') is already used at (?P<where>.*)$"),
        "ID-en {id} er allerede brukt ({where})",
    ),
    (
        re.compile(
            r"^energy_carrier (?P<carrier>\S+) does not burn fuel (?P<fuel>\S+) "
            r"\(product (?P<product>\S+)\); name the fuel it runs on$"
        ),
        "energibæreren {carrier} brenner ikke drivstoffet {fuel} (produkt {product}); "
        "oppgi drivstoffet den går på",
    ),
    (
        re.compile(
            r"^expected grid or the id of a declared machine of category generator "
            r"\(one of: (?P<known>.*)\); found (?P<found>'.*')$"
        ),
        "forventet grid (nettet) eller ID-en til en oppgitt maskin i kategorien aggregat "
        "(en av: {known}); fant {found}",
    ),
    # Quantities and periods, as a period report's form shows them.
    (
        re.compile(r"^expected a number of at least (?P<value>\S+); found (?P<found>.*)$"),
        "forventet et tall på minst {value}; fant {found}",
    ),
    (
        re.compile(r"^expected a number of at most (?P<value>\S+); found (?P<found>.*)$"),
        "forventet et tall på høyst {value}; fant {found}",
    ),
    (
        re.compile(r"^expected a day on or after the start (?P<start>\S+); found (?P<found>\S+)$"),
        "forventet en dag på eller etter første dag {start}; fant {found}",
    ),
    (
        re.compile(r"^overlaps the period of (?P<other>.*) \((?P<start>\S+) to (?P<end>\S+)\)$"),
        "overlapper perioden i {other} ({start} til {end})",
    ),
    (
        re.compile(r"^an entry cannot be charged from itself; expected one of: (?P<known>.*)$"),
        "en post kan ikke lades fra seg selv; forventet en av: {known}",
    ),
    (
        re.compile(r"^generators charged from each other in a ring: (?P<ring>.*)$"),
        "aggregater som lades fra hverandre i ring: {ring}",
    ),
]


def in_language(message: str, lang: str) -> str:
    if lang != "nb":
        return message
    for pattern, norwegian in NORWEGIAN:
        match = pattern.match(message)
        if match:
            return norwegian.format(**match.groupdict()).replace("none declared", "ingen")
    return message
