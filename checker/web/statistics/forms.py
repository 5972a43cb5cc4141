"""The statistics page's filters, read from the query string (a GET form, so no CSRF token)."""

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SubmitField
from wtforms.validators import Length
from wtforms.validators import Optional
from wtforms.validators import ValidationError

from checker import clock
from checker.statistics.cells import SOURCES
from checker.web.fields import TextField
from checker.web.statistics import queries
from checker.web.statistics.page import source_name
from checker.web.statistics.queries import Filters
from checker.web.statistics.service import default_through


class StatisticsFilterForm(FlaskForm):
    class Meta:
        csrf = False

    year = SelectField(_l("Year"), validators=[Optional()])
    through = SelectField(_l("Year to date, through month"), validators=[Optional()])
    project = TextField(
        _l("Project (case reference)"),
        validators=[Optional(), Length(max=100)],
        description=_l("One awarded procurement, by its case reference; empty for all."),
    )
    ruleset = SelectField(_l("Rule set"), validators=[Optional()])
    source = SelectField(_l("Source"), validators=[Optional()])
    submit = SubmitField(_l("Show"))

    def __init__(self, organisation_id: int, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        self.organisation_id = organisation_id
        self.procurement = None

    def validate_project(self, field):
        if field.data:
            self.procurement = queries.project_by_reference(self.organisation_id, field.data)
            if self.procurement is None:
                raise ValidationError(_("No awarded procurement has this case reference."))

    def filters(self) -> Filters:
        return Filters(
            year=int(self.year.data),
            procurement_id=self.procurement.id if self.procurement else None,
            ruleset_id=self.ruleset.data or None,
            source=self.source.data or None,
        )

    def through_month(self) -> int:
        return (
            int(self.through.data)
            if self.through.data
            else default_through(int(self.year.data), clock.today_in_norway())
        )


def statistics_filter_form(organisation_id: int) -> StatisticsFilterForm:
    """The filters from the query string, their choices those the organisation has."""
    form = StatisticsFilterForm(organisation_id)
    today = clock.today_in_norway()
    years = sorted({*queries.years(organisation_id), today.year}, reverse=True)
    form.year.choices = [SelectChoice(str(y), str(y)) for y in years]
    if form.year.data not in {str(y) for y in years}:
        form.year.data = str(today.year) if today.year in years else str(years[0])
    form.through.choices = [SelectChoice("", _("Default"))] + [
        SelectChoice(str(m), f"{m:02d}") for m in range(1, 13)
    ]
    every = [SelectChoice("", _("All"))]
    form.ruleset.choices = every + [SelectChoice(r, r) for r in queries.rulesets(organisation_id)]
    form.source.choices = every + [SelectChoice(s, source_name(s)) for s in SOURCES]
    return form


class PublishForm(FlaskForm):
    submit = SubmitField(_l("Publish the statistics as open data"))


class WithdrawForm(FlaskForm):
    submit = SubmitField(_l("Stop publishing"))
