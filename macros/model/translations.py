"""Which English texts lag behind a change to their Chinese.

Each text has a stable key built from ids (`xingu-tax-revenue.text`, `ui.source`).
data/translations.lock.json records, per key, a fingerprint of the Chinese and of the
English as they last stood together. When the Chinese changes and the English does not,
the English is stale: `make check` names it and the English page marks it. When both
change, the text was retranslated. `make fmt` brings the lock up to date; the checks
fail while it is not, because an old lock would hide the next stale text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from .dataset import Dataset, Text

LOCK_NAME = "translations.lock.json"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def texts(dataset: Dataset) -> Iterator[tuple[str, Text]]:
    """Every bilingual text of the data set, with its stable key."""
    def fields(owner: str, obj, names):
        for name in names:
            value = getattr(obj, name, None)
            if isinstance(value, Text):
                yield f"{owner}.{name}", value

    for report in dataset.reports:
        yield from fields(report.id, report, ("title", "short_title", "publisher", "contributor", "document_type", "summary", "source_notes"))
        for section in report.sections:
            yield from fields(section.id, section, ("title", "intro"))
            for part in section.parts:
                yield from fields(part.id, part, ("title", "intro"))
        for fact in report.all_facts():
            yield from fields(fact.id, fact, ("title", "text", "number", "issuer", "place", "caveat", "reading"))
            yield f"{fact.id}.source", fact.source.section_label
    for dimension in dataset.dimensions:
        yield f"{dimension.id}.title", dimension.title
        for cell in dimension.cells:
            if cell.text:
                yield f"{dimension.id}.{cell.report_id}", cell.text
            if cell.reading:
                yield f"{dimension.id}.{cell.report_id}.reading", cell.reading
    for theme in dataset.themes:
        yield from fields(theme.id, theme, ("title", "summary", "reading"))
    for term in dataset.terms:
        yield from fields(term.id, term, ("term", "definition", "reading"))
    for diagram in dataset.diagrams:
        yield f"{diagram.id}.title", diagram.title
        for index, node in enumerate((diagram.root,) + diagram.branches):
            yield f"{diagram.id}.{index}.label", node.label
            if node.relation:
                yield f"{diagram.id}.{index}.relation", node.relation
    for key, value in dataset.ui.items():
        yield f"ui.{key}", value


def status(dataset: Dataset, lock: dict[str, dict[str, str]]) -> tuple[set[str], dict[str, dict[str, str]]]:
    """(keys of stale English texts, the lock as `make fmt` would write it)."""
    stale: set[str] = set()
    updated: dict[str, dict[str, str]] = {}
    for key, text in texts(dataset):
        zh, en = fingerprint(text.zh), fingerprint(text.en)
        before = lock.get(key)
        if before and before["zh"] != zh and before["en"] == en and not text.en_still_matches:
            stale.add(key)
            updated[key] = before  # keep the old fingerprints until the English is updated
        else:
            updated[key] = {"zh": zh, "en": en}
    return stale, dict(sorted(updated.items()))


def accept(dataset: Dataset, lock: dict[str, dict[str, str]], keys: list[str]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Record that the English of `keys` was checked against the current Chinese and still
    says the same: the stale mark goes without rewording a correct English text. Returns the
    new lock and any keys that name no text."""
    current = dict(texts(dataset))
    unknown = [key.removesuffix(".en") for key in keys if key.removesuffix(".en") not in current]
    updated = dict(lock)
    for key in keys:
        key = key.removesuffix(".en")
        if key in current:
            updated[key] = {"zh": fingerprint(current[key].zh), "en": fingerprint(current[key].en)}
    return dict(sorted(updated.items())), unknown


def read_lock(data_dir: Path) -> dict[str, dict[str, str]]:
    path = data_dir / LOCK_NAME
    if not path.exists():
        return {}
    try:
        lock = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}
    return lock if isinstance(lock, dict) else {}


def render_lock(lock: dict[str, dict[str, str]]) -> str:
    return json.dumps(lock, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

