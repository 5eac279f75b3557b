"""Two builds of the same commit are byte-identical (SOURCE_DATE_EPOCH from the last commit,
as the Makefile sets it), so a deploy changes only what the data or code changed."""

from __future__ import annotations

import filecmp
import hashlib

import pytest

from conftest import PROJECT, run_mkdocs_build

pytestmark = pytest.mark.site  # runs again with an extra report (see conftest)


def digests(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, built_site):
    again = tmp_path / "again"
    result = run_mkdocs_build(PROJECT, again)  # same SOURCE_DATE_EPOCH as the session's build
    assert result.returncode == 0, result.stderr[-2000:]
    first, second = digests(built_site), digests(again)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == [], different[:10]
    assert len(first) > 100 and not filecmp.dircmp(built_site, again).diff_files
