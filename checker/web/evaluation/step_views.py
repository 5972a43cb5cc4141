"""The steps of the evaluation that cannot be taken back, each asked for once more: concluding
the evaluation and awarding the contract. The acts themselves are the evaluation views' POSTs;
these pages say what follows and lead there."""

from flask import Blueprint
from flask import flash
from flask import render_template
from flask_babel import gettext as _

from checker.web.access import opened_procurement
from checker.web.access import role_required
from checker.web.evaluation import views as evaluation
from checker.web.evaluation.assessments import REVIEW_STATE
from checker.web.evaluation.decisions import review_queue
from checker.web.evaluation.forms import AwardForm
from checker.web.evaluation.forms import ConcludeForm
from checker.web.evaluation.pages import award_form_for
from checker.web.evaluation.pages import overview
from checker.web.evaluation.ranking import concluded_evaluation
from checker.web.evaluation.ranking import current_evaluation

bp = Blueprint("evaluation_steps", __name__, url_prefix="/procurements/<int:procurement_id>")


@bp.route("/evaluation/conclude")
@role_required("officer")
def conclude(procurement_id: int):
    """The ranking that concluding fixes, and what follows from it."""
    procurement = opened_procurement(procurement_id)
    current = current_evaluation(procurement) if procurement.state == REVIEW_STATE else None
    if current is None or not current["complete"] or review_queue(procurement):
        flash(
            _(
                "The ranking can be concluded when every tender is assessed, every question "
                "judged and every score entered."
            ),
            "error",
        )
        return evaluation._to_overview(procurement_id)
    return render_template(
        "evaluation/conclude.html",
        procurement=procurement,
        ranking=current,
        criteria={str(c.id): c for c in procurement.criteria},
        conclude_form=_conclude_form(current),
    )


def _conclude_form(ranking: dict) -> ConcludeForm:
    """The form remembers the ranking shown, so a colleague's change in between is caught."""
    form = ConcludeForm()
    form.set_basis(ranking)
    return form


@bp.route("/evaluation/award/confirm", methods=["POST"])
@role_required("officer")
def award(procurement_id: int):
    """The chosen tender and the justification as typed, before the award is made."""
    procurement = opened_procurement(procurement_id)
    concluded = concluded_evaluation(procurement)
    form = award_form_for(procurement, concluded, AwardForm())
    if not form.validate_on_submit():
        return overview(procurement, award_form=form, status=422)
    chosen = next(e for e in concluded.data["tenders"] if e["id"] == form.tender.data)
    others = [e for e in concluded.data["tenders"] if e["id"] != chosen["id"]]
    return render_template(
        "evaluation/award_confirm.html",
        procurement=procurement,
        form=form,
        chosen=chosen,
        others=others,
    )
