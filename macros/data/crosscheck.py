"""Checks across records and files, run after each file passed its schema.

Ids share one namespace (they are anchors and link targets); every reference must
resolve to a fact of the right kind and report; a stated change must agree with its
before and after figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from .interface import REQUIRED_UI_KEYS
from .schema import Where, did_you_mean
from .yamlsource import Problem

# A change the report states (rounded to a whole percent) may differ from the
# recomputed one by rounding, and no more.
STATED_CHANGE_TOLERANCE = 0.5  # percentage points


@dataclass
class _Ref:
    target: str
    where: Where
    kind: str | None = None        # the kind of fact it must point to
    report_id: str | None = None   # the report the fact must belong to
    needs_quantity: bool = False
    what: str = "fact"


def relative_change_percent(before: float, after: float) -> float:
    return (after - before) / before * 100


class CrossChecker:
    def __init__(self):
        self.problems: list[Problem] = []
        self.ids: dict[str, str] = {}
        self.facts: dict[str, tuple[str, dict]] = {}  # id -> (report id, raw fact)
        self.refs: list[_Ref] = []
        self.predecessors: dict[str, tuple[str, Where]] = {}  # former id -> (the fact's id, where it is listed)
        self.known_reports: list[str] = []  # every report file's id, whether it passed its checks or not

    def _removed_report(self, report_id: str) -> bool:
        """A report id with no data file that is not a slip of a known one: most likely a
        report whose file was deleted, so the message says what to remove, not what to respell."""
        return report_id not in self.known_reports and not did_you_mean(report_id, self.known_reports)

    def _no_report_file(self, report_id: str) -> str:
        return f"`{report_id}` is not a report id (there is no file data/reports/{report_id}.yaml)"

    def _id(self, value: str, where: Where):
        if value in self.ids:
            self.problems.append(where.problem(f"the id `{value}` is already used at {self.ids[value]}; ids must be unique"))
        else:
            self.ids[value] = f"{where.file}:{where.line}"

    # -- reports ------------------------------------------------------------

    def reports(self, reports: list[tuple[str, str, dict]], units: dict, source_files: set[str] | None = None):
        """`source_files`: the names of the source captures, where they are at hand (in
        development and CI); a report must name one of them."""
        orders: dict[int, str] = {}
        for stem, shown, raw in reports:
            top = Where(shown, "", 1)
            name = raw["source"]["file"]
            if source_files is not None and name not in source_files:
                at = top.child(raw, "source").child(raw["source"], "file")
                self.problems.append(at.problem(f"there is no source capture `{name}`{did_you_mean(name, sorted(source_files))}; "
                                                "name a file of the source captures (shared/sources/)"))
            if raw["id"] != stem:
                self.problems.append(top.child(raw, "id").problem(f"the id `{raw['id']}` must equal the file name `{stem}`; rename one of them"))
            self._id(raw["id"], top.child(raw, "id"))
            if raw["order"] in orders:
                self.problems.append(top.child(raw, "order").problem(f"order {raw['order']} is also used by {orders[raw['order']]}; give each report its own place"))
            orders[raw["order"]] = shown
            # Its facts belong to the file's name: an id that differs from the name is one
            # mistake, reported once above, not again at every reference to its facts.
            self._report(raw, top, units, stem)

    def _report(self, raw: dict, top: Where, units: dict, report_id: str):
        source_sections = set()
        sections_list = raw["source"]["sections"]
        for index, item in enumerate(sections_list):
            if item["id"] in source_sections:
                at = top.child(raw, "source").child(raw["source"], "sections").child(sections_list, index)
                self.problems.append(at.problem(f"source section `{item['id']}` is listed twice"))
            source_sections.add(item["id"])

        sections_where = top.child(raw, "sections")
        for s_index, section in enumerate(raw["sections"]):
            s_where = sections_where.child(raw["sections"], s_index)
            self._id(section["id"], s_where.child(section, "id"))
            groups = [(s_where, section)]
            for p_index, part in enumerate(section.get("parts", [])):
                p_where = s_where.child(section, "parts").child(section["parts"], p_index)
                self._id(part["id"], p_where.child(part, "id"))
                groups.append((p_where, part))
            for g_where, group in groups:
                for f_index, fact in enumerate(group.get("facts", [])):
                    self._fact(fact, g_where.child(group, "facts").child(group["facts"], f_index), report_id, source_sections, units)

        for index, ref in enumerate(raw["headline"]):
            where = top.child(raw, "headline").child(raw["headline"], index)
            self.refs.append(_Ref(ref, where, report_id=report_id, needs_quantity=True, what="headline"))

    def _fact(self, fact: dict, where: Where, report_id: str, source_sections: set, units: dict):
        self._id(fact["id"], where.child(fact, "id"))
        self.facts.setdefault(fact["id"], (report_id, fact))
        src = fact["source"]
        if src["section"] not in source_sections:
            self.problems.append(where.child(fact, "source").child(src, "section").problem(
                f"`{src['section']}` is not a section of this report's source; use one of: {', '.join(source_sections)}"))
        quantity = fact.get("quantity")
        if quantity is not None:
            q_where = where.child(fact, "quantity")
            if quantity["unit"] not in units:
                self.problems.append(q_where.child(quantity, "unit").problem(
                    f"unknown unit `{quantity['unit']}`; use a key of data/units.yaml or add it there"))
            self._stated_change(fact["id"], quantity, q_where)
        if "predecessor" in fact:
            self._predecessor(fact["id"], fact["predecessor"], where.child(fact, "predecessor"))
        for index, ref in enumerate(fact.get("related", [])):
            self.refs.append(_Ref(ref, where.child(fact, "related").child(fact["related"], index)))
        for index, ref in enumerate(fact.get("answers", [])):
            self.refs.append(_Ref(ref, where.child(fact, "answers").child(fact["answers"], index), kind="problem", report_id=report_id))

    def _predecessor(self, fact_id: str, former: str, where: Where):
        if former == fact_id:
            self.problems.append(where.problem(f"fact `{fact_id}`: `predecessor` names the fact's own id; "
                                               "give the id it had before it was renamed, or remove the line"))
        elif former in self.predecessors:
            other, at = self.predecessors[former]
            self.problems.append(where.problem(f"fact `{fact_id}`: `{former}` is already the predecessor of `{other}` "
                                               f"({at.file}:{at.line}); a former id can pass to one fact only"))
        else:
            self.predecessors[former] = (fact_id, where)

    def _stated_change(self, fact_id: str, quantity: dict, where: Where):
        if "stated_change" not in quantity or "before" not in quantity:
            return
        before, after, stated = quantity["before"], quantity["after"], quantity["stated_change"]
        if before == 0:
            self.problems.append(where.child(quantity, "before").problem("a relative change cannot be computed from zero"))
            return
        computed = relative_change_percent(before, after)
        if abs(computed - stated) > STATED_CHANGE_TOLERANCE:
            self.problems.append(where.child(quantity, "stated_change").problem(
                f"fact `{fact_id}`: the stated change {stated:g}% does not match {before:g} → {after:g}, "
                f"which is {computed:+.1f}%; check the figures against the source"))

    # -- comparison, themes, glossary ---------------------------------------

    def comparison(self, shown: str, raw: dict, known_reports: list[str], read_reports: dict[str, dict] | None = None):
        """`read_reports`: the reports that passed their own checks, by id."""
        top = Where(shown, "", 1)
        for index, report_id in enumerate(raw["reports"]):
            report = (read_reports or {}).get(report_id)
            if report is not None and "document_type" not in report:
                at = top.child(raw, "reports").child(raw["reports"], index)
                self.problems.append(at.problem(
                    f"the report `{report_id}` is compared, so it needs a `document_type` (what kind of document it is: "
                    "readers weigh a government's account of a success and a self-critical study differently); add it to its data file"))
            if report_id not in known_reports:
                at = top.child(raw, "reports").child(raw["reports"], index)
                if self._removed_report(report_id):
                    message = (f"{self._no_report_file(report_id)}; if the report was removed, remove `{report_id}` "
                               "from this list and its cell from each dimension below; otherwise restore its file")
                else:
                    message = f"`{report_id}` is not a report id{did_you_mean(report_id, known_reports)} (reports: {', '.join(known_reports)})"
                self.problems.append(at.problem(message))
        # A report id that is itself wrong is reported once, above, not again in every dimension.
        report_ids = [r for r in raw["reports"] if r in known_reports]
        unknown_listed = set(raw["reports"]) - set(report_ids)
        dims = raw["dimensions"]
        for d_index, dimension in enumerate(dims):
            d_where = top.child(raw, "dimensions").child(dims, d_index)
            self._id(dimension["id"], d_where.child(dimension, "id"))
            cells = dimension["cells"]
            c_where = d_where.child(dimension, "cells")
            for report_id in report_ids:
                if report_id not in cells:
                    self.problems.append(c_where.problem(f"no cell for the report `{report_id}`; add it (with `not_stated: true` if the report says nothing on this)"))
            for report_id, cell in cells.items():
                at = c_where.child(cells, report_id)
                if report_id in unknown_listed:
                    continue
                if report_id not in report_ids:
                    if unknown_listed and report_id in known_reports:
                        continue  # most likely the column whose id is misspelt in `reports:`
                    if report_id in known_reports:
                        message = f"`{report_id}` is not one of this comparison's `reports`; add it there or remove this cell"
                    else:
                        message = f"`{report_id}` is not a report id{did_you_mean(report_id, report_ids)} (compared here: {', '.join(report_ids)})"
                    self.problems.append(at.problem(message))
                    continue
                for f_index, ref in enumerate(cell.get("facts", [])):
                    self.refs.append(_Ref(ref, at.child(cell, "facts").child(cell["facts"], f_index), report_id=report_id))

    def themes(self, shown: str, raw: dict):
        top = Where(shown, "", 1)
        for t_index, theme in enumerate(raw["themes"]):
            t_where = top.child(raw, "themes").child(raw["themes"], t_index)
            self._id(theme["id"], t_where.child(theme, "id"))
            for f_index, ref in enumerate(theme["facts"]):
                self.refs.append(_Ref(ref, t_where.child(theme, "facts").child(theme["facts"], f_index)))

    def themes_span_reports(self, shown: str, raw: dict, report_ids: list[str]):
        """A theme is what the reports share: it cites facts of at least two of them."""
        if len(report_ids) < 2:
            return
        top = Where(shown, "", 1)
        for t_index, theme in enumerate(raw["themes"]):
            reports = {self.facts[f][0] for f in theme["facts"] if f in self.facts}
            if len(reports) < 2:
                where = top.child(raw, "themes").child(raw["themes"], t_index).child(theme, "facts")
                self.problems.append(where.problem("a theme cites facts of at least two reports; add a fact of another report or drop the theme"))

    def glossary(self, shown: str, raw: dict):
        top = Where(shown, "", 1)
        forms: dict[tuple[str, str], str] = {}
        for t_index, term in enumerate(raw["terms"]):
            t_where = top.child(raw, "terms").child(raw["terms"], t_index)
            self._id(term["id"], t_where.child(term, "id"))
            for lang in ("zh", "en"):
                for form in [term["term"][lang], *term.get("also", {}).get(lang, [])]:
                    key = (lang, form.lower())
                    if key in forms and forms[key] != term["id"]:
                        self.problems.append(t_where.problem(f"the form “{form}” also belongs to `{forms[key]}`; a form can mark one term only"))
                    forms[key] = term["id"]

    def diagrams(self, shown: str, raw: dict, reports: dict[str, dict], known_reports: list[str]):
        """`reports`: the reports that passed their own checks; `known_reports`: every report
        file's id, so that a diagram of a report with mistakes of its own is not reported too."""
        top = Where(shown, "", 1)
        for d_index, diagram in enumerate(raw["diagrams"]):
            d_where = top.child(raw, "diagrams").child(raw["diagrams"], d_index)
            self._id(diagram["id"], d_where.child(diagram, "id"))
            report = reports.get(diagram["report"])
            if report is None:
                if diagram["report"] not in known_reports:
                    if self._removed_report(diagram["report"]):
                        message = f"{self._no_report_file(diagram['report'])}; if the report was removed, remove this diagram; otherwise restore its file"
                    else:
                        message = (f"`{diagram['report']}` is not a report id{did_you_mean(diagram['report'], known_reports)} "
                                   f"(reports: {', '.join(known_reports)})")
                    self.problems.append(d_where.child(diagram, "report").problem(message))
                continue
            places = {s["id"] for s in report["sections"]} | {p["id"] for s in report["sections"] for p in s.get("parts", [])}
            if diagram["section"] not in places:
                self.problems.append(d_where.child(diagram, "section").problem(
                    f"`{diagram['section']}` is not a section or part of the report `{report['id']}`"))
            nodes = [("root", diagram["root"], d_where.child(diagram, "root"))] + [
                (f"branches[{i}]", node, d_where.child(diagram, "branches").child(diagram["branches"], i))
                for i, node in enumerate(diagram["branches"])
            ]
            for _, node, n_where in nodes:
                self.refs.append(_Ref(node["fact"], n_where.child(node, "fact"), report_id=diagram["report"]))
                for i, ref in enumerate(node.get("items", [])):
                    self.refs.append(_Ref(ref, n_where.child(node, "items").child(node["items"], i), report_id=diagram["report"]))

    def ui(self, shown: str, ui: dict):
        top = Where(shown, "", 1)
        for key, placeholders in REQUIRED_UI_KEYS.items():
            if key not in ui:
                self.problems.append(top.problem(f"the interface string `{key}` is missing; add it with `zh:` and `en:`"))
                continue
            for lang in ("zh", "en"):
                found = ui[key][lang].count("#")
                if found != placeholders:
                    at = top.child(ui, key).child(ui[key], lang)
                    self.problems.append(at.problem(f"this text must hold {placeholders} `#` placeholder(s) for the number or name, found {found}"))

    # -- references, last, once every id is known ----------------------------

    def _of_removed_report(self, fact_id: str) -> bool:
        """Fact ids begin with their report's id; where every fact follows that, a fact id
        whose first word is no report id (nor a slip of one) belongs to a removed report."""
        owner = fact_id.split("-", 1)[0]
        follows = self.facts and all(fact.startswith(f"{report}-") for fact, (report, _) in self.facts.items())
        return bool(follows) and "-" in fact_id and self._removed_report(owner)

    def resolve(self, all_reports_read: bool):
        """Check every reference. With `all_reports_read` false, some report failed its schema
        check, so a reference to an unknown fact may point into it and is not reported."""
        for former, (fact_id, where) in self.predecessors.items():
            if former in self.ids and former != fact_id:
                self.problems.append(where.problem(
                    f"fact `{fact_id}`: its predecessor `{former}` is still in use (at {self.ids[former]}); "
                    "`predecessor` names a former id that nothing uses any more: rename the other one, or remove this line"))
        removed: dict[tuple[str, int, str], list[_Ref]] = {}  # facts of a deleted report, by the line naming them
        for ref in self.refs:
            if ref.target not in self.facts:
                if all_reports_read and self._of_removed_report(ref.target):
                    owner = ref.target.split("-", 1)[0]
                    removed.setdefault((ref.where.file, ref.where.line, owner), []).append(ref)
                elif all_reports_read:
                    candidates = [fact_id for fact_id, (report_id, fact) in self.facts.items()
                                  if (not ref.report_id or report_id == ref.report_id) and (not ref.kind or fact["kind"] == ref.kind)]
                    hint = did_you_mean(ref.target, candidates) or "; check the spelling"
                    self.problems.append(ref.where.problem(f"no fact has the id `{ref.target}`{hint}"))
                continue
            report_id, fact = self.facts[ref.target]
            if ref.report_id and report_id != ref.report_id:
                self.problems.append(ref.where.problem(f"`{ref.target}` belongs to the report `{report_id}`; use a fact of `{ref.report_id}` here"))
            elif ref.kind and fact["kind"] != ref.kind:
                self.problems.append(ref.where.problem(f"`{ref.target}` is a `{fact['kind']}`; a `{ref.kind}` is expected here"))
            elif ref.needs_quantity and "quantity" not in fact:
                self.problems.append(ref.where.problem(f"`{ref.target}` has no quantity; a {ref.what} must be a figure"))
        for (file, line, owner), refs in removed.items():
            names = ", ".join(f"`{ref.target}`" for ref in refs)
            field = refs[0].where.path.rsplit(" › item ", 1)[0]
            facts = "a fact" if len(refs) == 1 else "facts"
            self.problems.append(Problem(file, line, field, (
                f"{names} {'is' if len(refs) == 1 else 'are'} {facts} of the report `{owner}`, but {self._no_report_file(owner)}; "
                f"if the report was removed, remove {'it' if len(refs) == 1 else 'them'} from this line; otherwise restore its file")))
