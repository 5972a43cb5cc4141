"""The officer's overrides and exception decisions on top of the engine's result."""

import pytest

from checker.assessment.diff import diff_assessments
from checker.assessment.engine import assess
from checker.assessment.review import apply_overrides
from checker.assessment.review import open_questions
from checker.formats.messages import render
from checker.rulesets.ruleset import RuleLibrary

DFO = RuleLibrary().get("dfo-fossil-free-site", "1.0")


def spearhead(tender, decisions=None):
    return assess(DFO, "spearhead", None, tender, decisions=decisions)


@pytest.fixture
def asks_for_exceptions(school):
    """The school tender at spearhead level: M2 and M4 ask for an exception (none on the market)."""
    school["exceptions"] = [
        {"id": f"E{n}", "item": item, "ground": "not_available", "justification": "Ingen å leie"}
        for n, item in enumerate(["M2", "M4"], start=1)
    ]
    return school


def rule(assessment, rule_id):
    return next(result for result in assessment["results"] if result["rule"] == rule_id)


def test_exception_requests_wait_in_the_review_queue(asks_for_exceptions):
    assessment = spearhead(asks_for_exceptions)
    assert assessment["verdict"] == "incomplete"
    questions = open_questions(assessment)
    assert [(q["rule"], q["item"]) for q in questions] == [
        ("compact-machines-zero-emission", "M2"),
        ("compact-machines-zero-emission", "M4"),
    ]


def test_approved_exceptions_waive_the_items_and_rejected_ones_fail(asks_for_exceptions):
    approved = {
        "decision": "approved",
        "by": "Kari",
        "legal_basis": "FOA § 7-9",
        "expires": "2027-12-31",
    }
    rejected = {"decision": "rejected", "by": "Kari", "reason": "Elektrisk dumper kan leies"}
    assessment = spearhead(asks_for_exceptions, {"E1": approved, "E2": rejected})
    items = {i["id"]: i for i in rule(assessment, "compact-machines-zero-emission")["items"]}
    assert items["M2"]["status"] == "waived" and "31.12.2027" in render(items["M2"]["reason"], "nb")
    assert items["M4"]["status"] == "fail" and "Elektrisk dumper" in render(
        items["M4"]["reason"], "nb"
    )
    assert assessment["verdict"] == "non_compliant"
    both = spearhead(asks_for_exceptions, {"E1": approved, "E2": approved})
    assert both["verdict"] == "compliant"


def test_an_item_override_keeps_the_automatic_state_and_refolds_the_verdict(school):
    assessment = spearhead(school)  # M2 and M4 fail the compact-machines rule
    assert assessment["verdict"] == "non_compliant"
    override = {"at": "2026-11-29T10:00:00+00:00", "by": "Kari", "status": "pass"}
    changed = apply_overrides(
        assessment,
        [
            {**override, "rule": "compact-machines-zero-emission", "item": "M2", "reason": "R1"},
            {**override, "rule": "compact-machines-zero-emission", "item": "M4", "reason": "R2"},
        ],
    )
    result = rule(changed, "compact-machines-zero-emission")
    m2 = next(i for i in result["items"] if i["id"] == "M2")
    assert m2["status"] == "pass"
    assert m2["override"] == {**override, "automatic": "fail", "reason": "R1"}
    assert result["status"] == "pass" and changed["verdict"] == "compliant"
    assert render(result["message"], "en").endswith("(2 set by the officer)")
    assert len(changed["overrides"]) == 2
    # The engine's own result is untouched.
    assert rule(assessment, "compact-machines-zero-emission")["status"] == "fail"


def test_a_rule_override_and_an_override_whose_target_is_gone(school):
    assessment = spearhead(school)
    changed = apply_overrides(
        assessment,
        [
            {
                "rule": "compact-machines-zero-emission",
                "item": None,
                "status": "not_applicable",
                "reason": "Ingen kompakte maskiner i kontrakten",
                "by": "Kari",
                "at": "2026-11-29",
            },
            {
                "rule": "compact-machines-zero-emission",
                "item": "M99",
                "status": "pass",
                "reason": "x",
                "by": "Kari",
                "at": "2026-11-29",
            },
            {
                "rule": "no-such-rule",
                "item": None,
                "status": "pass",
                "reason": "x",
                "by": "Kari",
                "at": "2026-11-29",
            },
        ],
    )
    result = rule(changed, "compact-machines-zero-emission")
    assert result["status"] == "not_applicable"
    assert result["override"]["automatic"] == "fail"
    assert "Ingen kompakte" in render(result["message"], "nb")
    assert changed["verdict"] == "compliant"
    assert [o["item"] or o["rule"] for o in changed["unapplied_overrides"]] == [
        "M99",
        "no-such-rule",
    ]


def test_before_and_after_names_what_turned_and_why(asks_for_exceptions):
    before = spearhead(asks_for_exceptions)
    approved = {"decision": "approved", "by": "Kari", "legal_basis": "FOA § 7-9"}
    after = spearhead(asks_for_exceptions, {"E1": approved, "E2": approved})
    diff = diff_assessments(before, after)
    assert diff["verdict"] == {"from": "incomplete", "to": "compliant"}
    assert [(r["rule"], r["from"], r["to"], r["direction"]) for r in diff["rules"]] == [
        ("compact-machines-zero-emission", "manual_review", "waived", "better")
    ]
    assert [(i["item"], i["to"]) for i in diff["items"]] == [("M2", "waived"), ("M4", "waived")]
    assert "FOA § 7-9" in render(diff["items"][0]["why"], "en")
    assert diff["tender_changed"] is False and diff["figures"] == []
    assert diff_assessments(after, after)["rules"] == []


def test_an_award_rule_set_to_fail_gives_no_points(school):
    assessment = spearhead(school)
    assert assessment["summary"]["award_points"] == 5.46
    changed = apply_overrides(
        assessment,
        [
            {
                "rule": "zero-emission-share-award",
                "item": None,
                "status": "fail",
                "by": "Kari",
                "reason": "The machine list is not the one the contractor will use.",
                "at": "2026-11-29",
            }
        ],
    )
    award = rule(changed, "zero-emission-share-award")
    assert award["points"] == 0.0 and award["override"]["automatic_points"] == 5.46
    assert changed["summary"]["award_points"] == 0.0
    assert award["override"]["automatic_message"] == rule(assessment, award["rule"])["message"]


def test_a_rule_set_as_a_whole_leaves_no_open_questions_under_it(asks_for_exceptions):
    assessment = spearhead(asks_for_exceptions)
    changed = apply_overrides(
        assessment,
        [
            {
                "rule": "compact-machines-zero-emission",
                "item": None,
                "status": "pass",
                "by": "Kari",
                "reason": "Both machines are replaced by electric ones by contract.",
                "at": "2026-11-29",
            }
        ],
    )
    assert open_questions(assessment) and open_questions(changed) == []


def test_an_approval_that_has_expired_waives_nothing(asks_for_exceptions):
    approved = {
        "decision": "approved",
        "by": "Kari",
        "legal_basis": "FOA § 7-9",
        "expires": "2027-06-30",
    }
    decisions = {"E1": approved, "E2": approved}
    before = assess(
        DFO, "spearhead", None, asks_for_exceptions, decisions=decisions, as_of="2027-06-30"
    )
    assert before["verdict"] == "compliant"
    after = assess(
        DFO, "spearhead", None, asks_for_exceptions, decisions=decisions, as_of="2027-07-01"
    )
    items = {i["id"]: i for i in rule(after, "compact-machines-zero-emission")["items"]}
    assert items["M2"]["status"] == "manual_review"
    assert "expired on 30 Jun 2027" in render(items["M2"]["reason"], "en")
    assert after["verdict"] == "incomplete"
    # Without a day to speak for (a file assessed on its own), expiry is not judged.
    assert spearhead(asks_for_exceptions, decisions)["verdict"] == "compliant"
