"""What changed in the data between two states, written as the site writes it.

`diff_datasets` compares two loaded data sets and returns a plain data structure
(`DataChanges`): each changed fact with its fields' old and new values already formatted
per language, other bilingual texts that changed, and English texts newly awaiting
translation. `render_markdown` turns that into a pull-request comment; a public changelog
can render the same structure differently.

Values are compared as values (the model), never as YAML text, so a layout-only edit is no
change. `python -m macros.edit.datadiff --base REF` compares the working tree with a git ref.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..render import links

from ..model import translations
from ..render.formatting import format_count, format_date, format_quantity, plain_number
from ..data.interface import fill
from ..model.dataset import Dataset, Fact, Quantity, Unit
from ..render.reports import SEPARATOR, fact_name
from ..model.load import load_dataset
from ..data.yamlsource import Problem

LANGS = ("zh", "en")
MARKER = "<!-- reform-reports:data-changes -->"
# Says "nothing changed" to the poster, which then posts no comment on a pull request that
# never changed data (it still updates one it posted before).
NO_CHANGES_MARKER = "<!-- reform-reports:no-changes -->"
# GitHub refuses comments over 65,536 characters; leave room for the bot's own wrapping.
COMMENT_LIMIT = 60_000


# ---------------------------------------------------------------------------
# The data at a git ref

def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True)


def dataset_at_ref(ref: str, project_root: Path, data_path: str = "data", stale: bool = True) -> tuple[Dataset | None, list[Problem]]:
    """The data set as it stood at `ref`: `data_path` (relative to `project_root`) is
    extracted from git into a temporary directory and loaded there (`stale`: see
    `load_dataset`). Raises ValueError with a readable message when the ref does not exist
    or holds no such folder."""
    if not ref or ref.startswith("-"):
        raise ValueError(f"`{ref}` is not a git ref")
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], project_root).returncode != 0:
        raise ValueError(f"`{ref}` is not a commit, branch or tag in the repository at {project_root}")
    tree = f"{ref}:./{data_path.strip('/')}"  # `./`: relative to project_root, even below the repository's top
    kind = _git(["cat-file", "-t", tree], project_root)
    if kind.returncode != 0 or kind.stdout.strip() != b"tree":
        raise ValueError(f"`{ref}` has no `{data_path}/` folder")
    archive = _git(["archive", "--format=tar", f"--prefix={data_path.strip('/')}/", tree], project_root)
    if archive.returncode != 0:
        raise ValueError(f"could not read `{data_path}/` at `{ref}`: {archive.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="reform-reports-base-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        return load_dataset(Path(tmp) / data_path, Path(tmp), stale)


# ---------------------------------------------------------------------------
# The changes, as data

Shown = dict[str, str]  # a value as the site writes it, per language


@dataclass(frozen=True)
class FieldChange:
    """One field of a fact, named by its YAML key; None where the field is absent."""

    field: str
    old: Shown | None
    new: Shown | None


@dataclass(frozen=True)
class FactChange:
    fact_id: str
    report_id: str
    title: Shown
    status: str  # "added", "removed" or "changed"
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TextChange:
    """A bilingual text that is not part of a fact, by its key in `translations.texts`, or a
    unit of measure (`units.<key>`: its patterns, which say how every figure is written)."""

    key: str
    old: Shown | None
    new: Shown | None


@dataclass(frozen=True)
class DataChanges:
    facts: tuple[FactChange, ...] = ()
    texts: tuple[TextChange, ...] = ()
    newly_stale: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.facts or self.texts or self.newly_stale)

    def count(self, status: str) -> int:
        return sum(1 for change in self.facts if change.status == status)


# In the order a fact card shows them.
FIELDS = ("kind", "title", "quantity", "date", "place", "text", "number", "issuer", "caveat", "reading", "answers", "related", "source")
# What an added or removed fact shows: enough to see what came or went.
MAIN_FIELDS = ("kind", "title", "quantity", "date", "text")


def _quantity_raw(q: Quantity) -> tuple:
    """The quantity as written in YAML (the unit by its key, so a units.yaml edit is not a
    change of every figure: it is listed once, as a text)."""
    pairs = [(key, plain_number(value)) for key, value in q.numbers().items()]
    pairs += [("unit", q.unit.key)] + [(key, getattr(q, key)) for key in ("bound", "better") if getattr(q, key)]
    return tuple(pairs)


def _quantity_shown(q: Quantity, dataset: Dataset) -> Shown:
    """As a fact card prints it: the main figure, then the stated change if any."""
    shown = {}
    for lang in LANGS:
        formatted = format_quantity(q, lang, dataset.ui)
        shown[lang] = formatted.main + (f" {formatted.change}" if formatted.change else "")
    return shown


def source_line(fact: Fact, dataset: Dataset, lang: str) -> str:
    """The fact card's source line without the report's name: section label, paragraph, point."""
    ui, sep = dataset.ui, SEPARATOR[lang]
    place = fill(ui["source.paragraph"].get(lang), format_count(fact.source.paragraph, lang))
    if fact.source.point:
        place += sep + fill(ui["source.point"].get(lang), format_count(fact.source.point, lang))
    return fact.source.section_label.get(lang) + sep + place


def _names(ids: tuple[str, ...], dataset: Dataset) -> Shown:
    return {lang: SEPARATOR[lang].join(fact_name(dataset.fact(i)).get(lang) for i in ids) for lang in LANGS}


def _raw(fact: Fact, name: str) -> object:
    """The value of one field to compare (None when absent): cheap, for every field."""
    if name == "kind":
        return fact.kind
    if name == "quantity":
        return None if fact.quantity is None else _quantity_raw(fact.quantity)
    if name == "date":
        return None if fact.date is None else fact.date.iso()
    if name == "source":
        src = fact.source
        raw = (("report", fact.report_id), ("section", src.section_id), ("paragraph", src.paragraph))
        raw += (("point", src.point),) if src.point else ()
        return raw + (src.section_label,)
    if name in ("related", "answers"):
        # Compared by id: a target's new title is that target's change, not this fact's.
        return getattr(fact, name) or None
    value = getattr(fact, name)
    return None if value is None else (value.zh, value.en)


def _shown(fact: Fact, name: str, dataset: Dataset) -> Shown | None:
    """One field as the site writes it, per language: formatted only for a field that changed."""
    if _raw(fact, name) is None:
        return None
    if name == "kind":
        return {lang: dataset.ui[f"kind.{fact.kind}"].get(lang) for lang in LANGS}
    if name == "quantity":
        return _quantity_shown(fact.quantity, dataset)
    if name == "date":
        return {lang: format_date(fact.date, lang) for lang in LANGS}
    if name == "source":
        return {lang: source_line(fact, dataset, lang) for lang in LANGS}
    if name in ("related", "answers"):
        return _names(getattr(fact, name), dataset)
    value = getattr(fact, name)
    return {"zh": value.zh, "en": value.en}


def _raw_text(raw) -> str:
    parts = []
    for item in raw:
        if isinstance(item, tuple) and len(item) == 2:
            parts.append(f"{item[0]}: {item[1]}")
        elif isinstance(item, str):
            parts.append(item)
    return ", ".join(parts)


def _field_changes(old: Fact | None, new: Fact | None, names, old_data: Dataset | None, new_data: Dataset,
                   renamed: dict[str, str] | None = None) -> tuple[FieldChange, ...]:
    """`renamed` maps former ids to their successors: a reference to a renamed fact is the
    same reference (the renamed fact's own change lists the new id)."""
    changes = []
    for name in names:
        old_raw = _raw(old, name) if old else None
        new_raw = _raw(new, name) if new else None
        if renamed and name in ("related", "answers") and old_raw:
            old_raw = tuple(renamed.get(ref, ref) for ref in old_raw)
        if old_raw == new_raw:
            continue
        old_shown = _shown(old, name, old_data) if old else None
        new_shown = _shown(new, name, new_data) if new else None
        if old_shown is not None and old_shown == new_shown:
            # Written alike, yet different (354000000 and 354000001 are both 3.54亿元):
            # show the values as written in YAML so the change is visible.
            old_shown = {lang: f"{v} ({_raw_text(old_raw)})" for lang, v in old_shown.items()}
            new_shown = {lang: f"{v} ({_raw_text(new_raw)})" for lang, v in new_shown.items()}
        changes.append(FieldChange(name, old_shown, new_shown))
    return tuple(changes)


def _ordered_facts(dataset: Dataset | None) -> list[Fact]:
    """Report order, then document order."""
    return [] if dataset is None else [fact for report in dataset.reports for fact in report.all_facts()]


def _title(fact: Fact) -> Shown:
    name = fact_name(fact)
    return {"zh": name.zh, "en": name.en}


def renames(old: Dataset | None, new: Dataset) -> dict[str, str]:
    """Former id -> new id, for each fact of `new` whose `predecessor` is a fact of `old`
    that `new` no longer has (a fact renamed again later names only its latest former id)."""
    if old is None:
        return {}
    return {fact.predecessor: fact.id for fact in new.facts.values()
            if fact.predecessor and fact.predecessor in old.facts and fact.predecessor not in new.facts
            and fact.id not in old.facts}


def _id_change(former: str, current: str) -> FieldChange:
    return FieldChange("id", {lang: former for lang in LANGS}, {lang: current for lang in LANGS})


def _fact_changes(old: Dataset | None, new: Dataset) -> tuple[FactChange, ...]:
    old_facts, new_facts = _ordered_facts(old), _ordered_facts(new)
    old_ids = {fact.id for fact in old_facts}
    renamed = renames(old, new)
    former = {current: before for before, current in renamed.items()}
    position = {fact.id: (index, 0) for index, fact in enumerate(new_facts)}
    found: list[tuple[tuple[int, int], FactChange]] = []
    for fact in new_facts:
        if fact.id in former:
            # A renamed fact: one change, its id first, not one fact removed and one added.
            before = old.fact(former[fact.id])
            fields = (_id_change(before.id, fact.id),) + _field_changes(before, fact, FIELDS, old, new, renamed)
            status = "changed"
        elif fact.id in old_ids:
            fields = _field_changes(old.fact(fact.id), fact, FIELDS, old, new, renamed)
            status = "changed"
        else:
            fields = _field_changes(None, fact, MAIN_FIELDS, old, new)
            status = "added"
        if fields:
            found.append((position[fact.id], FactChange(fact.id, fact.report_id, _title(fact), status, fields)))
    # A removed fact goes where it stood: after the last fact before it that is still there.
    after, extra = -1, 0
    for fact in old_facts:
        kept = renamed.get(fact.id, fact.id)
        if kept in position:
            after, extra = position[kept][0], 0
            continue
        extra += 1
        fields = _field_changes(fact, None, MAIN_FIELDS, old, new)
        found.append(((after, extra), FactChange(fact.id, fact.report_id, _title(fact), "removed", fields)))
    return tuple(change for _, change in sorted(found, key=lambda item: item[0]))


def _unit_shown(unit: Unit) -> Shown:
    def pattern(value) -> str:
        return value if isinstance(value, str) else "; ".join(f"{form}: {text}" for form, text in value.items())

    flags = [flag for flag in ("compact", "percent", "ordinal") if getattr(unit, flag)]
    suffix = f" ({', '.join(flags)})" if flags else ""
    return {"zh": pattern(unit.zh) + suffix, "en": pattern(unit.en) + suffix}


# The last data sets' texts: a release's data is compared twice (with the one before and
# the one after it). Holds the data set itself, so its id is not reused while cached.
_TEXTS: dict[int, tuple[Dataset, dict[str, Shown]]] = {}


def _texts(dataset: Dataset | None) -> dict[str, Shown]:
    """Every bilingual text that is not a fact's (facts are compared field by field), and the
    units, which say how every figure is written."""
    if dataset is None:
        return {}
    if id(dataset) in _TEXTS:
        return _TEXTS[id(dataset)][1]
    out = {key: {"zh": text.zh, "en": text.en} for key, text in translations.texts(dataset)
           if key.split(".", 1)[0] not in dataset.facts}
    out.update({f"units.{key}": _unit_shown(unit) for key, unit in dataset.units.items()})
    _TEXTS[id(dataset)] = (dataset, out)
    while len(_TEXTS) > 4:
        del _TEXTS[next(iter(_TEXTS))]
    return out


def _text_changes(old: Dataset | None, new: Dataset) -> tuple[TextChange, ...]:
    before, after = _texts(old), _texts(new)
    fact_ids = set(new.facts) | (set(old.facts) if old else set())
    changes = [TextChange(key, before.get(key), value) for key, value in after.items()
               if before.get(key) != value and key.split(".", 1)[0] not in fact_ids]
    changes += [TextChange(key, value, None) for key, value in before.items()
                if key not in after and key.split(".", 1)[0] not in fact_ids]
    return tuple(changes)


def diff_datasets(old: Dataset | None, new: Dataset) -> DataChanges:
    """What changed from `old` (None: nothing known, so everything is new) to `new`."""
    stale_before = old.stale if old else frozenset()
    newly_stale = tuple(key for key, _ in translations.texts(new) if key in new.stale and key not in stale_before)
    return DataChanges(_fact_changes(old, new), _text_changes(old, new), newly_stale)


# ---------------------------------------------------------------------------
# Markdown for a pull-request comment

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]~$|])")
_AUTOLINKS = (
    (re.compile(r"@(?=\w)"), "@\u200d"),        # @mention
    (re.compile(r"#(?=\d)"), "#\u200d"),        # #123, owner/repo#123
    (re.compile(r"\b(GH)-(?=\d)", re.I), "\\1\u200d-"),  # GH-123
)


def _md(text: str) -> str:
    """Data text made inert for a GitHub comment and safe in a table cell: Markdown syntax
    escaped, HTML as entities, newlines as <br>, mentions and issue links broken by a
    zero-width joiner."""
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for pattern, replacement in _AUTOLINKS:
        text = pattern.sub(replacement, text)
    return re.sub(r"\r\n|\r|\n", "<br>", text)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


UNCHANGED = {"zh": "*未变*", "en": "*unchanged*"}
PENDING = {"zh": "", "en": " ⚠ *awaiting translation*"}
STATUS = {"added": " (新增 / added)", "removed": " (删除 / removed)", "changed": ""}


def _cell(old: Shown | None, new: Shown | None, lang: str) -> str:
    before = _md(old[lang]) if old else ""
    after = _md(new[lang]) if new else ""
    if old and new and old[lang] == new[lang]:
        return UNCHANGED[lang]
    return f"{before} → {after}".strip()


def _row(label: str, old: Shown | None, new: Shown | None, stale: bool) -> str:
    return f"| {label} | {_cell(old, new, 'zh')} | {_cell(old, new, 'en')}{PENDING['en'] if stale else ''} |"


def _join_url(base: str, site_url: str) -> str:
    """A preview link, percent-encoded so that no character of it ends the Markdown link."""
    return quote(base.rstrip("/") + "/" + site_url, safe=":/?#[]@!$&'*+,;=%~.-_")


def _fact_block(change: FactChange, stale: set[str], preview_url: str | None) -> str:
    title = f"{_md(_short(change.title['zh']))} / {_md(_short(change.title['en']))}"
    lines = [f"#### `{change.fact_id}` {title}{STATUS[change.status]}", ""]
    if preview_url and change.status != "removed":
        zh = _join_url(preview_url, links.fact_url("zh", change.report_id, change.fact_id))
        en = _join_url(preview_url, links.fact_url("en", change.report_id, change.fact_id))
        lines += [f"[预览]({zh}) · [Preview]({en})", ""]
    lines += ["| field | 中文 | English |", "| --- | --- | --- |"]
    lines += [_row(f"`{f.field}`", f.old, f.new, f"{change.fact_id}.{f.field}" in stale) for f in change.fields]
    return "\n".join(lines)


def _report_heading(report_id: str, new: Dataset, old: Dataset | None) -> str:
    for dataset in (new, old):
        if dataset and any(r.id == report_id for r in dataset.reports):
            short = dataset.report(report_id).short_title
            return f"### {_md(short.zh)} / {_md(short.en)}"
    return f"### `{report_id}`"


def _stale_section(keys: tuple[str, ...], new: Dataset) -> list[str]:
    if not keys:
        return []
    lines = [
        "### English to update / 待更新的英文", "",
        "这些文本的中文改了，英文没有改。若英文仍与中文意思相同，请在该文本的 `en:` 行下面、以相同缩进加一行 "
        "`en_still_matches: true`，机器人会记录下来。",
        "",
        "The Chinese of these texts changed and their English did not. If the English still says the same, "
        "add the line `en_still_matches: true` under that text's `en:` line (same indentation) and the bot records it.",
        "",
    ]
    texts = dict(translations.texts(new))
    for key in keys:
        owner = key.split(".", 1)[0]
        if owner in new.facts:
            name = fact_name(new.fact(owner))
            label = f"{_md(_short(name.zh))} / {_md(_short(name.en))}"
        else:
            label = _md(_short(texts[key].zh, 40)) if key in texts else ""
        lines.append(f"- `{key}`" + (f" — {label}" if label else ""))
    return lines


def _fit(blocks: list[str], budget: int) -> int:
    """How many of `blocks`, in order, fit in `budget` characters."""
    used = 0
    for count, block in enumerate(blocks):
        used += len(block) + 2
        if used > budget:
            return count
    return len(blocks)


def render_markdown(changes: DataChanges, new: Dataset, old: Dataset | None = None,
                    preview_url: str | None = None, notice: str | None = None, limit: int | None = COMMENT_LIMIT) -> str:
    """A bilingual pull-request comment. `notice` (Markdown, trusted) is a line put under the
    marker; blocks that would take the comment past `limit` characters (None: no limit) are
    left out and counted."""
    head = [MARKER]
    if notice:
        head += [notice, ""]
    if changes.is_empty:
        return "\n".join(head + [NO_CHANGES_MARKER, "没有事实或文本变更。 / No fact or text changed."]) + "\n"
    head += ["## Data changes / 数据变更", ""]
    if old is None:
        head += ["无可比较的旧数据：全部列为新增。 / No earlier data to compare with: everything is listed as added.", ""]
    head += [
        f"- 变更的事实 / facts changed: **{changes.count('changed')}**",
        f"- 新增的事实 / facts added: **{changes.count('added')}**",
        f"- 删除的事实 / facts removed: **{changes.count('removed')}**",
        f"- 变更的其他文本 / other texts changed: **{len(changes.texts)}**",
        f"- 待更新的英文 / English texts now awaiting translation: **{len(changes.newly_stale)}**",
    ]
    stale = set(changes.newly_stale)
    tail = _stale_section(changes.newly_stale, new)

    # Facts grouped under their report's heading, then the other texts, one table row each.
    blocks, report_id = [], None
    for change in changes.facts:
        block = _fact_block(change, stale, preview_url)
        if change.report_id != report_id:
            report_id = change.report_id
            block = _report_heading(report_id, new, old) + "\n\n" + block
        blocks.append(block)
    rows = [_row(f"`{c.key}`", c.old, c.new, c.key in stale) for c in changes.texts]

    limit = limit or sys.maxsize
    fixed = len("\n".join(head + tail)) + 400  # room for the omission note
    shown_blocks = _fit(blocks, limit - fixed)
    budget_left = limit - fixed - sum(len(b) + 2 for b in blocks[:shown_blocks])
    shown_rows = _fit(rows, budget_left - 200) if shown_blocks == len(blocks) else 0

    body = list(blocks[:shown_blocks])
    if shown_rows:
        body.append("\n".join(["### Other texts / 其他文本", "", "| text | 中文 | English |", "| --- | --- | --- |"] + rows[:shown_rows]))
    left_out = (len(blocks) - shown_blocks) + (len(rows) - shown_rows)
    if left_out:
        body.append(f"*另有 {left_out} 项因评论过长未列出；运行 `python -m macros.edit.datadiff --base <ref> --limit 0` 可看全部。 / "
                    f"{left_out} more not shown (the comment would be too long); "
                    "`python -m macros.edit.datadiff --base <ref> --limit 0` shows all.*")
    return "\n\n".join(["\n".join(head)] + body + (["\n".join(tail)] if tail else [])) + "\n"


# ---------------------------------------------------------------------------
# Command line

def _problems_markdown(problems: list[Problem]) -> str:
    lines = "\n".join(str(problem) for problem in problems)
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", lines)), default=0) + 1)
    return "\n".join([
        MARKER,
        "## Data changes / 数据变更",
        "",
        f"数据有 {len(problems)} 个问题，列在下面，每条都指明文件和行号；修正后这里会列出变更。 / "
        f"The data has {len(problems)} problem(s), listed below with the file and line of each; the changes will be listed here once they are fixed.",
        "",
        fence + "text",
        lines,
        fence,
    ]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.edit.datadiff", description="What changed in the data since a git ref, as Markdown.")
    parser.add_argument("--base", required=True, help="git ref to compare with (a commit, branch or tag)")
    parser.add_argument("--preview-url", help="base URL of the site preview, to link each changed fact")
    parser.add_argument("--output", type=Path, help="write the Markdown to this file instead of printing it")
    parser.add_argument("--limit", type=int, default=COMMENT_LIMIT,
                        help=f"longest output in characters, as a GitHub comment allows (default {COMMENT_LIMIT}; 0: no limit)")
    parser.add_argument("data_dir", nargs="?", default="data", type=Path)
    args = parser.parse_args(argv)
    root = Path.cwd()

    new, problems = load_dataset(args.data_dir, root)
    if new is None:
        markdown = _problems_markdown(problems)
    else:
        try:
            relative = args.data_dir.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            print(f"datadiff: {args.data_dir} is outside the current directory, the project's root", file=sys.stderr)
            return 2
        try:
            old, base_problems = dataset_at_ref(args.base, root, relative)
        except ValueError as error:
            print(f"datadiff: {error}", file=sys.stderr)
            return 2
        notice = None
        if old is None:
            # Checked by today's code: a change to the checks can make an old base fail them.
            base, first = _md(args.base), _md(str(base_problems[0])) if base_problems else ""
            notice = (f"基准 {base} 的数据有 {len(base_problems)} 个问题，无法读取。 / "
                      f"The data at {base} has {len(base_problems)} problem(s) and could not be read"
                      + (f" (first: {first})." if first else "."))
        markdown = render_markdown(diff_datasets(old, new), new, old, args.preview_url, notice=notice, limit=args.limit)
    if args.output:
        args.output.write_text(markdown, encoding="utf-8")
    else:
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
