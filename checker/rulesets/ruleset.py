"""Rule sets as data: find, load and validate rules/<id>/<version>.yaml into frozen dataclasses."""

import hashlib
import os
from dataclasses import dataclass
from dataclasses import replace
from functools import cache
from pathlib import Path

import jsonschema

from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.inputs import load_schema
from checker.formats.inputs import parse_text
from checker.formats.inputs import schema_problems
from checker.formats.texts import pick
from checker.paths import shipped
from checker.rulesets import wording
from checker.rulesets.semantics import document_problems
from checker.rulesets.semantics import name_rules
from checker.rulesets.translation import Translation
from checker.rulesets.translation import is_translation
from checker.rulesets.translation import rule_file
from checker.rulesets.translation import translate

RULESET_FORMAT_SCHEMA = "ruleset.schema.json"


class RulesetError(InputError):
    """A rule set file is broken, or a requested rule set or version does not exist."""


@dataclass(frozen=True)
class Parameter:
    """A rule parameter: its value and the range a procurement may tailor it within."""

    value: object
    min: float | None = None
    max: float | None = None
    choices: tuple | None = None
    unit: str | None = None
    # Why the value is still to be verified: one text, or {nb, en}.
    unverified: str | dict | None = None
    origin: str | None = None  # published | adapted | proposal, where it differs from the rule's
    source: str | None = None  # the id of the source the value comes from, if not the rule's

    @property
    def is_tailorable(self) -> bool:
        return self.min is not None or self.max is not None or self.choices is not None

    def unverified_text(self, lang: str) -> str | None:
        """The reason to verify the value in `lang` (a one-language text is shown as it is;
        nynorsk falls back to bokmål)."""
        if isinstance(self.unverified, dict):
            return pick(self.unverified, lang)
        return self.unverified


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    level: str
    replaces: str | None
    applies_to: str
    check_type: str
    where: dict
    parameters: dict[str, Parameter]
    title: dict
    requirement: dict
    evidence: tuple
    guidance: dict
    source: dict
    origin: str
    note: dict | None
    # The texts as written, with {parameter} placeholders; the fields above are filled with the
    # rule file's values (checker.rulesets.wording fills them with a tailoring's).
    templates: dict | None = None


@dataclass(frozen=True)
class Ruleset:
    id: str
    version: str
    sha256: str
    path: Path
    status: str
    title: dict
    description: dict
    publisher: str
    sources: tuple
    levels: tuple[str, ...]
    rules: tuple[Rule, ...]
    # {version, note {nb, en}}: the published version this one corrects, if any.
    corrects: dict | None = None
    # The nynorsk beside the file (checker.rulesets.translation), if there is one.
    translation: Translation | None = None

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def reference(self) -> dict:
        return {"id": self.id, "version": self.version, "sha256": self.sha256}

    def source(self, ref: str) -> dict:
        return next(source for source in self.sources if source["id"] == ref)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@cache
def _ruleset_validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(load_schema(RULESET_FORMAT_SCHEMA))


def _worded(rule: Rule) -> Rule:
    templates = {
        "title": rule.title,
        "requirement": rule.requirement,
        "guidance": rule.guidance,
        "note": rule.note,
        "evidence": rule.evidence,
    }
    return wording.worded(replace(rule, templates=templates), wording.values_of(rule))


def _build(path: Path, raw: bytes, document: dict, translation: Translation | None) -> Ruleset:
    rules = tuple(
        _worded(
            Rule(
                id=rule["id"],
                kind=rule["kind"],
                level=rule["level"],
                replaces=rule.get("replaces"),
                applies_to=rule["applies_to"],
                check_type=rule["check"]["type"],
                where=rule["check"].get("where") or {},
                parameters={
                    name: Parameter(
                        value=spec["value"],
                        min=spec.get("min"),
                        max=spec.get("max"),
                        choices=tuple(spec["choices"]) if "choices" in spec else None,
                        unit=spec.get("unit"),
                        unverified=spec.get("unverified"),
                        origin=spec.get("origin"),
                        source=spec.get("source"),
                    )
                    for name, spec in (rule.get("parameters") or {}).items()
                },
                title=rule["title"],
                requirement=rule["requirement"],
                evidence=tuple(rule["evidence"]),
                guidance=rule["guidance"],
                source=rule["source"],
                origin=rule["origin"],
                note=rule.get("note"),
            )
        )
        for rule in document["rules"]
    )
    return Ruleset(
        id=document["id"],
        version=document["version"],
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        status=document["status"],
        title=document["title"],
        description=document["description"],
        publisher=document["publisher"],
        sources=tuple(document["sources"]),
        levels=tuple(document["levels"]),
        rules=rules,
        corrects=document.get("corrects"),
        translation=translation,
    )


def load_ruleset_file(path: Path) -> Ruleset:
    """Load one rule set file, or raise RulesetError naming the file, rule id and path of each problem."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RulesetError(str(path), [Problem("", f"cannot be read: {err.strerror}")]) from None
    try:
        document = parse_text(raw.decode("utf-8"), str(path))
    except (UnicodeDecodeError, InputError) as err:
        problems = err.problems if isinstance(err, InputError) else [Problem("", "not UTF-8 text")]
        raise RulesetError(str(path), problems) from None
    if not isinstance(document, dict):
        raise RulesetError(
            str(path), [Problem("", "expected a mapping with id, version and rules")]
        )
    problems = name_rules(schema_problems(_ruleset_validator(), document), document)
    if not problems:
        problems = document_problems(path, document)
    if problems:
        raise RulesetError(str(path), problems)
    try:
        translation = translate(path, document)
    except (UnicodeDecodeError, InputError) as err:
        problems = err.problems if isinstance(err, InputError) else [Problem("", "not UTF-8 text")]
        raise RulesetError(getattr(err, "source", str(path)), problems) from None
    return _build(path, raw, document, translation)


def default_rules_dir() -> Path:
    """CHECKER_RULES_DIR, else the rules shipped inside the package, else the checkout's rules/."""
    configured = os.environ.get("CHECKER_RULES_DIR")
    if configured:
        return Path(configured)
    return shipped("rules")


class RuleLibrary:
    """All rule set files under one folder: rules/<id>/<version>.yaml."""

    def __init__(self, root: Path | None = None):
        self.root = root or default_rules_dir()
        self._cache: dict[Path, Ruleset] = {}

    def files(self) -> list[Path]:
        return sorted(path for path in self.root.glob("*/*.yaml") if not is_translation(path))

    def orphan_translations(self) -> list[Path]:
        """Translations beside no rule file (a typo in a file name, or a file removed)."""
        found = self.root.glob("*/*.yaml")
        return sorted(p for p in found if is_translation(p) and not rule_file(p).exists())

    def versions(self, ruleset_id: str) -> list[str]:
        paths = (self.root / ruleset_id).glob("*.yaml")
        return sorted(
            (path.stem for path in paths if not is_translation(path)), key=_safe_version_key
        )

    def ids(self) -> list[str]:
        return sorted({path.parent.name for path in self.files()})

    def load(self, path: Path) -> Ruleset:
        if path not in self._cache:
            self._cache[path] = load_ruleset_file(path)
        return self._cache[path]

    def newest_published(self, ruleset_id: str, versions: list[str]) -> str:
        """The default version: the newest published one (a draft is only used when named)."""
        for version in reversed(versions):
            if self.load(self.root / ruleset_id / f"{version}.yaml").status == "published":
                return version
        return versions[-1]

    def corrected_by(self, ruleset_id: str, version: str) -> str | None:
        """The newest version that says it corrects `version`, if one does."""
        found = None
        for other in self.versions(ruleset_id):
            try:
                ruleset = self.load(self.root / ruleset_id / f"{other}.yaml")
            except RulesetError:
                continue  # a broken file corrects nothing; validation reports it
            if (ruleset.corrects or {}).get("version") == version:
                found = other
        return found

    def get(self, ruleset_id: str, version: str | None = None) -> Ruleset:
        """The named version, or the newest when version is None."""
        versions = self.versions(ruleset_id)
        if not versions:
            known = ", ".join(self.ids()) or "none"
            raise RulesetError(
                "--ruleset", [Problem("", f"no rule set {ruleset_id!r}; known: {known}")]
            )
        chosen = version or versions[-1]
        if chosen not in versions:
            raise RulesetError(
                "--version",
                [
                    Problem(
                        "", f"{ruleset_id} has no version {chosen!r}; known: {', '.join(versions)}"
                    )
                ],
            )
        return self.load(self.root / ruleset_id / f"{chosen}.yaml")


def _safe_version_key(version: str) -> tuple:
    """Sort key that survives a malformed file name (which validation then reports)."""
    try:
        return (0, version_key(version))
    except ValueError:
        return (-1, ())
