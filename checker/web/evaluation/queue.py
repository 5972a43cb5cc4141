"""Walking the review queue: where a question stands in it, and where to go after judging one."""

from flask import flash
from flask import redirect
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from checker.web.evaluation.decisions import review_queue


def key(question: dict) -> tuple:
    return (question["tender"].id, question["rule"], question["item"] or None)


def _url(procurement_id: int, question: dict) -> str:
    return url_for(
        "evaluation.question",
        procurement_id=procurement_id,
        tender_id=question["tender"].id,
        rule=question["rule"],
        item=question["item"],
        queue=1,
    )


def navigation(procurement, tender_id: int, rule_id: str, item_id: str | None) -> dict:
    """This question's place in the queue (None when it is not in it), the count, the next one."""
    queue = review_queue(procurement)
    keys = [key(q) for q in queue]
    here = (tender_id, rule_id, item_id or None)
    index = keys.index(here) if here in keys else None
    following = [q for i, q in enumerate(queue) if index is None or i != index]
    if index is not None:
        following = queue[index + 1 :] + queue[:index]
    return {
        "position": None if index is None else index + 1,
        "total": len(queue),
        "next_url": _url(procurement.id, following[0]) if following else None,
    }


def after_judging(procurement, before: list[dict], judged: tuple):
    """The next open question after the one just judged (in queue order, from where it stood),
    with how many remain; the evaluation overview once none is left."""
    after = review_queue(procurement)
    remaining = {key(q): q for q in after}
    order = [key(q) for q in before]
    start = order.index(judged) + 1 if judged in order else 0
    candidates = [k for k in order[start:] + order[:start] if k in remaining and k != judged]
    candidates += [k for k in remaining if k not in candidates and k != judged]
    if not after:
        flash(_("The review queue is empty: every question is judged."), "success")
        return redirect(url_for("evaluation.index", procurement_id=procurement.id), 303)
    flash(
        ngettext(
            "%(num)d question remains in the review queue.",
            "%(num)d questions remain in the review queue.",
            len(after),
        ),
        "info",
    )
    target = remaining[candidates[0]] if candidates else after[0]
    return redirect(_url(procurement.id, target), 303)


def _from_queue() -> bool:
    return request.form.get("queue") == "1"


def queue_before(procurement) -> list[dict]:
    """The queue as it stands before a judgement made from it (to know what comes next)."""
    return review_queue(procurement) if _from_queue() else []


def judged(tender, rule_id: str, item_id: str | None, before: list[dict]):
    """After a judgement: on to the queue's next question when it was made from the queue,
    else back to the question judged."""
    if _from_queue():
        return after_judging(tender.procurement, before, (tender.id, rule_id, item_id or None))
    back = url_for(
        "evaluation.question",
        procurement_id=tender.procurement_id,
        tender_id=tender.id,
        rule=rule_id,
        item=item_id or None,
    )
    return redirect(back, 303)
