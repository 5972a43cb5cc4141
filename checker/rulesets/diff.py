"""What changed between two versions of a rule set: rules added, removed and changed."""

from dataclasses import dataclass
from dataclasses import field

from checker.rulesets.ruleset import Rule
from checker.rulesets.ruleset import Ruleset

# Rule fields compared one by one; parameters are compared per parameter below.
COMPARED = (
    "kind",
    "level",
    "replaces",
    "applies_to",
    "check_type",
    "where",
    "title",
    "requirement",
    "origin",
)


@dataclass
class RuleChange:
    rule_id: str
    fields: dict[str, tuple] = field(default_factory=dict)  # name -> (old, new)
    parameters: dict[str, tuple] = field(default_factory=dict)  # name -> (old value, new value)


@dataclass
class RulesetDiff:
    old: Ruleset
    new: Ruleset
    added: list[Rule]
    removed: list[Rule]
    changed: list[RuleChange]
    unchanged: list[str]


def _plain(value):
    """A text as compared: a no-break space (a share worded as "20 %") is a space."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if key != "nn" or item}
    return value.replace("\u00a0", " ") if isinstance(value, str) else value


def _rule_change(old: Rule, new: Rule) -> RuleChange | None:
    change = RuleChange(old.id)
    for name in COMPARED:
        if _plain(getattr(old, name)) != _plain(getattr(new, name)):
            change.fields[name] = (getattr(old, name), getattr(new, name))
    for name in sorted(set(old.parameters) | set(new.parameters)):
        before, after = old.parameters.get(name), new.parameters.get(name)
        if before != after:
            change.parameters[name] = (before, after)
    return change if change.fields or change.parameters else None


def diff_rulesets(old: Ruleset, new: Ruleset) -> RulesetDiff:
    """Compare two rule set versions rule by rule (matched by rule id)."""
    old_rules = {rule.id: rule for rule in old.rules}
    new_rules = {rule.id: rule for rule in new.rules}
    changed, unchanged = [], []
    for rule_id in sorted(old_rules.keys() & new_rules.keys()):
        change = _rule_change(old_rules[rule_id], new_rules[rule_id])
        if change:
            changed.append(change)
        else:
            unchanged.append(rule_id)
    return RulesetDiff(
        old=old,
        new=new,
        added=[rule for rule_id, rule in new_rules.items() if rule_id not in old_rules],
        removed=[rule for rule_id, rule in old_rules.items() if rule_id not in new_rules],
        changed=changed,
        unchanged=unchanged,
    )
