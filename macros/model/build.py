"""Build the immutable model from data that passed every check."""

from __future__ import annotations

from . import dataset as model
from ..data.schema import STILL_MATCHES
from ..data.yamlsource import is_date



def text(raw) -> model.Text | None:
    if raw is None:
        return None
    return model.Text(zh=raw["zh"].strip(), en=raw["en"].strip(), en_still_matches=raw.get(STILL_MATCHES) is True)


def partial_date(raw) -> model.PartialDate | None:
    if raw is None:
        return None
    if is_date(raw):
        return model.PartialDate(raw.year, raw.month, raw.day)
    return model.PartialDate(*(int(p) for p in str(raw).split("-")))


def _fact(raw: dict, report_id: str, source_sections: dict, units: dict) -> model.Fact:
    src = raw["source"]
    quantity = None
    if "quantity" in raw:
        q = raw["quantity"]
        quantity = model.Quantity(
            unit=units[q["unit"]],
            **{name: q.get(key) for key, name in model.QUANTITY_NUMBERS.items()},
            bound=q.get("bound"),
            better=q.get("better"),
        )
    return model.Fact(
        id=raw["id"],
        kind=raw["kind"],
        text=text(raw["text"]),
        source=model.SourceRef(src["section"], source_sections[src["section"]], src["paragraph"], src.get("point")),
        report_id=report_id,
        title=text(raw.get("title")),
        quantity=quantity,
        date=partial_date(raw.get("date")),
        number=text(raw.get("number")),
        issuer=text(raw.get("issuer")),
        related=tuple(raw.get("related", ())),
        answers=tuple(raw.get("answers", ())),
        place=text(raw.get("place")),
        caveat=text(raw.get("caveat")),
        reading=text(raw.get("reading")),
        predecessor=raw.get("predecessor"),
        data_file=f"data/reports/{report_id}.yaml",  # validation holds the file's name equal to the id
        line=getattr(raw, "line", 0),  # a LocatedDict knows the line of its `- id:` item
    )


def report(raw: dict, units: dict) -> model.Report:
    source_sections = {s["id"]: text(s["label"]) for s in raw["source"]["sections"]}

    def facts(group):
        return tuple(_fact(f, raw["id"], source_sections, units) for f in group.get("facts", ()))

    sections = tuple(
        model.Section(
            id=s["id"],
            title=text(s["title"]),
            intro=text(s.get("intro")),
            facts=facts(s),
            parts=tuple(
                model.Part(id=p["id"], title=text(p["title"]), intro=text(p.get("intro")), facts=facts(p))
                for p in s.get("parts", ())
            ),
        )
        for s in raw["sections"]
    )
    return model.Report(
        id=raw["id"],
        order=raw["order"],
        title=text(raw["title"]),
        short_title=text(raw["short_title"]),
        publisher=text(raw.get("publisher")),
        contributor=text(raw.get("contributor")),
        document_type=text(raw.get("document_type")),
        published=raw["published"],
        published_time=raw.get("published_time"),
        summary=text(raw["summary"]),
        source_file=raw["source"]["file"],
        source_notes=text(raw["source"].get("notes")),
        headline=tuple(raw["headline"]),
        sections=sections,
    )


def units(raw: dict) -> dict[str, model.Unit]:
    return {
        key: model.Unit(key, spec["zh"], spec["en"], bool(spec.get("compact")), bool(spec.get("percent")), bool(spec.get("ordinal")))
        for key, spec in raw.items()
    }


def dimensions(raw: dict | None) -> tuple[model.Dimension, ...]:
    if not raw:
        return ()
    report_order = raw["reports"]
    return tuple(
        model.Dimension(
            id=d["id"],
            title=text(d["title"]),
            cells=tuple(
                model.Cell(report_id, text(d["cells"][report_id].get("text")), tuple(d["cells"][report_id].get("facts", ())),
                           text(d["cells"][report_id].get("reading")))
                for report_id in report_order
            ),
        )
        for d in raw["dimensions"]
    )


def themes(raw: dict | None) -> tuple[model.Theme, ...]:
    if not raw:
        return ()
    return tuple(model.Theme(t["id"], text(t["title"]), text(t["summary"]), tuple(t["facts"]), text(t.get("reading")),
                             t.get("comparable", True))
                 for t in raw["themes"])


def terms(raw: dict | None) -> tuple[model.Term, ...]:
    if not raw:
        return ()
    return tuple(
        model.Term(
            id=t["id"],
            term=text(t["term"]),
            definition=text(t["definition"]),
            also_zh=tuple(t.get("also", {}).get("zh", ())),
            also_en=tuple(t.get("also", {}).get("en", ())),
            reading=text(t.get("reading")),
        )
        for t in raw["terms"]
    )


def diagrams(raw: dict | None) -> tuple[model.Diagram, ...]:
    if not raw:
        return ()

    def node(n: dict) -> model.DiagramNode:
        return model.DiagramNode(text(n["label"]), n["fact"], text(n.get("relation")), tuple(n.get("items", ())))

    return tuple(
        model.Diagram(d["id"], d["report"], d["section"], text(d["title"]), node(d["root"]), tuple(node(b) for b in d["branches"]))
        for d in raw["diagrams"]
    )


def _inverse(pairs) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for source, target in pairs:
        if source not in out.setdefault(target, []):
            out[target].append(source)
    return {key: tuple(value) for key, value in out.items()}


def dataset(reports: tuple[model.Report, ...], unit_map: dict, ui: dict, dims, theme_list, term_list, diagram_list=()) -> model.Dataset:
    facts = {fact.id: fact for r in reports for fact in r.all_facts()}
    return model.Dataset(
        reports=reports,
        units=unit_map,
        ui=ui,
        facts=facts,
        dimensions=dims,
        themes=theme_list,
        terms=term_list,
        diagrams=diagram_list,
        themes_of=_inverse((theme.id, fact_id) for theme in theme_list for fact_id in theme.facts),
        referenced_by=_inverse((fact.id, ref) for fact in facts.values() for ref in fact.related),
        answered_by=_inverse((fact.id, ref) for fact in facts.values() for ref in fact.answers),
    )
