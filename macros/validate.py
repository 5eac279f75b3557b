"""Load the data directory, check all of it, and build the model.

`load_dataset` never raises for a mistake in the data: it returns every problem it
found, each with file, line and field, and builds the model only when there are none.
"""

from __future__ import annotations

from pathlib import Path

from . import model
from .interface import REQUIRED_UI_KEYS
from .schema import REPORT, UI, UNITS, Where
from .yamlsource import Problem, is_date, read_yaml


def _display(path: Path, root: Path) -> str:
    """A path as an editor would type it: relative to the project when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_checked(path: Path, shown: str, node) -> tuple[object, list[Problem]]:
    if not path.exists():
        return None, [Problem(shown, 0, "(file)", "the file is missing")]
    raw, problems = read_yaml(path, shown)
    if raw is None and not problems:
        return None, [Problem(shown, 1, "(file)", "the file is empty")]
    if problems and raw is None:
        return None, problems
    problems = problems + node.check(raw, Where(shown, "", 1))
    return raw, problems


class _IdRegistry:
    """Ids share one namespace: they are anchors and link targets."""

    def __init__(self):
        self.seen: dict[str, str] = {}
        self.problems: list[Problem] = []

    def add(self, value: str, where: Where):
        if value in self.seen:
            self.problems.append(where.problem(f"the id `{value}` is already used at {self.seen[value]}; ids must be unique"))
        else:
            self.seen[value] = f"{where.file}:{where.line}"


def _cross_check(reports: list[tuple[str, str, dict]], units: dict, ui: dict, ui_file: str, all_reports_read: bool) -> list[Problem]:
    """Checks across records and files. With `all_reports_read` false, some report failed its
    schema check, so a reference to an unknown fact may point into it and is not reported."""
    problems: list[Problem] = []
    ids = _IdRegistry()
    fact_ids: dict[str, tuple[str, dict]] = {}
    orders: dict[int, str] = {}
    pending_refs = []

    for stem, shown, raw in reports:
        top = Where(shown, "", 1)
        if raw["id"] != stem:
            problems.append(top.child(raw, "id").problem(f"the id `{raw['id']}` must equal the file name `{stem}`; rename one of them"))
        ids.add(raw["id"], top.child(raw, "id"))
        if raw["order"] in orders:
            problems.append(top.child(raw, "order").problem(f"order {raw['order']} is also used by {orders[raw['order']]}; give each report its own place"))
        orders[raw["order"]] = shown

        source_sections = {}
        for index, item in enumerate(raw["source"]["sections"]):
            at = top.child(raw, "source").child(raw["source"], "sections").child(raw["source"]["sections"], index)
            if item["id"] in source_sections:
                problems.append(at.problem(f"source section `{item['id']}` is listed twice"))
            source_sections[item["id"]] = item

        sections_where = top.child(raw, "sections")
        for s_index, section in enumerate(raw["sections"]):
            s_where = sections_where.child(raw["sections"], s_index)
            ids.add(section["id"], s_where.child(section, "id"))
            groups = [(s_where, section)]
            for p_index, part in enumerate(section.get("parts", [])):
                p_where = s_where.child(section, "parts").child(section["parts"], p_index)
                ids.add(part["id"], p_where.child(part, "id"))
                groups.append((p_where, part))
            for g_where, group in groups:
                for f_index, fact in enumerate(group.get("facts", [])):
                    f_where = g_where.child(group, "facts").child(group["facts"], f_index)
                    ids.add(fact["id"], f_where.child(fact, "id"))
                    fact_ids.setdefault(fact["id"], (raw["id"], fact))
                    src = fact["source"]
                    if src["section"] not in source_sections:
                        known = ", ".join(source_sections)
                        problems.append(f_where.child(fact, "source").child(src, "section").problem(
                            f"`{src['section']}` is not a section of this report's source; use one of: {known}"))
                    quantity = fact.get("quantity")
                    if quantity is not None and quantity["unit"] not in units:
                        problems.append(f_where.child(fact, "quantity").child(quantity, "unit").problem(
                            f"unknown unit `{quantity['unit']}`; use a key of data/units.yaml or add it there"))
                    for r_index, ref in enumerate(fact.get("related", [])):
                        pending_refs.append((ref, f_where.child(fact, "related").child(fact["related"], r_index), None))
        for h_index, ref in enumerate(raw["headline"]):
            pending_refs.append((ref, top.child(raw, "headline").child(raw["headline"], h_index), raw["id"]))

    for ref, where, headline_of in pending_refs:
        if ref not in fact_ids:
            if all_reports_read:
                problems.append(where.problem(f"no fact has the id `{ref}`; check the spelling"))
        elif headline_of is not None:
            report_id, fact = fact_ids[ref]
            if report_id != headline_of:
                problems.append(where.problem(f"`{ref}` belongs to the report `{report_id}`; a headline must be a fact of this report"))
            elif "quantity" not in fact:
                problems.append(where.problem(f"`{ref}` has no quantity; a headline must be a figure"))

    ui_where = Where(ui_file, "", 1)
    for key, placeholders in REQUIRED_UI_KEYS.items():
        if key not in ui:
            problems.append(ui_where.problem(f"the interface string `{key}` is missing; add it with `zh:` and `en:`"))
            continue
        for lang in ("zh", "en"):
            found = ui[key][lang].count("#")
            if found != placeholders:
                at = ui_where.child(ui, key).child(ui[key], lang)
                problems.append(at.problem(f"this text must hold {placeholders} `#` placeholder(s) for the number or name, found {found}"))
    return ids.problems + problems


# ---------------------------------------------------------------------------
# Building the model from checked data

def _text(raw) -> model.Text | None:
    return None if raw is None else model.Text(zh=raw["zh"].strip(), en=raw["en"].strip())


def _partial_date(raw) -> model.PartialDate | None:
    if raw is None:
        return None
    if is_date(raw):
        return model.PartialDate(raw.year, raw.month, raw.day)
    parts = [int(p) for p in str(raw).split("-")]
    return model.PartialDate(*parts)


def _fact(raw: dict, report_id: str, source_sections: dict, units: dict) -> model.Fact:
    src = raw["source"]
    quantity = None
    if "quantity" in raw:
        q = raw["quantity"]
        quantity = model.Quantity(
            unit=units[q["unit"]],
            **{k: q.get(k) for k in ("value", "before", "after", "stated_change", "min", "max")},
            bound=q.get("bound"),
        )
    return model.Fact(
        id=raw["id"],
        kind=raw["kind"],
        text=_text(raw["text"]),
        source=model.SourceRef(src["section"], source_sections[src["section"]], src["paragraph"], src.get("point")),
        report_id=report_id,
        title=_text(raw.get("title")),
        quantity=quantity,
        date=_partial_date(raw.get("date")),
        number=_text(raw.get("number")),
        issuer=_text(raw.get("issuer")),
        related=tuple(raw.get("related", ())),
        caveat=_text(raw.get("caveat")),
    )


def _report(raw: dict, units: dict) -> model.Report:
    source_sections = {s["id"]: _text(s["label"]) for s in raw["source"]["sections"]}

    def facts(group):
        return tuple(_fact(f, raw["id"], source_sections, units) for f in group.get("facts", ()))

    sections = tuple(
        model.Section(
            id=s["id"],
            title=_text(s["title"]),
            intro=_text(s.get("intro")),
            facts=facts(s),
            parts=tuple(
                model.Part(id=p["id"], title=_text(p["title"]), intro=_text(p.get("intro")), facts=facts(p))
                for p in s.get("parts", ())
            ),
        )
        for s in raw["sections"]
    )
    return model.Report(
        id=raw["id"],
        order=raw["order"],
        title=_text(raw["title"]),
        short_title=_text(raw["short_title"]),
        publisher=_text(raw["publisher"]),
        published=raw["published"],
        published_time=raw.get("published_time"),
        summary=_text(raw["summary"]),
        source_file=raw["source"]["file"],
        source_notes=_text(raw["source"].get("notes")),
        headline=tuple(raw["headline"]),
        sections=sections,
    )


def _units(raw: dict) -> dict[str, model.Unit]:
    return {
        key: model.Unit(key, spec["zh"], spec["en"], bool(spec.get("compact")), bool(spec.get("percent")), bool(spec.get("ordinal")))
        for key, spec in raw.items()
    }


def load_dataset(data_dir: Path, project_root: Path | None = None) -> tuple[model.Dataset | None, list[Problem]]:
    """Read and check everything under `data_dir`. Returns (dataset or None, problems)."""
    root = project_root or data_dir.parent
    problems: list[Problem] = []

    units_raw, found = _read_checked(data_dir / "units.yaml", _display(data_dir / "units.yaml", root), UNITS)
    problems += found
    ui_raw, found = _read_checked(data_dir / "ui.yaml", _display(data_dir / "ui.yaml", root), UI)
    problems += found

    report_files = sorted((data_dir / "reports").glob("*.yaml"))
    if not report_files:
        problems.append(Problem(_display(data_dir / "reports", root), 0, "(folder)", "no report files (*.yaml) found"))
    reports_raw = []
    for path in report_files:
        shown = _display(path, root)
        raw, found = _read_checked(path, shown, REPORT)
        problems += found
        if raw is not None and not found:
            reports_raw.append((path.stem, shown, raw))

    shared_files_ok = not problems or all(p.file not in (_display(data_dir / n, root) for n in ("units.yaml", "ui.yaml")) for p in problems)
    if shared_files_ok:
        problems += _cross_check(reports_raw, units_raw, ui_raw, _display(data_dir / "ui.yaml", root), all_reports_read=len(reports_raw) == len(report_files))
    if problems:
        return None, _sorted(problems)

    units = _units(units_raw)
    reports = tuple(sorted((_report(raw, units) for _, _, raw in reports_raw), key=lambda r: r.order))
    facts = {fact.id: fact for report in reports for fact in report.all_facts()}
    ui = {key: _text(value) for key, value in ui_raw.items()}
    return model.Dataset(reports=reports, units=units, ui=ui, facts=facts), []


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line, p.field))


