"""The validated data as immutable Python objects.

Built only from data that passed validation, so renderers never meet a missing key.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    zh: str
    en: str
    # The editor marked the English as still matching a changed Chinese (see translations).
    en_still_matches: bool = field(default=False, compare=False)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class Unit:
    key: str
    zh: object  # a pattern string, or a dict of plural forms
    en: object
    compact: bool = False
    percent: bool = False
    ordinal: bool = False


# The numbers of a quantity: their keys in the data files, and their names here. One list,
# for reading the data (build), writing it out (downloads) and comparing it (datadiff).
QUANTITY_NUMBERS = {
    "value": "value", "before": "before", "after": "after", "from": "printed_from", "to": "printed_to",
    "min": "min", "max": "max", "stated_change": "stated_change",
}


@dataclass(frozen=True)
class Quantity:
    unit: Unit
    value: float | None = None
    before: float | None = None
    after: float | None = None
    printed_from: float | None = None   # two values the report prints, with no change claimed
    printed_to: float | None = None
    stated_change: float | None = None
    min: float | None = None
    max: float | None = None
    bound: str | None = None
    better: str | None = None

    def numbers(self) -> dict[str, float]:
        """The numbers it holds, by their keys in the data files (`from`, not `printed_from`)."""
        return {key: getattr(self, name) for key, name in QUANTITY_NUMBERS.items() if getattr(self, name) is not None}

    @property
    def shape(self) -> str:
        if self.before is not None:
            return "change"
        if self.printed_from is not None:
            return "printed"
        if self.min is not None:
            return "range"
        return "value"


@dataclass(frozen=True)
class SourceRef:
    section_id: str
    section_label: Text
    paragraph: int
    point: int | None = None


@dataclass(frozen=True)
class Fact:
    id: str
    kind: str
    text: Text
    source: SourceRef
    report_id: str
    title: Text | None = None
    quantity: Quantity | None = None
    date: PartialDate | None = None
    number: Text | None = None
    issuer: Text | None = None
    related: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    place: Text | None = None
    caveat: Text | None = None
    reading: Text | None = None  # the site's reading, marked as such: not what the report states
    predecessor: str | None = None  # the id this fact had before it was renamed
    # Where the fact is written, for "suggest a correction" links: its report's data file and
    # the line of its `- id:` item there. The line is not part of the fact's value: an edit
    # above it moves it, and equal facts must stay equal (compare=False).
    data_file: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Part:
    id: str
    title: Text
    facts: tuple[Fact, ...]
    intro: Text | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    facts: tuple[Fact, ...] = ()
    parts: tuple[Part, ...] = ()
    intro: Text | None = None

    def all_facts(self) -> tuple[Fact, ...]:
        return self.facts + tuple(f for part in self.parts for f in part.facts)


@dataclass(frozen=True)
class Report:
    id: str
    order: int
    title: Text
    short_title: Text
    publisher: Text | None
    published: datetime.date
    published_time: str | None
    summary: Text
    source_file: str
    source_notes: Text | None
    headline: tuple[str, ...]
    sections: tuple[Section, ...]
    contributor: Text | None = None  # who contributed the text (供稿), where no publisher is named
    document_type: Text | None = None

    @property
    def credit(self) -> Text:
        """Who the report is credited to: its publisher, or else its contributor."""
        return self.publisher or self.contributor

    def all_facts(self) -> tuple[Fact, ...]:
        return tuple(f for section in self.sections for f in section.all_facts())


@dataclass(frozen=True)
class Cell:
    """What one report states on a comparison dimension; `text` None means it states nothing."""

    report_id: str
    text: Text | None
    facts: tuple[str, ...] = ()
    reading: Text | None = None


@dataclass(frozen=True)
class Dimension:
    id: str
    title: Text
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Theme:
    id: str
    title: Text
    summary: Text
    facts: tuple[str, ...]
    reading: Text | None = None
    comparable: bool = True  # may the reports' figures on it be charted side by side


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    definition: Text
    also_zh: tuple[str, ...] = ()
    also_en: tuple[str, ...] = ()
    reading: Text | None = None

    def forms(self, lang: str) -> tuple[str, ...]:
        return (self.term.get(lang),) + (self.also_zh if lang == "zh" else self.also_en)


@dataclass(frozen=True)
class DiagramNode:
    label: Text
    fact: str
    relation: Text | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diagram:
    id: str
    report_id: str
    section_id: str
    title: Text
    root: DiagramNode
    branches: tuple[DiagramNode, ...]


@dataclass(frozen=True)
class Dataset:
    reports: tuple[Report, ...]
    units: dict[str, Unit]
    ui: dict[str, Text]
    facts: dict[str, Fact] = field(default_factory=dict)
    dimensions: tuple[Dimension, ...] = ()
    themes: tuple[Theme, ...] = ()
    terms: tuple[Term, ...] = ()
    diagrams: tuple[Diagram, ...] = ()
    # Derived once, at load: links that run the other way.
    themes_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    referenced_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    answered_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Keys (see `translations`) of English texts written for an older Chinese text.
    stale: frozenset[str] = frozenset()

    def report(self, report_id: str) -> Report:
        for report in self.reports:
            if report.id == report_id:
                return report
        known = ", ".join(r.id for r in self.reports)
        raise KeyError(f"no report `{report_id}` in data/reports/ (known: {known})")

    def fact(self, fact_id: str) -> Fact:
        return self.facts[fact_id]

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)
