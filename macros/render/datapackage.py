"""The downloads described as a Frictionless Data Package (`datapackage.json`, Data Package
v1 with Table Schema): name, version (the data release), licence, sources (the reports), and
one resource per file: the facts table with a schema for every column, and the nested JSON.

Deterministic: the same data and release give the same bytes.
"""

from __future__ import annotations

import json

from . import links
from .export import CSV_COLUMNS
from ..data.schema import FACT_KINDS
from ..model.dataset import Dataset

NAME = "reform-reports"
# The project states no licence of its own; the facts restate public government reports.
# CC BY 4.0 is what this descriptor declares until the maintainers decide otherwise.
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
UNITS = "a key of data/units.yaml (yuan, percent, day, item …); its name in each language is in the JSON download"

# Each column of the facts CSV (export.CSV_COLUMNS): its type and what it holds.
_FIELDS: dict[str, tuple[str, str]] = {
    "report": ("string", "the report's id"),
    "id": ("string", "the fact's id, stable across releases; its anchor on the report's page"),
    "kind": ("string", "what sort of fact it is"),
    "title_zh": ("string", "short label, Chinese"),
    "title_en": ("string", "short label, English"),
    "text_zh": ("string", "the fact, Chinese"),
    "text_en": ("string", "the fact, English"),
    "value": ("number", "the figure, in its unit (yuan, not 亿元)"),
    "before": ("number", "for a change: the figure before"),
    "after": ("number", "for a change: the figure after"),
    "from": ("number", "for a range: its lower end"),
    "to": ("number", "for a range: its upper end"),
    "min": ("number", "for a range of values: the smallest"),
    "max": ("number", "for a range of values: the largest"),
    "unit": ("string", "the figure's unit: " + UNITS),
    "bound": ("string", "`at-least` or `about` where the report gives a bound or an approximation"),
    "better": ("string", "for a change: whether `lower` or `higher` is better"),
    "stated_change": ("number", "the relative change the report states, in percent"),
    "date": ("string", "YYYY-MM-DD, YYYY-MM or YYYY: to the precision the report gives"),
    "source_section": ("string", "the section of the source report (its id)"),
    "source_label_zh": ("string", "the source section's heading, Chinese"),
    "source_label_en": ("string", "the source section's heading, English"),
    "paragraph": ("integer", "paragraph under that heading (1 for the first)"),
    "point": ("integer", "numbered point in that paragraph (一是 = 1)"),
    "caveat_zh": ("string", "what is uncertain in the source capture, Chinese"),
    "caveat_en": ("string", "what is uncertain in the source capture, English"),
    "reading_zh": ("string", "this site's reading, not the report's statement, Chinese"),
    "reading_en": ("string", "this site's reading, not the report's statement, English"),
    "themes": ("string", "ids of the shared themes the fact belongs to, space-separated"),
    "related": ("string", "ids of related facts, space-separated"),
    "url_zh": ("string", "the fact's page on this site, Chinese (site-relative)"),
    "url_en": ("string", "the fact's page on this site, English (site-relative)"),
}


def _field(name: str) -> dict:
    kind, description = _FIELDS[name]
    field = {"name": name, "type": kind, "description": description}
    if name in ("report", "id", "kind", "text_zh", "text_en", "source_section", "paragraph"):
        field["constraints"] = {"required": True}
    if name == "id":
        field["constraints"]["unique"] = True
    if name == "kind":
        field["constraints"]["enum"] = list(FACT_KINDS)
    if name in ("paragraph", "point"):
        field.setdefault("constraints", {})["minimum"] = 1
    return field


def descriptor(dataset: Dataset, version: str, released: str | None = None, site_url: str = "") -> dict:
    """`version`: the release (`1.2.0`, or `1.2.0+unreleased` for data changed since);
    `released`: its date (ISO), if it has one."""
    assert set(_FIELDS) == set(CSV_COLUMNS), "every CSV column is described"
    base = site_url.rstrip("/") + "/" if site_url else ""
    package = {
        "profile": "data-package",
        "name": NAME,
        "title": "改革报告 / Reform Reports",
        "description": ("Every fact of Chinese local-government reform reports, each with its source section, "
                        "in Chinese and English. 地方政府改革报告中的全部事实，逐条注明出处，中英双语。"),
        "version": version,
        "licenses": [LICENSE],
        "sources": [{
            "title": f"{report.title.zh} / {report.title.en} ({report.credit.en}, {report.published.isoformat()})",
            **({"path": base + links.page_url("en", report.id)} if base else {}),
        } for report in dataset.reports],
        "keywords": ["China", "local government", "reform", "改革", "法定机构"],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "facts",
                "title": "Facts, one row per fact, both languages / 事实，每条一行，中英文",
                "path": links.CSV_DOWNLOAD,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": {"fields": [_field(name) for name in CSV_COLUMNS], "primaryKey": ["id"],
                           "missingValues": [""]},
            },
            {
                "profile": "data-resource",
                "name": "reform-reports",
                "title": "The whole data set, nested by report, section and fact / 全部数据（嵌套）",
                "path": links.JSON_DOWNLOAD,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ],
    }
    if released:
        package["created"] = f"{released}T00:00:00Z"
    return package


def datapackage_json(dataset: Dataset, version: str, released: str | None = None, site_url: str = "") -> str:
    return json.dumps(descriptor(dataset, version, released, site_url), ensure_ascii=False, indent=1) + "\n"
