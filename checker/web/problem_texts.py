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
]


def in_language(message: str, lang: str) -> str:
    if lang != "nb":
        return message
    for pattern, norwegian in NORWEGIAN:
        match = pattern.match(message)
        if match:
            return norwegian.format(**match.groupdict()).replace("none declared", "ingen")
    return message
