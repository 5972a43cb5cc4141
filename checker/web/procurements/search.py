"""Searching the officer's list of procurements: state, reference or title, deadline range."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms import SelectChoice
from wtforms.validators import Length
from wtforms.validators import Optional

from checker.web.fields import ChoiceField
from checker.web.fields import TextField
from checker.web.i18n import display_name
from checker.web.models import STATES
from checker.web.models import Procurement
from checker.web.search import SearchForm
from checker.web.search import contains
from checker.web.search import day_end
from checker.web.search import day_start
from checker.web.search import until_not_before


class ProcurementSearchForm(SearchForm):
    q = TextField(_l("Reference or title"), validators=[Optional(), Length(max=200)])
    state = ChoiceField(_l("State"), validators=[Optional()])
    deadline_from = DateField(_l("Deadline from (date)"), validators=[Optional()])
    deadline_to = DateField(
        _l("Deadline to (date)"), validators=[Optional(), until_not_before("deadline_from")]
    )

    def narrow(self, query):
        """The query with what was asked for; the form must have validated."""
        if self.q.data:
            pattern = contains(self.q.data)
            query = query.where(
                Procurement.reference.ilike(pattern, escape="\\")
                | Procurement.title.ilike(pattern, escape="\\")
            )
        if self.state.data:
            query = query.where(Procurement.state == self.state.data)
        if self.deadline_from.data:
            query = query.where(Procurement.tender_deadline >= day_start(self.deadline_from.data))
        if self.deadline_to.data:
            query = query.where(Procurement.tender_deadline < day_end(self.deadline_to.data))
        return query


def search_form() -> ProcurementSearchForm:
    form = ProcurementSearchForm()
    form.state.choices = [
        SelectChoice("", _l("All")),
        *(SelectChoice(state, display_name("state", state)) for state in STATES),
    ]
    return form
