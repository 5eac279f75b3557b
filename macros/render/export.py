"""The whole data set as downloads: JSON (nested, both languages) and CSV (a row per fact).

Deterministic output: the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json

from . import links
from ..model.dataset import QUANTITY_NUMBERS, Dataset, Fact, Text
from .formatting import plain_number

CSV_COLUMNS = [
    "report", "id", "kind", "title_zh", "title_en", "text_zh", "text_en",
    "value", "before", "after", "from", "to", "min", "max", "unit", "bound", "better", "stated_change",
    "date", "source_section", "source_label_zh", "source_label_en", "paragraph", "point",
    "caveat_zh", "caveat_en", "reading_zh", "reading_en", "themes", "related", "url_zh", "url_en",
]


def _text(value: Text | None) -> dict | None:
    return None if value is None else {"zh": value.zh, "en": value.en}


def _quantity(fact: Fact) -> dict | None:
    q = fact.quantity
    if q is None:
        return None
    numbers = q.numbers()
    extra = {k: getattr(q, k) for k in ("bound", "better") if getattr(q, k)}
    return {"unit": q.unit.key, **numbers, **extra}


def fact_record(dataset: Dataset, fact: Fact) -> dict:
    record = {
        "id": fact.id,
        "report": fact.report_id,
        "kind": fact.kind,
        "title": _text(fact.title),
        "text": _text(fact.text),
        "quantity": _quantity(fact),
        "date": fact.date.iso() if fact.date else None,
        "number": _text(fact.number),
        "issuer": _text(fact.issuer),
        "place": _text(fact.place),
        "source": {
            "section": fact.source.section_id,
            "label": _text(fact.source.section_label),
            "paragraph": fact.source.paragraph,
            "point": fact.source.point,
        },
        "caveat": _text(fact.caveat),
        "reading": _text(fact.reading),
        "related": list(fact.related),
        "answers": list(fact.answers),
        "themes": list(dataset.themes_of.get(fact.id, ())),
        "url": {lang: links.fact_url(lang, fact.report_id, fact.id) for lang in ("zh", "en")},
    }
    return {key: value for key, value in record.items() if value not in (None, [], {})}


def dataset_json(dataset: Dataset) -> str:
    data = {
        "reports": [
            {
                "id": r.id,
                "title": _text(r.title),
                "short_title": _text(r.short_title),
                "publisher": _text(r.publisher),
                "contributor": _text(r.contributor),
                "document_type": _text(r.document_type),
                "published": r.published.isoformat() + (f"T{r.published_time}" if r.published_time else ""),
                "summary": _text(r.summary),
                "source_file": r.source_file,
                "sections": [
                    {
                        "id": s.id,
                        "title": _text(s.title),
                        "facts": [f.id for f in s.facts],
                        "parts": [{"id": p.id, "title": _text(p.title), "facts": [f.id for f in p.facts]} for p in s.parts],
                    }
                    for s in r.sections
                ],
            }
            for r in dataset.reports
        ],
        "facts": [fact_record(dataset, f) for r in dataset.reports for f in r.all_facts()],
        "comparison": [
            {"id": d.id, "title": _text(d.title),
             "cells": {c.report_id: ({"text": _text(c.text), "facts": list(c.facts)} if c.text else {"not_stated": True}) for c in d.cells}}
            for d in dataset.dimensions
        ],
        "themes": [{"id": t.id, "title": _text(t.title), "summary": _text(t.summary), "facts": list(t.facts)} for t in dataset.themes],
        "glossary": [{"id": t.id, "term": _text(t.term), "definition": _text(t.definition)} for t in dataset.terms],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def facts_csv(dataset: Dataset) -> str:
    """A row per fact, both languages. Starts with a byte-order mark so that spreadsheet
    programs read the Chinese as UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for report in dataset.reports:
        for fact in report.all_facts():
            q = fact.quantity
            row = {
                "report": report.id, "id": fact.id, "kind": fact.kind,
                "title_zh": fact.title.zh if fact.title else "", "title_en": fact.title.en if fact.title else "",
                "text_zh": fact.text.zh, "text_en": fact.text.en,
                "unit": q.unit.key if q else "", "bound": (q.bound or "") if q else "", "better": (q.better or "") if q else "",
                "date": fact.date.iso() if fact.date else "",
                "source_section": fact.source.section_id,
                "source_label_zh": fact.source.section_label.zh, "source_label_en": fact.source.section_label.en,
                "paragraph": fact.source.paragraph, "point": fact.source.point or "",
                "caveat_zh": fact.caveat.zh if fact.caveat else "", "caveat_en": fact.caveat.en if fact.caveat else "",
                "reading_zh": fact.reading.zh if fact.reading else "", "reading_en": fact.reading.en if fact.reading else "",
                "themes": " ".join(dataset.themes_of.get(fact.id, ())), "related": " ".join(fact.related),
                "url_zh": links.fact_url("zh", report.id, fact.id), "url_en": links.fact_url("en", report.id, fact.id),
            }
            numbers = q.numbers() if q else {}
            row.update({key: plain_number(numbers[key]) if key in numbers else "" for key in QUANTITY_NUMBERS})
            writer.writerow(row)
    return "\ufeff" + out.getvalue()
