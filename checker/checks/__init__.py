"""The closed set of check types a rule file may use; importing the modules registers them.

One module per check type holds its function, parameters, advice and examples.
"""

from checker.checks import award_by_carrier
from checker.checks import award_share
from checker.checks import biofuel_feedstock
from checker.checks import climate_award_weight
from checker.checks import climate_exception_scope
from checker.checks import document_provided
from checker.checks import emission_stage_min
from checker.checks import energy_carrier
from checker.checks import euro_class_min
from checker.checks import exception_documented
from checker.checks import fuel_standard
from checker.checks import inventory_complete
from checker.checks import machine_age_max
from checker.checks import share_min
from checker.checks.base import CHECKS
from checker.checks.base import ITEM_TARGETS
from checker.checks.base import CheckType
from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param

MODULES = (
    award_by_carrier,
    award_share,
    biofuel_feedstock,
    climate_award_weight,
    climate_exception_scope,
    document_provided,
    emission_stage_min,
    energy_carrier,
    euro_class_min,
    exception_documented,
    fuel_standard,
    inventory_complete,
    machine_age_max,
    share_min,
)

__all__ = [
    "CHECKS",
    "ITEM_TARGETS",
    "MODULES",
    "CheckType",
    "Context",
    "Example",
    "Finding",
    "Outcome",
    "Param",
]
