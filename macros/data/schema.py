"""The shape of the data files, declared once.

Each node type checks a raw value (as read by `yamlsource`) and returns the problems it
finds, each with file, line and field path. Messages are written for editors: they say
what is wrong and what to do. Checks that need the whole data set (unique ids, references)
live in `validate`.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Callable

from .yamlsource import LocatedDict, LocatedList, Problem, is_date, line_of

LANGUAGES = ("zh", "en")
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2]))?$")
SEP = " › "


def did_you_mean(value, choices) -> str:
    """`; did you mean `x`?` for the closest of `choices`, or nothing."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def _own_id(item) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) and ID_PATTERN.match(value) else None


@dataclass
class Where:
    """Where a value stands: its file, the dotted path of its field, and its line."""

    file: str
    path: str
    line: int

    def child(self, container, key) -> "Where":
        """The place of `container[key]`. A list item with an id is named by its id alone
        (`xingu-tax-revenue › quantity › value`): ids are unique, and an editor finds a fact
        by its id, not by counting list items from zero."""
        line = line_of(container, key) or self.line
        if isinstance(key, int):
            item_id = _own_id(container[key]) if key < len(container) else None
            if item_id and not self.path.endswith(f"source{SEP}sections"):
                return Where(self.file, item_id, line)
            step = f"item {key + 1}"
        else:
            step = str(key)
        return Where(self.file, f"{self.path}{SEP}{step}" if self.path else step, line)

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, self.path or "(top)", message)


def _kind_of(value) -> str:
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if is_date(value):
        return f"the date {value}"
    if value is None:
        return "nothing"
    return f"the text “{value}”"


class Node:
    description = ""

    def check(self, value, where: Where) -> list[Problem]:
        raise NotImplementedError

    def json_schema(self) -> dict:
        """The same shape as JSON Schema, for editors' YAML plugins (see `jsonschemas`)."""
        raise NotImplementedError


NON_BLANK = r"\S"
# An editor's mark, next to `zh:` and `en:`, that the English still says what the changed
# Chinese says. `make fmt` (the pull request's tidy step) records it and removes the line.
STILL_MATCHES = "en_still_matches"
STILL_MATCHES_DOC = ("true: the Chinese changed and the English still says the same; "
                     "the tidy step records this and removes the line")


class Text(Node):
    """A text in both languages: a block with a non-empty `zh` and `en`."""

    description = "text in both languages (zh and en)"

    def check(self, value, where):
        if isinstance(value, str):
            return [where.problem("give this text in both languages, as two lines `zh: …` and `en: …` indented under the key")]
        if not isinstance(value, dict):
            return [where.problem(f"expected a `zh:` and an `en:` text, found {_kind_of(value)}")]
        problems = []
        for lang in LANGUAGES:
            if lang not in value:
                problems.append(where.problem(f"{LANGUAGE_NAMES[lang]} text is missing; add a line `{lang}: …` under this key"))
                continue
            text = value[lang]
            at = where.child(value, lang)
            if not isinstance(text, str):
                problems.append(at.problem(f"expected text, found {_kind_of(text)}; put it in quotation marks"))
            elif not text.strip():
                problems.append(at.problem(f"{LANGUAGE_NAMES[lang]} text is empty; write it"))
        if STILL_MATCHES in value and value[STILL_MATCHES] is not True:
            problems.append(where.child(value, STILL_MATCHES).problem(
                f"write `{STILL_MATCHES}: true` (or remove the line), found {_kind_of(value[STILL_MATCHES])}"))
        for key in value:
            if key == STILL_MATCHES:
                continue
            if key not in LANGUAGES:
                hint = ""
                if getattr(value, "flow", False):
                    hint = "; inside { }, a comma ends a text: put a text that holds a comma in quotation marks, such as en: \"one, two\""
                problems.append(where.child(value, key).problem(f"unknown language `{key}`; only `zh` and `en` are used{hint}"))
        return problems

    def json_schema(self):
        return {
            "type": "object",
            "description": "Text in Chinese (zh) and English (en).",
            "properties": {
                **{lang: {"type": "string", "pattern": NON_BLANK, "description": f"{LANGUAGE_NAMES[lang]} text"} for lang in LANGUAGES},
                STILL_MATCHES: {"const": True, "description": STILL_MATCHES_DOC},
            },
            "required": list(LANGUAGES),
            "additionalProperties": False,
        }


class Id(Node):
    description = "an id: lowercase letters, digits and hyphens, such as `xingu-tax-revenue`"

    def check(self, value, where):
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            return [where.problem(f"{_kind_of(value)} is not a valid id; use lowercase letters, digits and single hyphens, such as `xingu-tax-revenue`")]
        return []

    def json_schema(self):
        return {"type": "string", "pattern": ID_PATTERN.pattern, "description": self.description}


class Str(Node):
    description = "a single line of text"

    def check(self, value, where):
        if not isinstance(value, str) or not value.strip():
            return [where.problem(f"expected text, found {_kind_of(value)}")]
        return []

    def json_schema(self):
        return {"type": "string", "pattern": NON_BLANK}


class Integer(Node):
    def __init__(self, minimum: int = 0):
        self.minimum = minimum
        self.description = f"a whole number, at least {minimum}"

    def check(self, value, where):
        if isinstance(value, bool) or not isinstance(value, int):
            return [where.problem(f"expected a whole number, found {_kind_of(value)}")]
        if value < self.minimum:
            return [where.problem(f"must be at least {self.minimum}, found {value}")]
        return []

    def json_schema(self):
        return {"type": "integer", "minimum": self.minimum}


class Number(Node):
    description = "a number, written without units or separators (4590000000, 0.5, 84.7)"

    def check(self, value, where):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = " (write digits only: no 亿, 万, %, commas or units)" if isinstance(value, str) else ""
            return [where.problem(f"expected a number, found {_kind_of(value)}{hint}")]
        return []

    def json_schema(self):
        return {"type": "number", "description": self.description}


class FullDate(Node):
    description = "a date, YYYY-MM-DD"

    def check(self, value, where):
        if not is_date(value):
            return [where.problem(f"expected a date written YYYY-MM-DD (such as 2020-03-24), found {_kind_of(value)}")]
        return []

    def json_schema(self):
        # YAML editors read an unquoted 2020-03-24 as a string in this form.
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": self.description}


class PartialDate(Node):
    """A date known to the day (YYYY-MM-DD), the month ("YYYY-MM") or the year ("YYYY")."""

    description = "a date: YYYY-MM-DD, or \"YYYY-MM\" or \"YYYY\" when only the month or year is known"

    def check(self, value, where):
        if is_date(value):
            return []
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return []
        if isinstance(value, str) and PARTIAL_DATE.match(value):
            return []
        return [where.problem(f"expected a date such as 2020-03-24, \"2020-03\" or \"2018\", found {_kind_of(value)}")]

    def json_schema(self):
        return {
            "description": self.description,
            "anyOf": [
                {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                {"type": "string", "pattern": PARTIAL_DATE.pattern},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
        }


CLOCK_TIME = r"^([01]\d|2[0-3]):[0-5]\d$"


class ClockTime(Node):
    description = "a time of day, \"HH:MM\" (24-hour clock)"

    def check(self, value, where):
        if isinstance(value, str) and re.match(CLOCK_TIME, value):
            return []
        hint = " (put it in quotation marks: \"09:29\")" if isinstance(value, int) else ""
        return [where.problem(f"expected a time written \"HH:MM\", found {_kind_of(value)}{hint}")]

    def json_schema(self):
        return {"type": "string", "pattern": CLOCK_TIME, "description": self.description}


class OneOf(Node):
    def __init__(self, *choices: str):
        self.choices = choices
        self.description = "one of: " + ", ".join(f"`{c}`" for c in choices)

    def check(self, value, where):
        if value not in self.choices:
            hint = did_you_mean(value, self.choices)
            return [where.problem(f"{_kind_of(value)} is not allowed; use one of {', '.join(map(str, self.choices))}{hint}")]
        return []

    def json_schema(self):
        if set(self.choices) == {True, False}:
            return {"type": "boolean"}
        if self.choices == (True,):
            return {"const": True}
        return {"enum": list(self.choices)}


class ListOf(Node):
    def __init__(self, item: Node, min_items: int = 0):
        self.item = item
        self.min_items = min_items
        self.description = f"a list of {item.description or 'items'}"

    def check(self, value, where):
        if not isinstance(value, list):
            return [where.problem(f"expected a list (lines starting with `- `), found {_kind_of(value)}")]
        problems = []
        if len(value) < self.min_items:
            problems.append(where.problem(f"needs at least {self.min_items} item(s), found {len(value)}"))
        for index, item in enumerate(value):
            problems.extend(self.item.check(item, where.child(value, index)))
        return problems

    def json_schema(self):
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass
class Field:
    node: Node
    required: bool = False
    doc: str = ""


Rule = Callable[[dict, Where], list[Problem]]


def _copy(block: dict) -> LocatedDict:
    copy = LocatedDict(block)
    copy.line, copy.flow = getattr(block, "line", 0), getattr(block, "flow", False)
    copy.key_lines = dict(getattr(block, "key_lines", {}))
    return copy


def _open_block(block) -> bool:
    """A block of keys written one per line (a slip of indentation can only happen there)."""
    return isinstance(block, LocatedDict) and not block.flow and bool(block)


def _takes(node: Node, key: str) -> bool:
    if isinstance(node, Text):
        return key in LANGUAGES or key == STILL_MATCHES
    return isinstance(node, Record) and key in node.fields


@dataclass
class Record(Node):

    """A block of named keys. Unknown keys are mistakes (often typos), so they are reported."""

    name: str
    fields: dict[str, Field]
    rules: list[Rule] = field(default_factory=list)
    description: str = ""
    json_rules: list[dict] = field(default_factory=list)  # the rules, as JSON Schema

    def check(self, value, where):
        if not isinstance(value, dict):
            return [where.problem(f"expected a block of keys ({self.name}), found {_kind_of(value)}")]
        # A key two spaces off is one mistake: say which way to move it, then check the
        # block as it will be once it is moved (no "missing key" or "did you mean" besides).
        value, problems = self._undo_slips(value, where)
        for key, spec in self.fields.items():
            if key not in value:
                if spec.required:
                    problems.append(where.problem(f"the {self.name} has no `{key}`; add `{key}:` ({spec.doc or spec.node.description})"))
                continue
            problems.extend(spec.node.check(value[key], where.child(value, key)))
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(key, list(self.fields), n=1)
                hint = f"did you mean `{close[0]}`?" if close else "allowed keys: " + ", ".join(self.fields)
                problems.append(where.child(value, key).problem(f"unknown key `{key}` in a {self.name}; {hint}"))
        if not problems:
            for rule in self.rules:
                problems.extend(rule(value, where))
        return problems

    def _undo_slips(self, value: dict, where: Where) -> tuple[dict, list[Problem]]:
        """Keys typed two spaces off, moved where they belong, with a message for each:
        the last line of a block typed at this record's level (`en:` under `text:`, `unit:`
        under `quantity:`), or a key of this record indented under the block above it."""
        if not isinstance(value, LocatedDict):
            return value, []
        moved, problems = _copy(value), []
        for key in list(value):
            if key in self.fields:
                continue
            above = [k for k in value if line_of(value, k) < line_of(value, key)]
            target = max(above, key=lambda k: line_of(value, k)) if above else None
            spec = self.fields.get(target)
            block = value.get(target)
            if spec is None or not _open_block(block) or key in block or not _takes(spec.node, key):
                continue
            inner = _copy(moved[target])
            inner[key], inner.key_lines[key] = value[key], line_of(value, key)
            moved[target] = inner
            del moved[key]
            if isinstance(spec.node, Text):
                beside = "the other language of that text"
            else:
                first = min(block, key=lambda k: line_of(block, k))
                beside = f"`{first}:` on line {line_of(block, first)}"
            problems.append(where.child(value, key).problem(
                f"`{key}:` on line {line_of(value, key)} is not indented under `{target}:` (line {line_of(value, target)}); "
                f"indent it two more spaces, in line with {beside}"))
        for target, spec in self.fields.items():
            block = value.get(target)
            if not _open_block(block) or not isinstance(spec.node, Record):
                continue
            own = [k for k in block if k in spec.node.fields]
            last_own = max((line_of(block, k) for k in own), default=0)
            strays = [k for k in block if k not in spec.node.fields and k in self.fields and k not in value
                      and line_of(block, k) > last_own]
            if not strays:
                continue
            inner = _copy(moved[target])
            for key in strays:
                moved[key] = block[key]
                moved.key_lines[key] = line_of(block, key)
                del inner[key]
                problems.append(where.child(value, target).child(block, key).problem(
                    f"`{key}:` on line {line_of(block, key)} is indented under `{target}:` (line {line_of(value, target)}), "
                    f"but it belongs to the {self.name}; indent it and the lines under it two fewer spaces, in line with `{target}:`"))
            moved[target] = inner
        return moved, problems

    def json_schema(self):
        properties = {}
        for key, spec in self.fields.items():
            prop = spec.node.json_schema()
            if spec.doc:
                prop = {**prop, "description": spec.doc}
            properties[key] = prop
        schema = {
            "type": "object",
            "properties": properties,
            "required": [key for key, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }
        if self.json_rules:
            schema["allOf"] = self.json_rules
        return schema


# ---------------------------------------------------------------------------
# The data files

READING_DOC = ("this site's reading, not the report's statement (an inference, an editorial pairing, a framing), "
               "in a sentence; shown marked as such")

FACT_KINDS = (
    "figure", "event", "document", "body", "measure", "result", "problem",
    "recommendation", "recognition", "practice", "context", "peer",
)
KINDS_WITH_TITLE = ("figure", "event", "document", "body", "measure", "result", "problem", "recommendation", "peer")
BOUNDS = ("at-least", "about")
DIRECTIONS = ("lower", "higher")


def _quantity_shape(value: dict, where: Where) -> list[Problem]:
    shapes = {
        "value": ("value",),
        "before/after": ("before", "after"),
        "from/to": ("from", "to"),
        "min/max": ("min", "max"),
    }
    present = [name for name, keys in shapes.items() if any(k in value for k in keys)]
    if len(present) != 1:
        return [where.problem("give exactly one of: `value`; `before` and `after` (a change the report attributes to the reform); "
                              "`from` and `to` (two values the report prints, with no change claimed); or `min` and `max`")]
    shape = present[0]
    missing = [k for k in shapes[shape] if k not in value]
    if missing:
        return [where.problem(f"`{'` and `'.join(shapes[shape])}` go together; add `{missing[0]}`")]
    for key in ("stated_change", "better"):
        if key in value and shape != "before/after":
            return [where.child(value, key).problem(f"`{key}` belongs to a `before`/`after` quantity")]
    if shape == "before/after" and "better" not in value:
        return [where.problem("a `before`/`after` quantity needs `better: lower` or `better: higher` (which way is an improvement)")]
    if shape == "min/max" and value["min"] > value["max"]:
        return [where.problem(f"`min` ({value['min']}) is larger than `max` ({value['max']})")]
    return []


def _has(*keys):
    return [{"required": [key]} for key in keys]


_QUANTITY_SHAPES = [
    {"required": ["value"], "not": {"anyOf": _has("before", "after", "from", "to", "min", "max", "stated_change", "better")}},
    {"required": ["before", "after", "better"], "not": {"anyOf": _has("value", "from", "to", "min", "max")}},
    {"required": ["from", "to"], "not": {"anyOf": _has("value", "before", "after", "min", "max", "stated_change", "better")}},
    {"required": ["min", "max"], "not": {"anyOf": _has("value", "before", "after", "from", "to", "stated_change", "better")}},
]

QUANTITY = Record(
    "quantity",
    {
        "unit": Field(Str(), True, "a key of data/units.yaml, such as yuan, percent, day"),
        "value": Field(Number(), doc="the number, in the unit"),
        "before": Field(Number(), doc="the figure before the change"),
        "after": Field(Number(), doc="the figure after the change"),
        "from": Field(Number(), doc="the first of two values the report prints, where it claims no change by the reform (no base year, say)"),
        "to": Field(Number(), doc="the second of those two values"),
        "stated_change": Field(Number(), doc="the change in percent as the report states it, -98 for 缩减98%"),
        "min": Field(Number(), doc="the lower end of a range"),
        "max": Field(Number(), doc="the upper end of a range"),
        "bound": Field(OneOf(*BOUNDS), doc="at-least (以上) or about (约)"),
        "better": Field(OneOf(*DIRECTIONS), doc="with before/after: which direction is an improvement"),
    },
    rules=[_quantity_shape],
    json_rules=[{"oneOf": _QUANTITY_SHAPES}],
)

SOURCE_REF = Record(
    "source reference",
    {
        "section": Field(Str(), True, "an id from the report's `source.sections`"),
        "paragraph": Field(Integer(1), True, "1 for the first paragraph under that heading"),
        "point": Field(Integer(1), doc="1 for 一是, 2 for 二是, 3 for 三是"),
    },
)


def _fact_needs(value: dict, where: Where) -> list[Problem]:
    kind = value["kind"]
    problems = []
    if kind in KINDS_WITH_TITLE and "title" not in value:
        problems.append(where.problem(f"a `{kind}` fact needs a `title` (a short label in zh and en)"))
    if kind == "figure" and "quantity" not in value:
        problems.append(where.problem("a `figure` fact needs a `quantity` (its number and unit)"))
    if kind == "event" and "date" not in value:
        problems.append(where.problem("an `event` fact needs a `date`"))
    if kind == "peer" and "place" not in value:
        problems.append(where.problem("a `peer` fact needs a `place` (city, province)"))
    if "answers" in value and kind != "recommendation":
        problems.append(where.child(value, "answers").problem("only a `recommendation` answers problems"))
    return problems


PREDECESSOR_DOC = ("the fact's former id, when its id was renamed: the list of changes then shows one renamed "
                   "fact instead of one removed and one added, and links to the old id still lead here; "
                   "no fact, section or report may use that id any more")

FACT = Record(
    "fact",
    {
        "id": Field(Id(), True, "unique across all data; it is the fact's anchor"),
        "predecessor": Field(Id(), doc=PREDECESSOR_DOC),
        "kind": Field(OneOf(*FACT_KINDS), True, "what sort of fact it is"),
        "title": Field(Text(), doc="a short label; a document's title; a body's name"),
        "text": Field(Text(), True, "the fact in your own words"),
        "quantity": Field(QUANTITY, doc="the number, for a figure"),
        "date": Field(PartialDate(), doc="when it happened"),
        "number": Field(Text(), doc="a document's number"),
        "issuer": Field(Text(), doc="who issued a document"),
        "related": Field(ListOf(Id()), doc="ids of facts this one refers to"),
        "answers": Field(ListOf(Id(), 1), doc="for a recommendation: ids of the problems it answers"),
        "place": Field(Text(), doc="for a peer: where it is"),
        "source": Field(SOURCE_REF, True, "where in the source report the fact comes from"),
        "caveat": Field(Text(), doc="what is uncertain because the capture is damaged"),
        "reading": Field(Text(), doc=READING_DOC),
    },
    rules=[_fact_needs],
    json_rules=[
        {"if": {"properties": {"kind": {"enum": list(KINDS_WITH_TITLE)}}}, "then": {"required": ["title"]}},
        {"if": {"properties": {"kind": {"const": "figure"}}}, "then": {"required": ["quantity"]}},
        {"if": {"properties": {"kind": {"const": "event"}}}, "then": {"required": ["date"]}},
        {"if": {"properties": {"kind": {"const": "peer"}}}, "then": {"required": ["place"]}},
        {"if": {"required": ["answers"]}, "then": {"properties": {"kind": {"const": "recommendation"}}}},
    ],
)

PART = Record(
    "part",
    {
        "id": Field(Id(), True, "the heading's anchor"),
        "title": Field(Text(), True, "the heading"),
        "intro": Field(Text(), doc="a sentence or two under the heading"),
        "facts": Field(ListOf(FACT, 1), True, "the part's facts"),
    },
)


def _section_not_empty(value: dict, where: Where) -> list[Problem]:
    if not value.get("facts") and not value.get("parts"):
        return [where.problem("a section needs `facts`, `parts`, or both")]
    return []


SECTION = Record(
    "section",
    {
        "id": Field(Id(), True, "the heading's anchor"),
        "title": Field(Text(), True, "the heading"),
        "intro": Field(Text(), doc="a sentence or two under the heading"),
        "facts": Field(ListOf(FACT, 1), doc="facts directly under the section"),
        "parts": Field(ListOf(PART, 1), doc="the section's parts"),
    },
    rules=[_section_not_empty],
    json_rules=[{"anyOf": [{"required": ["facts"]}, {"required": ["parts"]}]}],
)

SOURCE_SECTION = Record(
    "source section",
    {
        "id": Field(Str(), True, "a short id, such as intro, 1, 2.1"),
        "label": Field(Text(), True, "the heading as the source numbers it"),
    },
)

SOURCE = Record(
    "source",
    {
        "file": Field(Str(), True, "the capture's file name in shared/sources/"),
        "notes": Field(Text(), doc="what is known about the capture"),
        "sections": Field(ListOf(SOURCE_SECTION, 1), True, "the sections of the source text"),
    },
)

def _report_credit(value: dict, where: Where) -> list[Problem]:
    if "publisher" not in value and "contributor" not in value:
        return [where.problem("the report has no `publisher` or `contributor`; add the one the source names")]
    return []


REPORT = Record(
    "report",
    {
        "id": Field(Id(), True, "the report's id, equal to the file name"),
        "order": Field(Integer(1), True, "position in lists, 1 first"),
        "title": Field(Text(), True, "the official title and its translation"),
        "short_title": Field(Text(), True, "a short name for lists and links"),
        "publisher": Field(Text(), doc="who published the report, where the source says so"),
        "contributor": Field(Text(), doc="who contributed the text (供稿), where the source names a contributor rather than a publisher"),
        "document_type": Field(Text(), doc="what kind of document the report is (an account of a success published by a government, a study with difficulties and recommendations…), shown where reports are compared"),
        "published": Field(FullDate(), True, "publication date"),
        "published_time": Field(ClockTime(), doc="publication time, China Standard Time, where the source gives it"),
        "summary": Field(Text(), True, "what the report covers"),
        "source": Field(SOURCE, True, "the source text and its sections"),
        "headline": Field(ListOf(Id(), 1), True, "ids of the figures shown on the home page"),
        "sections": Field(ListOf(SECTION, 1), True, "the report's sections"),
    },    rules=[_report_credit],
    json_rules=[{"anyOf": [{"required": ["publisher"]}, {"required": ["contributor"]}]}],
)


def _plural_forms(value, where: Where) -> list[Problem]:
    if isinstance(value, str):
        return [] if "#" in value else [where.problem("the pattern has no `#` for the number")]
    if isinstance(value, dict):
        problems = []
        if "other" not in value:
            problems.append(where.problem("plural forms need at least `other`"))
        for form, pattern in value.items():
            at = where.child(value, form)
            if form not in ("zero", "one", "two", "few", "many", "other"):
                problems.append(at.problem(f"unknown plural form `{form}`; use one, two, few, other"))
            elif not isinstance(pattern, str) or "#" not in pattern:
                problems.append(at.problem("the pattern has no `#` for the number"))
        return problems
    return [where.problem(f"expected a pattern such as \"# days\", found {_kind_of(value)}")]


PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


class Pattern(Node):
    description = "a pattern with # for the number, or plural forms (one, other)"

    def check(self, value, where):
        return _plural_forms(value, where)

    def json_schema(self):
        pattern = {"type": "string", "pattern": "#"}
        return {
            "description": self.description,
            "anyOf": [
                pattern,
                {"type": "object", "properties": {f: pattern for f in PLURAL_FORMS}, "required": ["other"], "additionalProperties": False},
            ],
        }


UNIT = Record(
    "unit",
    {
        "zh": Field(Pattern(), True, "the Chinese pattern, such as \"#天\""),
        "en": Field(Pattern(), True, "the English pattern, such as {one: \"# day\", other: \"# days\"}"),
        "compact": Field(OneOf(True, False), doc="write large numbers with 亿 / million, billion"),
        "percent": Field(OneOf(True, False), doc="format as a percentage"),
        "ordinal": Field(OneOf(True, False), doc="English ordinal forms (1st, 2nd)"),
    },
)


class MappingOf(Node):
    """A block whose keys are ids and whose values all share one shape."""

    def __init__(self, value: Node, key: Node = Id()):
        self.value = value
        self.key = key
        self.description = f"keys, each with {value.description or 'a value'}"

    def check(self, value, where):
        if not isinstance(value, dict):
            return [where.problem(f"expected a block of keys, found {_kind_of(value)}")]
        problems = []
        for key, item in value.items():
            at = where.child(value, key)
            problems.extend(self.key.check(key, at))
            problems.extend(self.value.check(item, at))
        return problems

    def json_schema(self):
        schema = {"type": "object", "additionalProperties": self.value.json_schema()}
        key = self.key.json_schema()
        if "pattern" in key:
            schema["propertyNames"] = {"pattern": key["pattern"]}
        return schema


UNITS = MappingOf(UNIT)
UI = MappingOf(Text(), key=Str())


# ---------------------------------------------------------------------------
# Cross-report files: comparison, themes, glossary

def _cell_shape(value: dict, where: Where) -> list[Problem]:
    if value.get("not_stated") is True:
        extra = [k for k in ("text", "facts") if k in value]
        return [where.child(value, extra[0]).problem("a `not_stated` cell has no text or facts; remove one or the other")] if extra else []
    missing = [k for k in ("text", "facts") if k not in value]
    if missing:
        return [where.problem(f"a cell needs `text` and `facts` (or `not_stated: true`); add `{missing[0]}`")]
    return []


CELL = Record(
    "comparison cell",
    {
        "text": Field(Text(), doc="what the report states on this dimension"),
        "facts": Field(ListOf(Id(), 1), doc="the facts of this report the text rests on"),
        "not_stated": Field(OneOf(True), doc="true where the report does not speak to the dimension"),
        "reading": Field(Text(), doc=READING_DOC),
    },
    rules=[_cell_shape],
    json_rules=[{"oneOf": [
        {"required": ["not_stated"], "not": {"anyOf": _has("text", "facts")}},
        {"required": ["text", "facts"], "not": {"required": ["not_stated"]}},
    ]}],
)

DIMENSION = Record(
    "dimension",
    {
        "id": Field(Id(), True, "the row's anchor"),
        "title": Field(Text(), True, "the dimension's name"),
        "cells": Field(MappingOf(CELL), True, "one cell per report id"),
    },
)

COMPARISON = Record(
    "comparison",
    {
        "reports": Field(ListOf(Id(), 2), True, "the ids of the reports compared, in column order"),
        "dimensions": Field(ListOf(DIMENSION, 1), True, "the dimensions compared"),
    },
)

THEME = Record(
    "theme",
    {
        "id": Field(Id(), True, "the theme's anchor"),
        "title": Field(Text(), True, "the theme's name"),
        "summary": Field(Text(), True, "what links the reports' statements"),
        "facts": Field(ListOf(Id(), 2), True, "facts of the reports on this theme"),
        "reading": Field(Text(), doc=READING_DOC),
        "comparable": Field(OneOf(True, False), doc="false where the reports' figures on this theme must not be set side by side "
                                                     "(different scopes, or counts the reports do not define): no chart is drawn"),
    },
)

THEMES = Record("themes file", {"themes": Field(ListOf(THEME, 1), True, "the themes")})


class Forms(Node):
    description = "other forms of the term, per language: {zh: [...], en: [...]}"

    def check(self, value, where):
        if not isinstance(value, dict):
            return [where.problem(f"expected `zh: [...]` and `en: [...]`, found {_kind_of(value)}")]
        problems = []
        for key, forms in value.items():
            at = where.child(value, key)
            if key not in LANGUAGES:
                problems.append(at.problem(f"unknown language `{key}`; only `zh` and `en` are used"))
            else:
                problems.extend(ListOf(Str()).check(forms, at))
        return problems

    def json_schema(self):
        forms = ListOf(Str()).json_schema()
        return {"type": "object", "properties": {lang: forms for lang in LANGUAGES}, "additionalProperties": False, "description": self.description}


TERM = Record(
    "glossary term",
    {
        "id": Field(Id(), True, "the entry's anchor"),
        "term": Field(Text(), True, "the term and its English rendering"),
        "also": Field(Forms(), doc="other forms to mark in text"),
        "definition": Field(Text(), True, "a short definition"),
        "reading": Field(Text(), doc=READING_DOC),
    },
)

GLOSSARY = Record("glossary", {"terms": Field(ListOf(TERM, 1), True, "the terms")})


DIAGRAM_NODE = Record(
    "diagram box",
    {
        "label": Field(Text(), True, "the box's heading"),
        "relation": Field(Text(), doc="written on the branch leading to the box"),
        "fact": Field(Id(), True, "the fact the box links to"),
        "items": Field(ListOf(Id()), doc="facts listed in the box (their titles and figures)"),
    },
)

DIAGRAM = Record(
    "diagram",
    {
        "id": Field(Id(), True, "the diagram's anchor"),
        "report": Field(Id(), True, "the report whose page shows it"),
        "section": Field(Id(), True, "the section or part of that report it follows"),
        "title": Field(Text(), True, "the diagram's title"),
        "root": Field(DIAGRAM_NODE, True, "the box at the top"),
        "branches": Field(ListOf(DIAGRAM_NODE, 1), True, "the boxes under it"),
    },
)

DIAGRAMS = Record("diagrams file", {"diagrams": Field(ListOf(DIAGRAM, 1), True, "the diagrams")})