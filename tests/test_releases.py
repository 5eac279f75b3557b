"""Facts with a history: data releases are git tags; the Changes page (both languages), the
fact cards' "revised" lines, changes.json, the Atom feeds, the versioned downloads, the Data
Package and CITATION.cff all come from them.

One repository of the project with three releases (tools/releases.py: a value corrected and a
text reworded in v1.1.0; a fact added, one removed and one renamed in v1.2.0; one change
unreleased) is built once for the module."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_of_project, run_mkdocs_build
from macros.data.interface import CHANGE_FIELDS
from macros.edit import datadiff, history
from macros.edit.history import build_history, history_for, release_tags
from macros.model.load import load_dataset

sys.path.insert(0, str(ROOT / "tools"))
from releases import TAX, release_repository  # noqa: E402

SITE_URL = "https://example.org/reform-reports/"
ATOM = "{http://www.w3.org/2005/Atom}"
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The repository with three releases, and its site built once (strict)."""
    base = tmp_path_factory.mktemp("releases")
    made = release_repository(base / "project")
    site = base / "site"
    result = run_mkdocs_build(made["project"], site, env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {**made, "site": site, "log": result.stdout + result.stderr}


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def entry(html: str, anchor: str) -> str:
    """One change's article on the Changes page."""
    match = re.search(rf'<article class="rr-change[^"]*" id="{re.escape(anchor)}">(.*?)</article>', html, re.S)
    assert match, anchor
    return match.group(1)


def section(html: str, anchor: str) -> str:
    """A release's part of the Changes page: from its heading to the next."""
    start = html.index(f'id="{anchor}"')
    following = re.search(r"<h2 ", html[start + 1:])
    return html[start: start + 1 + following.start()] if following else html[start:]


# ---------------------------------------------------------------------------
# The Changes page


def test_the_changes_page_lists_releases_newest_first_with_the_unreleased_changes_on_top(released):
    for prefix in ("", "en/"):
        html = page(released["site"], f"{prefix}changes")
        positions = [html.index(f'id="{anchor}"') for anchor in ("unreleased", "v1-2-0", "v1-1-0", "v1-0-0")]
        assert positions == sorted(positions)
    assert "v1.2.0之后未发布的变更" in page(released["site"], "changes")
    assert "Unreleased changes since v1.2.0" in page(released["site"], "en/changes")


def test_a_corrected_value_shows_old_and_new_as_the_site_writes_them_in_each_language(released):
    zh = entry(page(released["site"], "changes"), f"v1-1-0--{TAX}")
    en = entry(page(released["site"], "en/changes"), f"v1-1-0--{TAX}")
    assert "<del>3.54亿元</del>" in zh and "<ins>3.64亿元</ins>" in zh and "数值" in zh and "修改" in zh
    assert "<del>354 million yuan</del>" in en and "<ins>364 million yuan</ins>" in en and "Value" in en
    assert f'href="../xingu/#{TAX}"' in zh and f'href="../../en/xingu/#{TAX}"' in en  # a link to the fact


def test_a_release_lists_its_note_and_only_fact_changes_not_layout_or_fingerprints(released):
    for prefix, note_label in (("", "发布说明"), ("en/", "Release note")):
        part = section(page(released["site"], f"{prefix}changes"), "v1-1-0")
        assert note_label in part and "Tax revenue corrected to 364 million yuan (the source&#39;s table)." in part
        # v1.1.0 also re-quoted a title (layout) and updated translations.lock.json: neither is listed.
        assert re.findall(r'<article class="rr-change[^"]*" id="([^"]+)"', part) == [f"v1-1-0--{TAX}", "v1-1-0--xingu-new-market-entities"]
    reworded = entry(page(released["site"], "changes"), "v1-1-0--xingu-new-market-entities")
    assert "<dt>内容</dt>" in reworded and "新登记的市场主体数量" in reworded and "<dt>标题</dt>" not in reworded
    assert "发布说明" not in section(page(released["site"], "changes"), "v1-2-0")  # a lightweight tag has no note


def test_added_removed_and_renamed_facts_are_listed_as_such(released):
    zh, en = page(released["site"], "changes"), page(released["site"], "en/changes")
    added, removed, renamed = released["added"], released["removed"], released["renamed_to"]
    assert "新增" in entry(zh, f"v1-2-0--{added}") and "Added" in entry(en, f"v1-2-0--{added}")
    assert "<ins>3.64亿元</ins>" in entry(zh, f"v1-2-0--{added}")
    gone = entry(en, f"v1-2-0--{removed}")
    assert "Removed" in gone and "<del>" in gone and "<ins>" not in gone and "href" not in gone
    rename = entry(en, f"v1-2-0--{renamed}")
    assert f"<del>{released['renamed']}</del>" in rename and f"<ins>{renamed}</ins>" in rename and "<dt>Id</dt>" in rename
    assert f'id="v1-2-0--{released["renamed"]}"' not in en  # one renamed fact, not one removed and one added
    assert "首次发布，共142条事实。" in section(zh, "v1-0-0") and "First release: 142 facts." in section(en, "v1-0-0")


# ---------------------------------------------------------------------------
# Fact cards, footer, data page, citations


def test_a_revised_fact_card_says_when_and_what_it_was_and_links_to_the_change(released):
    zh, en = page(released["site"], "xingu"), page(released["site"], "en/xingu")
    card = re.search(rf'<article [^>]*id="{TAX}">(.*?)</article>', en, re.S).group(1)
    assert '<a href="../../en/changes/#v1-1-0--xingu-tax-revenue">Revised in v1.1.0 (October 15, 2026)</a>: Value was 354 million yuan' in card
    card = re.search(rf'<article [^>]*id="{TAX}">(.*?)</article>', zh, re.S).group(1)
    assert '<a href="../changes/#v1-1-0--xingu-tax-revenue">v1.1.0（2026年10月15日）修订</a>：数值原为3.54亿元' in card
    unreleased = re.search(r'<article [^>]*id="xingu-new-market-entities">(.*?)</article>', en, re.S).group(1)
    assert "Revised since v1.2.0 (not yet released)</a>: Value was 430 entities" in unreleased
    assert en.count('class="rr-revised"') == 3  # the corrected, the renamed and the unreleased; not the added


def test_a_renamed_fact_keeps_its_old_permalink(released):
    html = page(released["site"], "xingu")
    renamed = re.search(rf'<article [^>]*id="{released["renamed_to"]}">(.*?)</article>', html, re.S).group(1)
    assert f'id="{released["renamed"]}"' in renamed
    assert "编号原为" + released["renamed"] in renamed


def test_the_footer_and_the_data_page_name_the_release_and_the_unreleased_changes(released):
    assert "数据版本 v1.2.0（2026年11月20日），另有v1.2.0之后未发布的变更" in page(released["site"], "")
    assert "Data release v1.2.0 (November 20, 2026), with unreleased changes since v1.2.0" in page(released["site"], "en/glossary")
    data = page(released["site"], "en/data")
    assert "Current data release: v1.2.0, released November 20, 2026." in data
    assert 'href="../../en/changes/#unreleased"' in data and 'href="../../downloads/v1.2.0/datapackage.json"' in data
    assert "当前数据版本：v1.2.0，2026年11月20日发布。" in page(released["site"], "data")


def test_cite_this_names_the_release_links_its_version_and_a_figure_s_permalink(released):
    html = page(released["site"], "en/xingu")
    cite = re.search(r'<details class="rr-cite".*?</details>', html, re.S).group(0)
    assert f"Data release v1.2.0 (2026-11-20): {SITE_URL}downloads/v1.2.0/datapackage.json." in cite
    assert 'href="../../downloads/v1.2.0/datapackage.json"' in cite
    assert "version = &#123;v1.2.0&#125;" in cite  # BibTeX braces, escaped in the page
    assert f"for example: {SITE_URL}en/xingu/#xingu-" in cite


# ---------------------------------------------------------------------------
# Files: changes.json, feeds, versioned downloads, data packages


def test_changes_json_carries_every_release_and_change_in_both_languages(released):
    data = json.loads((released["site"] / "changes.json").read_text(encoding="utf-8"))
    assert [r["tag"] for r in data["releases"]] == ["v1.2.0", "v1.1.0", "v1.0.0"]
    assert data["latest"] == "v1.2.0" and data["unreleased"]["since"] == "v1.2.0"
    v110 = data["releases"][1]
    assert v110["date"] == "2026-10-15" and v110["note"].startswith("Tax revenue corrected")
    tax = next(f for f in v110["facts"] if f["id"] == TAX)
    assert tax["fields"] == [{"field": "quantity", "old": {"zh": "3.54亿元", "en": "354 million yuan"},
                              "new": {"zh": "3.64亿元", "en": "364 million yuan"}}]
    assert tax["url"] == {"zh": f"{SITE_URL}xingu/#{TAX}", "en": f"{SITE_URL}en/xingu/#{TAX}"}
    assert {f["status"] for f in data["releases"][0]["facts"]} == {"added", "removed", "changed"}
    assert data["releases"][2]["first"] is True and data["releases"][2]["facts"] == []


def test_the_atom_feed_has_an_entry_per_release_in_each_language(released):
    for lang, old, new in (("zh", "3.54亿元", "3.64亿元"), ("en", "354 million yuan", "364 million yuan")):
        feed = ElementTree.parse(released["site"] / f"changes.{lang}.atom").getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.find(f"{ATOM}updated").text == "2026-11-20T00:00:00Z"
        entries = feed.findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}title").text.split(" · ")[0] for e in entries] == ["v1.2.0", "v1.1.0", "v1.0.0"]
        assert len({e.find(f"{ATOM}id").text for e in entries}) == 3
        content = entries[1].find(f"{ATOM}content").text
        assert f"{old} → {new}" in content and "Tax revenue corrected" in content
        prefix = "" if lang == "zh" else "en/"
        assert entries[1].find(f"{ATOM}link").get("href") == f"{SITE_URL}{prefix}changes/#v1-1-0"


def _tax_value(folder: Path) -> float:
    rows = csv.DictReader(io.StringIO((folder / "reform-reports-facts.csv").read_text(encoding="utf-8-sig")))
    return float(next(row for row in rows if row["id"] == TAX)["value"])


def test_each_release_keeps_its_downloads_and_latest_is_the_newest_release(released):
    downloads = released["site"] / "downloads"
    assert _tax_value(downloads / "v1.0.0") == 354000000 and _tax_value(downloads / "v1.1.0") == 364000000
    for name in ("reform-reports.json", "reform-reports-facts.csv", "datapackage.json"):
        assert (downloads / "latest" / name).read_bytes() == (downloads / "v1.2.0" / name).read_bytes()
    v100 = json.loads((downloads / "v1.0.0" / "reform-reports.json").read_text(encoding="utf-8"))
    assert released["removed"] in {f["id"] for f in v100["facts"]} and released["added"] not in {f["id"] for f in v100["facts"]}
    assert json.loads((downloads / "v1.1.0" / "datapackage.json").read_text(encoding="utf-8"))["version"] == "1.1.0"
    # The root files are the data as built, unreleased change included, and say so.
    root = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    assert root["version"] == "1.2.0+unreleased"
    facts = json.loads((downloads / "reform-reports.json").read_text(encoding="utf-8"))["facts"]
    assert next(f for f in facts if f["id"] == "xingu-new-market-entities")["quantity"]["value"] == 431


def test_every_data_package_is_valid_under_frictionless(released):
    downloads = released["site"] / "downloads"
    for folder in (downloads, downloads / "latest", downloads / "v1.0.0", downloads / "v1.1.0", downloads / "v1.2.0"):
        result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=folder,
                                capture_output=True, text=True, timeout=300)
        report = json.loads(result.stdout)
        assert report["valid"], (folder, json.dumps(report, indent=1)[:3000])
        assert result.returncode == 0


def test_the_data_package_describes_name_version_licence_sources_and_each_column(released):
    package = json.loads((released["site"] / "downloads" / "v1.2.0" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "reform-reports" and package["version"] == "1.2.0" and package["licenses"][0]["name"]
    assert len(package["sources"]) == 2 and all(source["path"].startswith(SITE_URL) for source in package["sources"])
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    fields = {f["name"]: f for f in facts["schema"]["fields"]}
    assert fields["value"]["type"] == "number" and "unit" in fields and "text_zh" in fields and "text_en" in fields
    assert fields["source_section"]["constraints"]["required"] and facts["schema"]["primaryKey"] == ["id"]


def test_a_broken_table_fails_frictionless_validation(released, tmp_path):
    """The validation is not vacuous: a paragraph that is not a number is an error."""
    folder = tmp_path / "broken"
    shutil.copytree(released["site"] / "downloads" / "v1.2.0", folder)
    csv_path = folder / "reform-reports-facts.csv"
    text = csv_path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = text[0].rstrip("\n").split(",")
    row = next(csv.reader([text[1]]))
    row[header.index("paragraph")] = "second"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    csv_path.write_text("\ufeff" + text[0] + out.getvalue() + "".join(text[2:]), encoding="utf-8")
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=folder,
                            capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout)["valid"] is False


# ---------------------------------------------------------------------------
# CITATION.cff


class _KeepDates(yaml.SafeLoader):
    """YAML as cffconvert reads it for validation: dates stay strings (the schema's format)."""


_KeepDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_citation_cff_is_valid_under_the_cff_1_2_0_schema(root):
    import jsonschema

    # https://citation-file-format.github.io/1.2.0/schema.json (citation-file-format, tag 1.2.0)
    schema = json.loads((root / "tests" / "fixtures" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = yaml.load((root / "CITATION.cff").read_text(encoding="utf-8"), Loader=_KeepDates)
    jsonschema.validate(citation, schema, format_checker=jsonschema.FormatChecker())
    assert citation["cff-version"] == "1.2.0"
    names = " ".join(author["name"] for author in citation["authors"])
    assert "Reform Reports" in names


def _check(project: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    return subprocess.run([sys.executable, "-m", "macros.edit.check", "data"], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**clean, **env})


def test_citation_cff_follows_the_latest_release_by_the_tidy_step_not_by_hand(released, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(released["project"], project, symlinks=True)
    cff = project / "CITATION.cff"
    # As the file stands right after v1.2.0 is published on GitHub's Releases page.
    text = re.sub(r"(?m)^version: .*$", "version: 1.1.0", cff.read_text(encoding="utf-8"))
    cff.write_text(re.sub(r"(?m)^date-released: .*$", "date-released: 2026-11-10", text), encoding="utf-8")
    # Under CI (a pull request, the deploy) a lagging file is bookkeeping: a warning, green.
    result = _check(project, CI="true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the latest data release is v1.2.0 of 2026-11-20; the pull request tidies this by itself" in result.stdout
    # On a terminal it is to be tidied, like layout.
    result = _check(project)
    assert result.returncode == 1 and "run `make fmt` to tidy it" in result.stdout
    subprocess.run([sys.executable, "-m", "macros.edit.fmt", "data"], cwd=project, check=True, capture_output=True)
    citation = yaml.safe_load(cff.read_text(encoding="utf-8"))
    assert (str(citation["version"]), str(citation["date-released"])) == ("1.2.0", "2026-11-20")
    assert cff.read_text(encoding="utf-8").startswith("# GitHub shows")  # the editors' comments stay
    assert _check(project).returncode == 0
    cff.write_text(re.sub(r"(?m)^version: .*$", "version: 1.3.0", cff.read_text(encoding="utf-8")), encoding="utf-8")
    assert _check(project).returncode == 0  # the next release, being prepared


def test_a_new_reports_issuer_joins_the_authors_by_the_tidy_step(released, tmp_path):
    from macros.edit.citationfile import tidied
    from macros.edit.history import release_tags

    project = tmp_path / "project"
    shutil.copytree(released["project"], project, symlinks=True)
    dataset, problems = load_dataset(project / "data", project)
    assert dataset is not None, problems
    text = (project / "CITATION.cff").read_text(encoding="utf-8")
    first = dataset.reports[0]
    without = "\n".join(line for line in text.splitlines() if first.credit.zh not in line) + "\n"
    result = tidied(without, dataset, release_tags(project)[0])
    authors = yaml.safe_load(result)["authors"]
    assert {"name": f"{first.credit.zh} ({first.credit.en})"} in authors
    assert "Reform Reports" in authors[-1]["name"]  # the project stays last
    assert tidied(result, dataset, release_tags(project)[0]) == result


def test_an_unreadable_citation_cff_is_a_mistake_for_a_person(released, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(released["project"], project, symlinks=True)
    (project / "CITATION.cff").write_text("version: [1.2.0\n", encoding="utf-8")
    result = _check(project, CI="true")
    assert result.returncode == 1 and "CITATION.cff:" in result.stdout and "not valid YAML" in result.stdout


# ---------------------------------------------------------------------------
# Machinery


def test_without_git_or_tags_there_is_no_history_and_a_note_says_why(tmp_path, dataset):
    project = copy_of_project(tmp_path / "tarball")
    plain = build_history(dataset, project)
    assert plain.releases == () and plain.unreleased is None and "no git repository" in plain.note
    assert plain.revisions == {}


def test_a_shallow_clone_builds_its_history_without_tags_and_says_so(released, tmp_path, dataset):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{released['project']}", str(clone)], check=True, capture_output=True)
    shallow = build_history(dataset, clone)
    assert shallow.releases == () and "shallow clone" in shallow.note


def test_a_build_with_releases_logs_no_note_about_them(released):
    assert "Data releases:" not in released["log"] and "WARNING" not in released["log"]


def test_the_history_is_read_once_per_process(released, monkeypatch):
    project = released["project"]
    current, _ = load_dataset(project / "data", project)
    calls = []
    real = history.build_history
    monkeypatch.setattr(history, "build_history", lambda *args: calls.append(args) or real(*args))
    first = history_for(current, project)
    assert history_for(current, project) is first and len(calls) == 1
    assert [r.tag for r in first.releases] == ["v1.2.0", "v1.1.0", "v1.0.0"]


def test_tags_that_are_not_releases_are_ignored(released, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(released["project"], project, symlinks=True)
    for name in ("draft", "v1.2", "v01.0.0", "v2.0.0-rc1"):
        subprocess.run(["git", "tag", name], cwd=project, check=True, capture_output=True)
    tags, note = release_tags(project)
    assert [t.name for t in tags] == ["v1.2.0", "v1.1.0", "v1.0.0"] and note == ""


def test_a_predecessor_turns_remove_and_add_into_one_renamed_fact(released):
    project = released["project"]
    old, _ = datadiff.dataset_at_ref("v1.1.0", project)
    new, _ = datadiff.dataset_at_ref("v1.2.0", project)
    changes = datadiff.diff_datasets(old, new)
    renamed = [c for c in changes.facts if c.fact_id == released["renamed_to"]]
    assert len(renamed) == 1 and renamed[0].status == "changed"
    assert renamed[0].fields[0] == datadiff.FieldChange("id", {"zh": released["renamed"], "en": released["renamed"]},
                                                        {"zh": released["renamed_to"], "en": released["renamed_to"]})
    assert released["renamed"] not in {c.fact_id for c in changes.facts}


@pytest.mark.parametrize("predecessor, message", [
    ("xingu-tax-revenue", "names the fact's own id"),
    ("xingu", "is still in use"),
    ("xingu-new-market-entities", "is still in use"),
])
def test_a_predecessor_must_be_an_id_nothing_uses(tmp_path, predecessor, message):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "reports" / "xingu.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"- id: {TAX}\n", f"- id: {TAX}\n            predecessor: {predecessor}\n", 1), encoding="utf-8")
    dataset, problems = load_dataset(data, tmp_path)
    assert dataset is None and len(problems) == 1
    assert problems[0].file == "data/reports/xingu.yaml" and message in problems[0].message and TAX in problems[0].message


def test_a_release_note_from_git_is_text_not_markup(released):
    from dataclasses import replace

    from macros.render import changes as changes_pages
    from macros.render.changesfeed import atom_feed

    project = released["project"]
    current, _ = load_dataset(project / "data", project)
    found = build_history(current, project)
    hostile = "<script>alert(1)</script> & {{ config }}"
    noted = replace(found, releases=(replace(found.releases[0], note=hostile),) + found.releases[1:])
    html = changes_pages.changes_page(current, noted, "en", "en/changes/")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ config }}" in html
    feed = ElementTree.fromstring(atom_feed(current, noted, "en"))
    assert "<p>&lt;script&gt;" in feed.find(f"{ATOM}entry/{ATOM}content").text  # escaped inside the escaped HTML


def test_every_field_a_change_can_name_has_a_label_in_both_languages(dataset):
    assert set(CHANGE_FIELDS) == set(datadiff.FIELDS) | {"id"}
    assert all(dataset.ui[f"field.{name}"].zh and dataset.ui[f"field.{name}"].en for name in CHANGE_FIELDS)
