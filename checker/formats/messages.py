"""The one catalogue of the core's messages, and the one renderer that words them.

The core never writes a finished sentence: a finding's reason, a rule's message, an advice or an
input problem is a structured message, {"id": "share_min.share_too_low", "values": {...}}, whose
values are raw and typed. Each module that speaks defines its messages (id -> English, bokmål and
nynorsk templates) with `define`; `render(message, lang)` fills the values in the language's way:

- a str is shown as it is (an item id, a product name, what a user typed); an int as written
  (a count, a year); a float as a number with the decimals it needs (397,8 in Norwegian);
- {"share": 0.546}: a share found, 54,6 %; {"limit": 0.3}: a share required, whole where whole
  (30 %); {"points": 4.88}: points with two decimals; {"number": 12.5}: a number;
- {"code": "hvo100"}: a code by its name (energy carriers, classes, metrics, fields, documents);
  {"codes": [...]}: several, comma-separated; {"carrier_class": ["hvo100", "fossil_free"]}: a
  carrier with its class, "HVO100 (fossilfri)"; {"either": [...]}: values or messages joined with
  "or" ("eller"); {"list": [...]}: values or messages, comma-separated;
- {"field": "energy_carrier"}: a field of the tender format by its header ("energibærer");
- {"entries": "machines"}: a list of the tender by what it holds ("maskiner");
- {"ids": ["M1", ...]}: item ids, at most eight, then a count;
- {"day": "2027-12-31"}: a date, 31.12.2027 in Norwegian;
- {"status": "fail"}: a state by its name; {"counts": [["fail", 1], ["pass", 7]]}: states counted;
- {"nok": 100000}: an amount in kroner;
- {"change": 0.18}: a relative change, "+18 %";
- {"text": {"nb": ..., "nn": ..., "en": ...}}: a rule set's own text (a rule's title);
- {"message": {...}}: a message inside a message; {"all": [...]}: messages one after the other.

A message stored before the catalogue existed is a finished {nb, en[, nn]} dict: it is shown as it
was stored (results in the database and signed reports are never rewritten).
"""

import string

from checker.formats import display

LANGUAGES = ("nb", "nn", "en")
ORDER = {"en": 0, "nb": 1, "nn": 2}
CATALOGUE: dict[str, tuple[str, str, str]] = {}
OR = {"nb": "eller", "nn": "eller", "en": "or"}
# The tender's lists, as a sentence names their entries (en, nb, nn).
ENTRIES = {
    "machines": ("machines", "maskiner", "maskinar"),
    "vehicles": ("vehicles", "kjøretøy", "køyretøy"),
    "heating": ("heating or drying", "oppvarming eller uttørking", "oppvarming eller uttørking"),
    "fuels": ("fuels", "drivstoff", "drivstoff"),
    "exceptions": ("exception requests", "unntakssøknader", "unntakssøknader"),
}
# The modules that define messages: `catalogue()` imports them all (a test checks the whole).
MODULES = (
    "checker.checks",
    "checker.assessment.award",
    "checker.assessment.engine",
    "checker.assessment.review",
    "checker.formats.tender",
    "checker.formats.problems",
    "checker.followup.messages",
    "checker.intake.cells",
    "checker.intake.limits",
    "checker.intake.period_sheet",
    "checker.intake.read",
    "checker.intake.sheet",
)


def define(table: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """Add a module's messages (id -> (en, nb, nn)) to the catalogue; an id is defined once."""
    for key, texts in table.items():
        if key in CATALOGUE and CATALOGUE[key] != texts:
            raise ValueError(f"message {key} is defined twice")
        CATALOGUE[key] = texts
    return table


def catalogue() -> dict[str, tuple[str, str, str]]:
    """Every message of the core, with all its modules imported."""
    import importlib

    for module in MODULES:
        importlib.import_module(module)
    return CATALOGUE


def say(key: str, /, **values) -> dict:
    """A structured message: its id and raw values (see the module's documentation)."""
    if key not in CATALOGUE:
        raise KeyError(f"no message {key} in the catalogue")
    return {"id": key, "values": values}


def is_structured(message) -> bool:
    return isinstance(message, dict) and "id" in message and "values" in message


def placeholders(template: str) -> set[str]:
    return {field for _text, field, _spec, _conv in string.Formatter().parse(template) if field}


def render(message, lang: str) -> str:
    """A message in the language: a structured one from the catalogue, an old stored one as it
    was written (nynorsk falls back to bokmål, then English); none is empty."""
    if message is None:
        return ""
    if isinstance(message, str):
        return message
    if not is_structured(message):
        return stored(message, lang)
    texts = CATALOGUE.get(message["id"]) or catalogue().get(message["id"])
    if texts is None:
        return message["id"]
    values = {key: value_text(value, lang) for key, value in message["values"].items()}
    return texts[ORDER[lang]].format(**values)


def stored(text: dict, lang: str) -> str:
    """The language's side of a finished {nb, en[, nn]} text."""
    if lang in text:
        return text[lang]
    if lang == "nn" and "nb" in text:
        return text["nb"]
    return text.get("en", "")


def value_text(value, lang: str) -> str:
    """One value of a message as the language writes it; the kind is in the value itself."""
    if value is None:
        return "?"
    if isinstance(value, bool):
        return {"en": "yes" if value else "no"}.get(lang, "ja" if value else "nei")
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value, lang)
    if is_structured(value):
        return render(value, lang)
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError(f"a message value of no known kind: {value!r}")
    ((kind, raw),) = value.items()
    return KINDS[kind](raw, lang)


def kind(name: str):
    """Register how a kind of value is written (a module that owns the names of its values):
    the function takes the raw value and the language."""

    def register(function):
        KINDS[name] = function
        return function

    return register


def _number(value: float, lang: str) -> str:
    """As few decimals as the value needs, at most four: 397,8, 0,005 and 12 500."""
    for decimals in (0, 1, 2, 3):
        if display.rounded(value, decimals) == display.rounded(value, 4):
            return display.number(value, lang, decimals)
    return display.number(value, lang, 4)


def _limit(value: float, lang: str) -> str:
    from checker.rulesets.wording import share_text

    return share_text(value, lang)


def _code(code: str | None, lang: str) -> str:
    from checker.rulesets.wording import value_name

    return "?" if code in (None, "", "?") else value_name(code, lang)


def _field(key: str, lang: str) -> str:
    """A field of the tender format by its column header, in a sentence: "energibærer"."""
    name = _code(key, lang)
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _status(code: str, lang: str) -> str:
    from checker.assessment.status import status_name

    return status_name(code, lang)


def _ids(ids: list[str], lang: str) -> str:
    if len(ids) > 8:
        return ", ".join(ids[:8]) + f" (+{len(ids) - 8})"
    return ", ".join(ids) or display.MISSING


def _counts(counts: list[list], lang: str) -> str:
    """States counted, [[state, n], ...] most serious first: "1 ikke oppfylt, 7 oppfylt" (a list,
    as the order counts and a signed report's data sort the keys of a dict)."""
    return ", ".join(f"{n} {_status(state, lang).lower()}" for state, n in counts)


def _carrier_class(value: list[str], lang: str) -> str:
    """ "HVO100 (fossilfri)"; a carrier whose name says its class already stays as it is
    ("diesel (fossil)", never "diesel (fossil) (fossil)")."""
    carrier, cls = (_code(code, lang) for code in value)
    return carrier if carrier.endswith(f"({cls})") else f"{carrier} ({cls})"


def _change(ratio: float, lang: str) -> str:
    """A relative change, signed and whole: "+18 %", "−5 %"."""
    sign = "+" if ratio > 0 else "−" if ratio < 0 else "±"
    return sign + display.percent(abs(ratio), lang, 0)


def _either(values: list, lang: str) -> str:
    parts = [value_text(value, lang) for value in values]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {OR[lang]} " + parts[-1]


KINDS = {
    "share": lambda value, lang: display.percent(value, lang),
    "limit": _limit,
    "points": lambda value, lang: display.points(value, lang),
    "number": lambda value, lang: _number(float(value), lang),
    "code": _code,
    "field": _field,
    "codes": lambda codes, lang: ", ".join(_code(code, lang) for code in codes),
    "alternatives": lambda codes, lang: " / ".join(_code(code, lang) for code in codes),
    "either": _either,
    "entries": lambda key, lang: ENTRIES[key][ORDER[lang]] if key in ENTRIES else key,
    "change": _change,
    "text": lambda text, lang: stored(text, lang),
    "list": lambda values, lang: ", ".join(value_text(value, lang) for value in values),
    "carrier_class": _carrier_class,
    "ids": _ids,
    "day": lambda value, lang: display.day(value, lang),
    "status": _status,
    "counts": _counts,
    "nok": lambda amount, lang: display.nok(amount, lang),
    "message": lambda message, lang: render(message, lang),
    "all": lambda messages, lang: "".join(render(message, lang) for message in messages),
}
