"""The data against the two sources: nothing printed in a source is lost, and no
sentence of a source is pasted into the data.

The sources live in ../shared/sources (beside the checkout); these tests are skipped
where that folder is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

SOURCES = ROOT.parent / "shared" / "sources"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|‘[^’]*’")
LONGEST_SHARED_RUN = 19  # characters; official names and slogans belong in quotation marks

pytestmark = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the checkout")


def source_content(report) -> str:
    """The report's text without page furniture (see shared/sources/README.md)."""
    lines = (SOURCES / report.source_file).read_text(encoding="utf-8").splitlines()
    if report.id == "shuangliu":
        # The page was captured twice; the first copy runs up to the editor's line.
        end = next(i for i, line in enumerate(lines) if "责任编辑" in line)
        return "\n".join(lines[2:end])
    return "\n".join(line for line in lines[1:] if "图片已损坏" not in line)


def numbers_in_data(report) -> set[str]:
    """Every way the report's data can account for a number printed in the source."""
    found: set[str] = set()

    def add(value):
        found.add(f"{value:g}" if isinstance(value, float) else str(value))

    for fact in report.all_facts():
        q = fact.quantity
        if q:
            for value in (q.value, q.before, q.after, q.min, q.max, q.stated_change):
                if value is not None:
                    add(abs(value))
                    if q.unit.key == "yuan":
                        add(abs(value) / 100_000_000)  # printed in 亿元
        if fact.date:
            d = fact.date
            add(d.year)
            if d.month:
                add(d.month)
                # The capture lost 年/月: 2020324日 is 2020-03-24, 325日 is 03-25.
                add(f"{d.month}{d.day or ''}")
                add(f"{d.year}{d.month}{d.day or ''}")
            if d.day:
                add(d.day)
        for text in (fact.text, fact.title, fact.number, fact.caveat):
            if text:
                found.update(NUMBER.findall(text.zh))
    published = report.published
    found.update({str(published.year), f"{published.month:02d}", f"{published.day:02d}"})
    if report.published_time:
        found.update(report.published_time.split(":"))
    return found


def test_every_number_printed_in_a_source_is_in_the_data(dataset):
    for report in dataset.reports:
        accounted = numbers_in_data(report)
        missing = [n for n in NUMBER.findall(source_content(report)) if n not in accounted]
        assert missing == [], f"{report.id}: numbers in the source that no fact holds: {missing}"


def zh_texts(report):
    yield "summary", report.summary.zh
    for section in report.sections:
        if section.intro:
            yield section.id, section.intro.zh
        for part in section.parts:
            if part.intro:
                yield part.id, part.intro.zh
    for fact in report.all_facts():
        yield fact.id, fact.text.zh
        if fact.caveat:
            yield f"{fact.id}.caveat", fact.caveat.zh
        if fact.title and fact.kind not in ("document", "body"):  # those titles are official names
            yield f"{fact.id}.title", fact.title.zh


def longest_shared_run(text: str, source: str) -> str:
    best = ""
    for start in range(len(text)):
        length = len(best) + 1
        while start + length <= len(text) and text[start:start + length] in source:
            best = text[start:start + length]
            length += 1
    return best


def test_no_source_sentence_is_pasted_into_the_data(dataset):
    copied = []
    for report in dataset.reports:
        source = (SOURCES / report.source_file).read_text(encoding="utf-8")
        for where, text in zh_texts(report):
            run = longest_shared_run(QUOTED.sub("|", text), source)
            if len(run) > LONGEST_SHARED_RUN:
                copied.append(f"{report.id}/{where}: “{run}”")
    assert copied == [], "write these in your own words, or quote the official name:\n" + "\n".join(copied)
