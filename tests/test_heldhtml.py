"""Generated HTML skips Python-Markdown's parser: each whole block is held as a placeholder
and put back after Markdown, unchanged; what Markdown must read stays Markdown."""

from __future__ import annotations

import markdown
from markupsafe import Markup

from macros.adapter import heldhtml


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "toc", "tables"])


def test_a_page_converts_the_same_with_its_html_held():
    page = ('## Section { #s }\n\nSome *text*.\n\n<div class="card">\n<p>A <a href="#x">card</a> &amp; more</p>\n</div>\n\n'
            '<section id="t"><h3>Inner</h3><svg viewBox="0 0 1 1"><title>t</title></svg></section>\n\n- a list\n')
    held = heldhtml.hold(page)
    assert '<div class="card">' not in held and "## Section { #s }" in held and "Some *text*." in held
    assert heldhtml.release(convert(held)) == convert(page)


def test_only_whole_block_elements_at_the_line_start_are_held():
    kept = ["<span>inline</span> text", "  <div>indented</div>", "<div>opened\n\nclosed later</div>", "Text <div>x</div>"]
    for text in kept:
        assert heldhtml.hold(text) == text, text


def test_markup_stays_markup_and_each_block_comes_back_once():
    held = heldhtml.hold(Markup("<table><tr><td>1</td></tr></table>"))
    assert isinstance(held, Markup) and "<!--rr-held-" in held
    assert heldhtml.release(str(held)) == "<table><tr><td>1</td></tr></table>"
    assert heldhtml.release(str(held)) == str(held)  # released once: the block is not kept


def test_a_reader_of_the_markdown_sees_the_blocks_without_taking_them():
    held = heldhtml.hold("<div>card</div>")
    assert heldhtml.restored(held) == "<div>card</div>" == heldhtml.release(held)
