"""`make pdf`: one PDF per report per language, from the printable editions of the built site.

Serves site/ on a free loopback port and prints each `print/<report>/` page with Debian's
Chromium (driven by Playwright). Chromium embeds the fonts it uses, Noto CJK for Chinese,
so the PDFs show and search the same on any machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import functools
import re
import subprocess
import unicodedata

from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from screenshots import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402

from macros.render import links  # noqa: E402
from macros.model.load import load_dataset  # noqa: E402

CHROMIUM = chromium_path()
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#666">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


_BFCHAR = re.compile(r"(beginbfchar)(.*?)(endbfchar)", re.S)
_PAIR = re.compile(r"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>")


@functools.lru_cache(maxsize=1)
def shared_glyphs() -> dict[int, tuple[int, ...]]:
    """For each code point of Noto Sans CJK SC (the font Chromium draws Chinese with), the
    other code points drawn with the same glyph: 月 and ⽉, — and ―. Chromium's PDF writer
    records one of them in the font's ToUnicode map, not always the one on the page. Empty
    when fontconfig, the font or fontTools is missing."""
    try:
        from fontTools.ttLib import TTCollection, TTFont

        path = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True).stdout
        faces = TTCollection(path).fonts if path.endswith(".ttc") else [TTFont(path)]
    except Exception:
        return {}
    face = next((f for f in faces if f["name"].getDebugName(1) == "Noto Sans CJK SC"), faces[0])
    cmap = face.getBestCmap()
    by_glyph: dict[str, set[int]] = {}
    for code, glyph in cmap.items():
        by_glyph.setdefault(glyph, set()).add(code)
    # Shaping may swap a glyph for another (Chinese forms of punctuation: — drawn with the
    # glyph of ―), and the PDF then names the character of the glyph drawn.
    for source, target in _single_substitutions(face):
        by_glyph.setdefault(target, set()).update(by_glyph.get(source, ()))
    return {code: tuple(sorted(by_glyph[glyph] - {code})) for code, glyph in cmap.items() if len(by_glyph.get(glyph, ())) > 1}


def _single_substitutions(face) -> list[tuple[str, str]]:
    """(glyph, replacement) pairs of the font's one-to-one substitutions (GSUB type 1)."""
    if "GSUB" not in face:
        return []
    pairs = []
    for lookup in face["GSUB"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            if getattr(subtable, "ExtSubTable", None) is not None:
                subtable = subtable.ExtSubTable
            mapping = getattr(subtable, "mapping", None)
            if getattr(subtable, "LookupType", lookup.LookupType) == 1 and mapping:
                pairs.extend(mapping.items())
    return pairs


def _meant(code: int, on_page: frozenset[str]) -> int:
    """The code point the page meant by a glyph recorded as `code`."""
    if chr(code) in on_page:
        return code
    for other in shared_glyphs().get(code, ()):
        if chr(other) in on_page:
            return other
    if 0x2E80 <= code <= 0x2FDF:  # a radical the page does not hold: its ideograph
        normal = unicodedata.normalize("NFKC", chr(code))
        ideographs = [c for c in shared_glyphs().get(code, ()) if 0x4E00 <= c <= 0x9FFF]
        if ideographs:
            return ideographs[0]
        if len(normal) == 1:
            return ord(normal)
    return code


def fix_text_layer(path: Path, on_page: str) -> int:
    """Point each ToUnicode entry at the character the page holds, so that the PDF's text
    reads, copies and searches as the page does; the glyphs are untouched. Returns the
    number of fonts changed."""
    chars = frozenset(on_page)
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    seen: set[int] = set()
    changed = 0

    def fix_pair(match: re.Match) -> str:
        return match.group(1) + f"<{_meant(int(match.group(2), 16), chars):04X}>"

    for page in writer.pages:
        for ref in page.get("/Resources", {}).get("/Font", {}).values():
            to_unicode = ref.get_object().get("/ToUnicode")
            if to_unicode is None or id(to_unicode.get_object()) in seen:
                continue
            stream = to_unicode.get_object()
            seen.add(id(stream))
            text = stream.get_data().decode("latin-1")
            fixed = _BFCHAR.sub(lambda m: m.group(1) + _PAIR.sub(fix_pair, m.group(2)) + m.group(3), text)
            if fixed != text:
                stream.set_data(fixed.encode("latin-1"))
                changed += 1
    writer.write(str(path))
    return changed


def pdf_name(report_id: str, lang: str) -> str:
    return f"{report_id}-{lang}.pdf"


def make_pdfs(site: Path, out: Path, report_ids: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.emulate_media(media="print")
            for report_id in report_ids:
                for lang in links.LANGUAGE_PREFIX:
                    page.goto(base + links.print_url(lang, report_id), wait_until="load")
                    on_page = page.inner_text("body")
                    path = out / pdf_name(report_id, lang)
                    page.pdf(path=str(path), format="A4", print_background=True, display_header_footer=True,
                             header_template="<span></span>", footer_template=FOOTER,
                             margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
                    fix_text_layer(path, on_page)
                    written.append(path)
            browser.close()
    finally:
        server.shutdown()
    return written


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--out", default=str(ROOT / "pdf"))
    args = parser.parse_args()
    dataset, problems = load_dataset(ROOT / "data", ROOT)
    if problems:
        print("the data has problems; run `make check`", file=sys.stderr)
        return 1
    for path in make_pdfs(Path(args.site), Path(args.out), [r.id for r in dataset.reports]):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
