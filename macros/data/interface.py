"""Interface strings: the labels templates print, looked up per language.

The strings themselves live in data/ui.yaml so translators edit them like any text;
this module lists the keys the templates rely on, so that a missing one is a
validation error rather than a crash at render time.
"""

from __future__ import annotations

from .schema import FACT_KINDS

# The fields of a fact a change can name (macros/edit/datadiff.py: FIELDS, and a renamed id).
CHANGE_FIELDS = ("id", "kind", "title", "quantity", "date", "place", "text", "number", "issuer", "caveat",
                 "reading", "answers", "related", "source")

# Each key the templates use, with how many `#` placeholders its text must hold.
REQUIRED_UI_KEYS: dict[str, int] = {
    **{f"kind.{kind}": 0 for kind in FACT_KINDS},
    "source": 0, "source.paragraph": 1, "source.point": 1, "source.capture": 0, "source.notes": 0,
    "caveat": 0, "permalink": 0, "related": 0, "answers": 0, "answered_by": 0, "themes": 0, "place": 0,
    "published": 0, "publisher": 0, "official_title": 0, "document.number": 0,
    "document.issuer": 0, "date": 0, "date_time": 2,
    "facts_count": 1, "read_report": 0, "headline": 0, "contents": 0,
    "change.down": 1, "change.up": 1, "change.stated": 0, "bound.at-least": 1, "bound.about": 1,
    "range": 2, "before_after": 2,
    "compare.dimension": 0, "compare.based_on": 0, "compare.not_stated": 0,
    "outcome.figure": 0, "outcome.before": 0, "outcome.after": 0, "outcome.absolute": 0,
    "outcome.relative": 0, "outcome.better": 0, "outcome.stated": 0, "outcome.improved": 0,
    "outcome.worsened": 0, "outcome.matches": 0, "outcome.not_stated": 0,
    "better.lower": 0, "better.higher": 0, "percentage_points": 1,
    "peer.name": 0, "peer.statement": 0, "timeline.published": 0,
    "chart.change": 1, "chart.stated": 1, "timeline.title": 0, "timeline.desc": 3, "diagram.figure": 2, "print.link": 0, "print.online": 0, "print.cite": 0,
    "stale": 0, "edit_data": 0, "suggest_correction": 0, "cite.title": 0, "cite.named": 1, "cite.plain": 0,
    "downloads.json": 0, "downloads.csv": 0, "downloads.schemas": 0, "glossary.used_on": 0, "glossary.entries": 1, "page.compare": 0, "page.themes": 0,
    "site.description": 1, "site.sources": 1, "site.source_item": 2,
    "theme.open": 1, "contributor": 0, "document_type": 0, "reading": 0, "outcome.not_applicable": 0,
    # Releases and changes (macros/render/changes.py)
    "site.name": 0, "site.release": 2, "site.unreleased": 1, "page.changes": 0, "changes.description": 0, "changes.intro": 0,
    "changes.follow": 0, "changes.feed": 0, "changes.json": 0, "changes.none": 0, "changes.unreleased": 1,
    "changes.unreleased_note": 0, "changes.first": 1, "changes.counts": 3, "changes.nothing": 0, "changes.unreadable": 0,
    "changes.note": 0, "changes.downloads": 0, "changes.status.changed": 0, "changes.status.added": 0,
    "changes.status.removed": 0, "changes.was": 0, "changes.now": 0, "changes.gone": 0,
    "history.revised": 2, "history.revised_unreleased": 1, "history.field_was": 2,
    **{f"field.{name}": 0 for name in CHANGE_FIELDS},
    "data.release": 2, "data.release_none": 0, "data.changes": 0,
    "downloads.datapackage": 0, "downloads.changes": 0, "downloads.versioned": 0, "cite.release": 3, "cite.fact": 1,
}


def fill(pattern: str, *values: str) -> str:
    """Put values into the `#` placeholders of a pattern, left to right.

    Plain replacement, not a template language: data never runs as code.
    """
    pieces = pattern.split("#")
    if len(pieces) - 1 != len(values):
        raise ValueError(f"pattern {pattern!r} has {len(pieces) - 1} placeholder(s), given {len(values)}")
    out = [pieces[0]]
    for value, piece in zip(values, pieces[1:]):
        out.append(value)
        out.append(piece)
    return "".join(out)
