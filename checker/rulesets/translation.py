"""Nynorsk beside a published rule file: rules/<id>/<version>.nn.yaml.

A published rule file never changes, so its nynorsk comes as a file beside it, keyed by the texts'
field paths, rules by their id:

    language: nn
    translates: {id: dfo-fossil-free-site, version: "1.2"}
    title: ...
    description: ...
    corrects: ...                      # the note of a correction
    rules:
      <rule id>:
        title: ...
        requirement: ...
        guidance: ...
        note: ...
        evidence: [...]
        parameters: {<name>: ...}      # why the value is still to be verified

A text is this product's translation unless it is written {text: ..., quoted_from: <source id>}:
then it is the publisher's own nynorsk, word for word from the passage the rule file quotes from
that source (the loader checks it is). The loader also checks that every text of the rule file
has its nynorsk, that every text translated exists in the rule file, and that a text names the
same {parameters} as its bokmål."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import parse_text

LANGUAGE = "nn"
SUFFIX = f".{LANGUAGE}.yaml"
RULE_FIELDS = ("title", "requirement", "guidance", "note")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Translation:
    """A rule file's nynorsk: where it is, its hash, and which texts are the publisher's own."""

    language: str
    path: Path
    sha256: str
    texts: int
    # field path ("rules.heating-description.requirement"): the source whose words it quotes
    quoted: dict

    def quoted_from(self, path: str) -> str | None:
        return self.quoted.get(path)


def translation_path(path: Path) -> Path:
    """1.2.yaml -> 1.2.nn.yaml beside it."""
    return path.with_name(path.name.removesuffix(".yaml") + SUFFIX)


def is_translation(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def rule_file(path: Path) -> Path:
    """The rule file a translation translates (1.2.nn.yaml -> 1.2.yaml); a rule file itself."""
    return (
        path.with_name(path.name.removesuffix(SUFFIX) + ".yaml") if is_translation(path) else path
    )


def rule_texts(document: dict) -> dict[str, dict]:
    """Every {nb, en} text of a rule file by its field path (the dicts themselves, to add to)."""
    found = {"title": document["title"], "description": document["description"]}
    if document.get("corrects"):
        found["corrects"] = document["corrects"]["note"]
    for rule in document["rules"]:
        at = f"rules.{rule['id']}"
        for field in RULE_FIELDS:
            if rule.get(field):
                found[f"{at}.{field}"] = rule[field]
        for index, text in enumerate(rule.get("evidence") or []):
            found[f"{at}.evidence.{index}"] = text
        for name, spec in (rule.get("parameters") or {}).items():
            if isinstance(spec.get("unverified"), dict):
                found[f"{at}.parameters.{name}"] = spec["unverified"]
    return found


def _flatten(document: dict) -> tuple[dict, list[Problem]]:
    """The translation file's texts by field path, and what is not a text where one belongs."""
    texts, problems = {}, []
    for key in ("title", "description", "corrects"):
        if key in document:
            texts[key] = document[key]
    for rule_id, fields in (document.get("rules") or {}).items():
        if not isinstance(fields, dict):
            problems.append(Problem(f"rules.{rule_id}", "expected a mapping of texts"))
            continue
        for field, text in fields.items():
            at = f"rules.{rule_id}.{field}"
            if field == "evidence" and isinstance(text, list):
                texts |= {f"{at}.{i}": entry for i, entry in enumerate(text)}
            elif field == "parameters" and isinstance(text, dict):
                texts |= {f"{at}.{name}": entry for name, entry in text.items()}
            else:
                texts[at] = text
    return texts, problems


def _normal(text: str) -> str:
    return " ".join(text.replace("«", "").replace("»", "").split())


def _text_problems(path, text, original, sources) -> tuple[str | None, str | None, list]:
    """The nynorsk text, the source it quotes (if any), and what is wrong with it."""
    quoted = None
    if isinstance(text, dict) and set(text) == {"text", "quoted_from"}:
        text, quoted = text["text"], text["quoted_from"]
    if not isinstance(text, str) or not text.strip():
        return None, None, [Problem(path, "expected a text, or {text, quoted_from}")]
    problems = []
    own, theirs = set(PLACEHOLDER.findall(text)), set(PLACEHOLDER.findall(original["nb"]))
    if own != theirs:
        names = ", ".join(sorted(theirs)) or "none"
        problems.append(Problem(path, f"expected the bokmål text's placeholders ({names})"))
    if quoted is not None:
        source = sources.get(quoted)
        if source is None:
            problems.append(Problem(path, f"quotes {quoted!r}, which is not a source of the file"))
        elif _normal(text) not in _normal(source.get("note") or ""):
            problems.append(Problem(path, f"is not word for word in the passage of {quoted!r}"))
    return text, quoted, problems


def translate(path: Path, document: dict) -> Translation | None:
    """Add the nynorsk beside the rule file at path to its texts, if there is a file; a broken
    translation raises an InputError naming its file and each field path."""
    where = translation_path(path)
    if not where.exists():
        return None
    raw = where.read_bytes()
    source = str(where)
    translation = parse_text(raw.decode("utf-8"), source)
    if not isinstance(translation, dict):
        raise InputError(source, [Problem("", "expected a mapping of texts")])
    problems = []
    if translation.get("language") != LANGUAGE:
        problems.append(Problem("language", f"expected {LANGUAGE!r}"))
    wanted = {"id": document["id"], "version": document["version"]}
    if translation.get("translates") != wanted:
        problems.append(Problem("translates", f"expected {wanted}"))
    given, shape = _flatten(translation)
    originals = rule_texts(document)
    sources = {s["id"]: s for s in document["sources"]}
    problems += shape
    problems += [Problem(p, "the rule file has no such text") for p in given if p not in originals]
    problems += [Problem(p, "has no nynorsk text") for p in originals if p not in given]
    texts, quoted = {}, {}
    for at, text in given.items():
        if at in originals:
            texts[at], quoted[at], found = _text_problems(at, text, originals[at], sources)
            problems += found
    if problems:
        raise InputError(source, problems)
    for at, text in texts.items():
        originals[at][LANGUAGE] = text
    return Translation(
        language=LANGUAGE,
        path=where,
        sha256=hashlib.sha256(raw).hexdigest(),
        texts=len(texts),
        quoted={at: ref for at, ref in quoted.items() if ref},
    )
