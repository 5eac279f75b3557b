"""Before/after figures: the change, recomputed from the data, and whether it improved.

The same arithmetic backs the validator's check of a stated change (`crosscheck`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.crosscheck import STATED_CHANGE_TOLERANCE, relative_change_percent
from .dataset import Dataset, Fact


@dataclass(frozen=True)
class Outcome:
    fact: Fact
    absolute: float          # after − before, in the unit
    relative: float          # percent of before
    improved: bool           # in the direction the data calls better
    stated: float | None     # the change in percent as the report states it
    stated_matches: bool | None

    @property
    def percentage_points(self) -> bool:
        """For figures that are themselves percentages, the difference is in points."""
        return self.fact.quantity.unit.percent


def outcome(fact: Fact) -> Outcome:
    q = fact.quantity
    absolute = q.after - q.before
    relative = relative_change_percent(q.before, q.after)
    improved = absolute < 0 if q.better == "lower" else absolute > 0
    matches = None if q.stated_change is None else abs(relative - q.stated_change) <= STATED_CHANGE_TOLERANCE
    return Outcome(fact, absolute, relative, improved, q.stated_change, matches)


def outcomes(dataset: Dataset) -> list[Outcome]:
    """Every before/after figure of every report, in report order."""
    return [
        outcome(fact)
        for report in dataset.reports
        for fact in report.all_facts()
        if fact.quantity is not None and fact.quantity.shape == "change"
    ]
