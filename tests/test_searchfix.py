"""The fix to Material's search worker: applied once, to the pinned worker, and loudly
refused on a worker it was not written for."""

from __future__ import annotations

from pathlib import Path

import pytest

import material

from macros.render import searchfix

WORKERS = sorted((Path(material.__file__).parent / "templates").glob(searchfix.WORKERS))


def test_the_pinned_material_worker_gets_the_fix_once():
    assert len(WORKERS) == 1
    code = WORKERS[0].read_text(encoding="utf-8")
    fixed = searchfix.fix_worker(code)
    assert fixed.count(searchfix.FIXED) == 1 and searchfix.BROKEN not in fixed
    assert len(fixed) == len(code) + 1
    assert searchfix.fix_worker(fixed) == fixed


def test_a_worker_it_was_not_written_for_is_refused():
    with pytest.raises(ValueError, match="not the one"):
        searchfix.fix_worker("function fe(t,e){return new Set([t])}")


def test_fix_site_fixes_every_worker_of_a_built_site(tmp_path):
    target = tmp_path / "assets" / "javascripts" / "workers" / WORKERS[0].name
    target.parent.mkdir(parents=True)
    target.write_text(WORKERS[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert searchfix.fix_site(tmp_path) == 1
    assert searchfix.FIXED in target.read_text(encoding="utf-8")
