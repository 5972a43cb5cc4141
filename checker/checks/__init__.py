"""The closed set of check types a rule file may use; importing the modules registers them."""

from checker.checks import documents
from checker.checks import fuels
from checker.checks import machines
from checker.checks import procedure
from checker.checks import scoring
from checker.checks.base import CHECKS
from checker.checks.base import ITEM_TARGETS
from checker.checks.base import CheckType
from checker.checks.base import Context
from checker.checks.base import Outcome
from checker.checks.base import Param

__all__ = [
    "CHECKS",
    "ITEM_TARGETS",
    "CheckType",
    "Context",
    "Outcome",
    "Param",
    "documents",
    "fuels",
    "machines",
    "procedure",
    "scoring",
]
