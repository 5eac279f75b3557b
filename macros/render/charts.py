"""Charts as inline SVG, drawn at build time from the data: no script, nothing fetched.

Sizes are in viewBox units; the SVG scales to its container, and the narrow viewBox keeps
text legible on a 375 px phone. Colours come from CSS classes (docs/assets/reform.css),
which use Material's palette variables, so charts follow the light and dark palettes.
Every chart carries a <title> and a <desc> in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
ROW = 48          # height of one labelled bar
BAR = 16
LABEL_GAP = 6     # between a row's label baseline and its bar


@dataclass(frozen=True)
class Bar:
    label: str        # "Before", "2020", a fact's name
    value: float      # the number, for the bar's length
    shown: str        # the number as the page writes it
    kind: str = "a"   # a CSS modifier: "before", "after", "a"
    href: str = ""


def _bar_width(value: float, largest: float) -> float:
    if largest <= 0 or value <= 0:
        return 0.0
    return max(2.0, WIDTH * value / largest)  # a tiny value stays visible


def bar_chart(chart_id: str, title: str, desc: str, bars: list[Bar], note: str = "") -> Markup:
    """Horizontal bars, one per row, each with its label and value written above it."""
    largest = max((b.value for b in bars), default=0)
    height = ROW * len(bars) + (24 if note else 4)
    parts = _svg_open(chart_id, title, desc, height, "rr-chart", has_links=any(b.href for b in bars))
    for index, bar in enumerate(bars):
        y = ROW * index + 16
        label = (f'<text class="rr-chart__label" x="0" y="{y}">{escape(bar.label)}'
                 f'<tspan class="rr-chart__value" dx="8">{escape(bar.shown)}</tspan></text>')
        if bar.href:
            label = f'<a href="{escape(bar.href)}">{label}</a>'
        parts.append(label)
        parts.append(
            f'<rect class="rr-chart__bar rr-chart__bar--{escape(bar.kind)}" x="0" y="{y + LABEL_GAP}" '
            f'width="{_bar_width(bar.value, largest):.1f}" height="{BAR}" rx="2" data-value="{bar.value:g}"/>'
        )
    if note:
        parts.append(f'<text class="rr-chart__note" x="0" y="{height - 6}">{escape(note)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# ---------------------------------------------------------------------------
# Text in SVG: SVG does not wrap, so lines are broken here by estimated width.

FONT = 14


def _units(ch: str) -> float:
    """Approximate advance of a character, in em: CJK is square, Latin about half."""
    return 1.0 if ord(ch) > 0x2E80 else 0.56


def wrap(text: str, width: float, font: float = FONT, max_lines: int = 0) -> list[str]:
    """Break text into lines no wider than `width` viewBox units (at word boundaries for
    Latin text, anywhere for Chinese). With `max_lines`, the last line ends in an ellipsis."""
    limit = width / font
    lines: list[str] = []
    line, used = "", 0.0
    tokens = []
    word = ""
    for ch in text:
        if ord(ch) > 0x2E80 or ch == " ":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    for token in tokens:
        size = sum(_units(c) for c in token)
        if used + size > limit and line.strip():
            lines.append(line.rstrip())
            line, used = ("" if token == " " else token), (0.0 if token == " " else size)
        else:
            line += token
            used += size
    if line.strip():
        lines.append(line.rstrip())
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip()[:-1] + "…"
    return lines


def _text_lines(lines: list[str], x: float, y: float, css: str, line_height: float = 18) -> str:
    spans = "".join(
        f'<tspan x="{x:g}" y="{y + i * line_height:g}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{css}">{spans}</text>'


def _svg_open(chart_id: str, title: str, desc: str, height: float, css: str, has_links: bool = True) -> list[str]:
    # An image role makes its content presentational: a graphic whose parts are links is a group.
    role = "group" if has_links else "img"
    return [
        f'<svg class="{css}" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height:g}" role="{role}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]


# ---------------------------------------------------------------------------
# Timeline: a vertical axis, year by year; events of a year in date order.

@dataclass(frozen=True)
class TimelineEvent:
    year: int
    date: str      # as the page writes it
    label: str
    href: str
    kind: str      # "event", "publication"


def timeline(chart_id: str, title: str, desc: str, events: list[TimelineEvent]) -> Markup:
    axis_x, text_x = 10, 30
    text_width = WIDTH - text_x
    rows = []
    y = 8
    previous_year = None
    for event in events:
        if event.year != previous_year:
            y += 28 if previous_year is not None else 14
            rows.append(("year", y, event))
            y += 14
            previous_year = event.year
        lines = wrap(event.label, text_width, FONT, max_lines=2)
        rows.append(("event", y, event, lines))
        y += 20 + 18 * len(lines) + 8
    height = y + 8
    parts = _svg_open(chart_id, title, desc, height, "rr-chart rr-timeline-graphic")
    parts.append(f'<line class="rr-chart__axis" x1="{axis_x}" y1="4" x2="{axis_x}" y2="{height - 4:g}"/>')
    for row in rows:
        if row[0] == "year":
            _, y, event = row
            parts.append(f'<text class="rr-chart__year" x="{text_x}" y="{y:g}">{event.year}</text>')
            continue
        _, y, event, lines = row
        parts.append(f'<circle class="rr-chart__dot rr-chart__dot--{escape(event.kind)}" cx="{axis_x}" cy="{y + 12:g}" r="5"/>')
        block = (f'<text class="rr-chart__date" x="{text_x}" y="{y + 16:g}">{escape(event.date)}</text>'
                 + _text_lines(lines, text_x, y + 36, "rr-chart__label"))
        parts.append(f'<a href="{escape(event.href)}">{block}</a>')
    parts.append("</svg>")
    return Markup("".join(parts))


# ---------------------------------------------------------------------------
# Structure diagrams: a root box and labelled branches, each a box of lines.

@dataclass(frozen=True)
class Box:
    title: str
    lines: tuple[str, ...] = ()
    href: str = ""
    relation: str = ""   # written on the branch that leads to the box


def tree(chart_id: str, title: str, desc: str, root: Box, branches: list[Box]) -> Markup:
    spine_x, indent = 14, 30
    width_root = WIDTH - 2
    width_box = WIDTH - indent - 2
    pad = 10
    parts: list[str] = []
    y = 2

    def box(b: Box, x: float, y: float, width: float, css: str) -> tuple[str, float]:
        title_lines = wrap(b.title, width - 2 * pad, FONT + 1)
        wrapped = [wrap(text, width - 2 * pad - 10, FONT - 1) for text in b.lines]
        body = [line for lines in wrapped for line in lines]
        first_lines = [sum(len(lines) for lines in wrapped[:i]) for i in range(len(wrapped))]  # a bullet per item
        height = pad * 2 + 19 * len(title_lines) + (17 * len(body) + 6 if body else 0)
        svg = [f'<rect class="{css}" x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" rx="4"/>',
               _text_lines(title_lines, x + pad, y + pad + 14, "rr-chart__box-title", 19)]
        if body:
            top = y + pad + 19 * len(title_lines) + 16
            bullets = "".join(f'<circle class="rr-chart__bullet" cx="{x + pad + 3:g}" cy="{top - 4 + 17 * i:g}" r="2"/>' for i in first_lines)
            svg.append(bullets + _text_lines(body, x + pad + 10, top, "rr-chart__box-line", 17))
        markup = "".join(svg)
        if b.href:
            markup = f'<a href="{escape(b.href)}">{markup}</a>'
        return markup, height

    root_svg, root_height = box(root, 1, y, width_root, "rr-chart__box rr-chart__box--root")
    parts.append(root_svg)
    y += root_height
    joints = []
    for branch in branches:
        relation_lines = wrap(branch.relation, width_box, FONT - 1) if branch.relation else []
        y += 10
        if relation_lines:
            parts.append(_text_lines(relation_lines, indent + 2, y + 12, "rr-chart__relation", 16))
            y += 16 * len(relation_lines) + 4
        markup, height = box(branch, indent, y, width_box, "rr-chart__box")
        parts.append(markup)
        joints.append(y + min(height / 2, 22))
        y += height
    spine = [f'<line class="rr-chart__edge" x1="{spine_x}" y1="{root_height + 2:g}" x2="{spine_x}" y2="{joints[-1]:g}"/>'] if joints else []
    spine += [f'<line class="rr-chart__edge" x1="{spine_x}" y1="{j:g}" x2="{indent:g}" y2="{j:g}"/>' for j in joints]
    height = y + 4
    return Markup("".join(_svg_open(chart_id, title, desc, height, "rr-chart rr-diagram") + spine + parts + ["</svg>"]))
