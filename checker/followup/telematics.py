"""Machine data: ISO 15143-3 (AEMP 2.0) fleet snapshots in XML or JSON, read the way makers write them.

A snapshot is a fleet (`Fleet`, with `snapshotTime`) of `Equipment`, each with an
`EquipmentHeader` (`OEMName`, `Model`, `EquipmentID`, `SerialNumber`, `PIN`),
`CumulativeOperatingHours` (`Hour`), `FuelUsed` (`FuelUnits`, `FuelConsumed`: litres since the
unit was installed) and `FuelUsedLast24` (the same for the last 24 hours). Two snapshots, at the
start and the end of a period, give each machine's hours and litres for the period.

Variations covered: any XML namespace (the ISO one, a maker's own, a prefix, or none); element
and key names in any letter case (JSON APIs often write camelCase); a JSON fleet with or without
its `Fleet` wrapper, `Equipment` as a list or a single object; `datetime` as an attribute or a
child element; units as a `FuelUnits` element or a `units`/`unit` attribute, in litres, US or
imperial gallons; numbers as text, with a decimal point or comma; optional elements missing, and
identifiers written as `missing`, `unknown`, `n/a` or empty. Parsing uses defusedxml (no entity
expansion, no external entities).
"""

import json
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from checker.followup import messages as _messages  # noqa: F401 - defines its messages
from checker.formats.inputs import MAX_BYTES
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.messages import say

LITRES_PER_UNIT = {
    "litre": 1.0,
    "liter": 1.0,
    "litres": 1.0,
    "liters": 1.0,
    "l": 1.0,
    "millilitre": 0.001,
    "milliliter": 0.001,
    "ml": 0.001,
    "gallon": 3.785411784,  # the US gallon, as US makers report
    "gallons": 3.785411784,
    "usgallon": 3.785411784,
    "usgal": 3.785411784,
    "gal": 3.785411784,
    "imperialgallon": 4.54609,
    "impgal": 4.54609,
}
NO_VALUE = frozenset({"", "missing", "unknown", "n/a", "na", "none", "null", "-"})
TEXT = "#text"


@dataclass(frozen=True)
class Reading:
    """One machine as a snapshot shows it; fuel figures in litres."""

    serial_number: str | None
    pin: str | None
    equipment_id: str | None
    make: str | None
    model: str | None
    hours: float | None
    hours_at: str | None
    fuel_litres: float | None
    fuel_at: str | None
    fuel_last24_litres: float | None
    notes: tuple[str, ...] = ()

    def label(self) -> str:
        name = " ".join(part for part in (self.make, self.model) if part)
        ident = self.pin or self.serial_number or self.equipment_id or "?"
        return f"{name} {ident}".strip()


@dataclass(frozen=True)
class Snapshot:
    source: str
    taken_at: str | None
    version: str | None
    machines: tuple[Reading, ...] = field(default_factory=tuple)


def _local(name: str) -> str:
    """'{http://standards.iso.org/iso/15143/-3}Hour' or 'aemp:Hour' -> 'hour'."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _xml_to_data(element):
    """An element as plain data: children and attributes by lower-case local name."""
    children = list(element)
    attributes = {_local(key): value for key, value in element.attrib.items()}
    text = (element.text or "").strip()
    if not children:
        return attributes | {TEXT: text} if attributes else text
    data: dict = dict(attributes)
    for child in children:
        name, value = _local(child.tag), _xml_to_data(child)
        if name in data:
            existing = data[name]
            data[name] = existing + [value] if isinstance(existing, list) else [existing, value]
        else:
            data[name] = value
    return data


def _lower_keys(data):
    if isinstance(data, dict):
        return {str(key).lower(): _lower_keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_lower_keys(value) for value in data]
    return data


def _text(value) -> str | None:
    """The text of a value that may be plain, a {#text, attributes} mapping, or absent."""
    if isinstance(value, dict):
        value = value.get(TEXT)
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return None if text.lower() in NO_VALUE else text


def _identifier(value) -> str | None:
    text = _text(value)
    return None if text is None or text.strip("0") == "" else text


def _number(value, what: str, notes: list[str]) -> float | None:
    text = _text(value)
    if text is None:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text.replace(" ", ""))
    except ValueError:
        notes.append(f"{what}: not a number ({text[:40]!r}); left out")
        return None
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        notes.append(f"{what}: {text[:40]} is not a meter reading; left out")
        return None
    return number


def _when(block) -> str | None:
    return _text(block.get("datetime")) if isinstance(block, dict) else None


def _litres(block, what: str, notes: list[str]) -> float | None:
    """FuelConsumed in litres, whatever unit the maker states (and how it states it)."""
    if not isinstance(block, dict):
        return None
    consumed = block.get("fuelconsumed")
    amount = _number(consumed, what, notes)
    if amount is None:
        return None
    unit = _text(block.get("fuelunits")) or _text(block.get("units")) or _text(block.get("unit"))
    if unit is None and isinstance(consumed, dict):
        unit = _text(consumed.get("units")) or _text(consumed.get("unit"))
    if unit is None:
        notes.append(f"{what}: no unit stated; read as litres")
        return amount
    factor = LITRES_PER_UNIT.get(unit.lower().replace(" ", "").replace("_", "").replace(".", ""))
    if factor is None:
        notes.append(f"{what}: unknown unit {unit[:40]!r}; left out")
        return None
    return round(amount * factor, 3)


def _reading(equipment: dict) -> Reading:
    notes: list[str] = []
    header = equipment.get("equipmentheader")
    header = header if isinstance(header, dict) else equipment
    hours_block = equipment.get("cumulativeoperatinghours")
    hours_value = (
        hours_block.get("hour", hours_block.get("hours"))
        if isinstance(hours_block, dict)
        else hours_block
    )
    fuel = equipment.get("fuelused")
    return Reading(
        serial_number=_identifier(header.get("serialnumber")),
        pin=_identifier(header.get("pin")),
        equipment_id=_identifier(header.get("equipmentid")),
        make=_text(header.get("oemname")) or _text(header.get("make")),
        model=_text(header.get("model")),
        hours=_number(hours_value, "CumulativeOperatingHours", notes),
        hours_at=_when(hours_block),
        fuel_litres=_litres(fuel, "FuelUsed", notes),
        fuel_at=_when(fuel),
        fuel_last24_litres=_litres(equipment.get("fuelusedlast24"), "FuelUsedLast24", notes),
        notes=tuple(notes),
    )


def _fleet(data) -> dict | None:
    """The fleet mapping, with or without a Fleet wrapper around it; None if there is none."""
    if isinstance(data, dict) and isinstance(data.get("fleet"), dict):
        return data["fleet"]
    if isinstance(data, dict):
        return data
    if isinstance(data, list):
        return {"equipment": data}
    return None


def _snapshot(data, source: str) -> Snapshot:
    fleet = _fleet(data)
    if fleet is None:
        raise InputError(source, [Problem("", say("snapshot.no_fleet"))])
    equipment = fleet.get("equipment")
    if equipment is None:
        raise InputError(source, [Problem("Fleet", say("snapshot.no_equipment"))])
    equipment = equipment if isinstance(equipment, list) else [equipment]
    machines = tuple(_reading(item) for item in equipment if isinstance(item, dict))
    return Snapshot(source, _text(fleet.get("snapshottime")), _text(fleet.get("version")), machines)


def parse_snapshot(raw: bytes, source: str) -> Snapshot:
    """A fleet snapshot from XML or JSON bytes; anything else is bad input."""
    text = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        if text.startswith(b"<"):
            root = ElementTree.fromstring(raw)
            data = {_local(root.tag): _xml_to_data(root)}
        elif text.startswith((b"{", b"[")):
            data = _lower_keys(json.loads(raw.decode("utf-8")))
        else:
            raise InputError(source, [Problem("", say("snapshot.not_a_snapshot"))])
    except DefusedXmlException:
        raise InputError(source, [Problem("", say("snapshot.xml_entities"))]) from None
    except ElementTree.ParseError as err:
        raise InputError(source, [Problem("", say("snapshot.xml", detail=str(err)))]) from None
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(source, [Problem("", say("input.json", detail=str(err)))]) from None
    except RecursionError:
        raise InputError(source, [Problem("", say("snapshot.too_deep"))]) from None
    return _snapshot(data, source)


def read_snapshot(path: Path) -> Snapshot:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(str(path), [Problem("", say("input.not_found"))]) from None
    except OSError as err:
        raise InputError(
            str(path), [Problem("", say("input.unreadable", detail=err.strerror))]
        ) from None
    if len(raw) > MAX_BYTES:
        raise InputError(str(path), [Problem("", say("input.too_large", mb=MAX_BYTES // 2**20))])
    return parse_snapshot(raw, str(path))


def moment(text: str | None) -> datetime | None:
    """An ISO 8601 time as an aware datetime; None for none or nonsense."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None
