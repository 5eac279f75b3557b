"""A fix to Material's search worker (9.8), applied to the built copy of it.

Before searching, the worker cuts a Chinese query into words it finds in the index (its
function `fe`). Its loop never tries a word that runs to the end of the query, so a
glossary term typed on its own (企业咖啡时, 局区合一), which the index holds whole (jieba
is taught the glossary), was cut into shorter pieces, and the search matched every page
holding one of them: 企业咖啡时 found the 17 pages with 企业 instead of the 4 with the
term. Letting the loop reach the end of the query (`<` to `<=`) is the whole fix.
"""

from __future__ import annotations

from pathlib import Path

BROKEN = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
WORKERS = "assets/javascripts/workers/search.*.min.js"


def fix_worker(js: str) -> str:
    """The worker's code with the fix; the same code if it already has it. Raises ValueError
    if the code is neither (another Material release: check whether it still needs one)."""
    if FIXED in js:
        return js
    if BROKEN not in js:
        raise ValueError("Material's search worker is not the one macros/render/searchfix.py fixes: "
                         "check whether a whole Chinese word typed alone is still cut into pieces")
    return js.replace(BROKEN, FIXED, 1)


def fix_site(site: Path) -> int:
    """Fix every search worker of a built site; the number fixed."""
    workers = sorted(site.glob(WORKERS))
    for worker in workers:
        worker.write_text(fix_worker(worker.read_text(encoding="utf-8")), encoding="utf-8")
    return len(workers)
