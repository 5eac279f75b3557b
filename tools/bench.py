"""`make bench`: how fast the site builds and loads. A benchmark, not a test: it measures
and reports (bench/REPORT.md), and compares with targets; it does not fail a build.

1. The full bilingual build against a bare Material + i18n build of the same pages written
   as plain Markdown (the Markdown our macros produce, captured in the same run), timed
   alternately in the same run; the ratio (target at most 1.15).
2. Scaling: the data at 1x, 10x and 100x today's fact count (each fact cloned under new
   ids), build time per fact.
3. A reader's first view of every page, served gzipped at a phone's viewport: bytes
   (targets: 80 KB on the home pages, 100 KB on any page), elements (at most 1,400), and
   nothing for search or the language switcher before the reader asks.
4. Under `mkdocs serve`, the time from saving a YAML edit to the reloaded page showing
   it (target under 2 s).
5. The Nu HTML Checker over the built site: no error in markup this project writes.
6. Lighthouse (mobile preset) on every page of both languages (targets: performance 95,
   accessibility, best practices and SEO 100).
7. The data's history: a full build with 10 synthetic releases (tags) against the same
   repository without tags (target: at most 20% more; tools/bench_history.py).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from macros.adapter import pages  # noqa: E402
from macros.model.load import load_dataset  # noqa: E402
from project import copy_project  # noqa: E402
from screenshots import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def timed_build(project: Path, config: str = "mkdocs.yml") -> float:
    site = project / "site-bench"
    start = time.perf_counter()
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "-f", config, "--site-dir", str(site)],
                            cwd=project, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-2000:]}")
    return elapsed


# -- 1. against a bare build -------------------------------------------------

CAPTURE = r'''
import sys, json, pathlib
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_macros.plugin import MacrosPlugin
out = pathlib.Path(sys.argv[1])
original = MacrosPlugin.on_page_markdown
def capture(self, markdown, page, config, **kwargs):
    rendered = original(self, markdown, page, config, **kwargs)
    from macros.adapter import heldhtml  # the HTML the macros held back from Markdown, in place
    written = heldhtml.restored(rendered)
    lang = config["theme"]["language"]
    meta = {k: str(v) for k, v in page.meta.items() if k in ("title", "description")}
    if "hide" in page.meta: meta["hide"] = list(page.meta["hide"])
    name = page.file.src_uri
    target = out / name
    if lang != "zh" and not name.endswith(".en.md"):
        return rendered
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n" + written, encoding="utf-8")
    return rendered
MacrosPlugin.on_page_markdown = capture
build(load_config("mkdocs.yml", site_dir=str(pathlib.Path(sys.argv[2]))))
'''


def bare_project(ours: Path, work: Path) -> Path:
    """The same pages as plain Markdown, built by Material + i18n + search alone."""
    bare = work / "bare"
    shutil.copytree(ours / "docs", bare / "docs", ignore=shutil.ignore_patterns("*.md"))
    subprocess.run([sys.executable, "-c", CAPTURE, str(bare / "docs"), str(work / "capture-site")],
                   cwd=ours, env=ENV, check=True, capture_output=True)
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    # Our hooks make the navigation (the reports, the Changes page); the bare build lists it.
    dataset, problems = load_dataset(ours / "data", ours)
    if dataset is None:
        raise SystemExit("the data has problems: " + "; ".join(map(str, problems)))
    written = re.search(r"^nav:\n((?:  - .*\n)+)", config, re.M)
    nav = pages.navigation([report.id for report in dataset.reports], [line[4:] for line in written.group(1).splitlines()])
    config = config.replace(written.group(0), "nav:\n" + "".join(f"  - {entry}\n" for entry in nav), 1)
    config = config.replace("hooks:\n  - macros/adapter/hooks.py\n", "")
    config = config.replace("watch:\n  - data\n  - macros\n  - overrides\n", "")
    head, _, _ = config.partition("  - macros:\n")
    (bare / "mkdocs.yml").write_text(head, encoding="utf-8")
    shutil.copytree(ours / "overrides", bare / "overrides")
    return bare


def against_bare(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = copy_project(work / "ours")
        bare = bare_project(ours, work)
        timed_build(ours), timed_build(bare)  # warm caches (jieba, Python bytecode)
        ours_times, bare_times = [], []
        for _ in range(runs):
            ours_times.append(timed_build(ours))
            bare_times.append(timed_build(bare))
        pages = len(list((bare / "docs").rglob("*.md")))
    ours_median, bare_median = statistics.median(ours_times), statistics.median(bare_times)
    return {"runs": runs, "pages": pages, "ours": ours_median, "bare": bare_median, "ratio": ours_median / bare_median}


# -- 2. scaling ----------------------------------------------------------------

def _clone_facts(report: dict, factor: int) -> int:
    """Each fact of each section and part, `factor` times (new ids, same content)."""
    count = 0
    for section in report["sections"]:
        for group in [section, *section.get("parts", [])]:
            facts = group.get("facts", [])
            clones = []
            for copy_index in range(1, factor):
                for fact in facts:
                    clone = copy.deepcopy(fact)
                    clone["id"] = f"{fact['id']}-x{copy_index}"
                    clones.append(clone)
            if facts:
                group["facts"] = facts + clones
                count += len(group["facts"])
    return count


def scaling(factors: list[int]) -> list[dict]:
    results = []
    for factor in factors:
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "project")
            facts = 0
            for path in sorted((project / "data" / "reports").glob("*.yaml")):
                report = yaml.safe_load(path.read_text(encoding="utf-8"))
                facts += _clone_facts(report, factor)
                path.write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), encoding="utf-8")
            (project / "data" / "translations.lock.json").unlink(missing_ok=True)
            seconds = timed_build(project)
            results.append({"factor": factor, "facts": facts, "seconds": seconds, "ms_per_fact": 1000 * seconds / facts})
    return results


# -- 3. first view of every page, 5. Lighthouse ------------------------------------

# What a reader downloads only on opening search or the language switcher.
ON_DEMAND = ("search_index.json", "/workers/search.", "/lunr/", "sitemap.xml")
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"


def bench_site(work: Path, port: int) -> Path:
    """The site built as it is published, with its address (SITE_URL) set to where it is
    served here, so canonical and hreflang links are absolute, as on the real site."""
    site = work / "site"
    subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "--site-dir", str(site)], cwd=ROOT, check=True,
                   env={**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"}, capture_output=True)
    return site


def site_pages(site: Path) -> list[str]:
    return sorted("" if index.parent == site else index.parent.relative_to(site).as_posix() + "/"
                  for index in site.rglob("index.html"))


def first_views(base: str, pages: list[str]) -> list[dict]:
    """Per page: requests, bytes as sent (gzip), elements once the scripts ran, and whether
    anything that should wait for the reader was downloaded. Phone viewport."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
            page = context.new_page()
            requests: list = []
            page.on("requestfinished", lambda request: requests.append(request))
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(300)
            sizes = [(r.url, r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]) for r in requests]
            out.append({
                "page": "/" + path,
                "requests": len(sizes),
                "bytes": sum(size for _, size in sizes),
                "origins": len({urlsplit(url).netloc for url, _ in sizes}),
                "on_demand": [urlsplit(url).path for url, _ in sizes if any(part in url for part in ON_DEMAND)],
                "elements": page.evaluate("document.getElementsByTagName('*').length"),
                "largest": sorted(((urlsplit(url).path, size) for url, size in sizes), key=lambda item: -item[1])[:4],
            })
            context.close()
        browser.close()
    return out


def lighthouse(base: str, pages: list[str]) -> list[dict]:
    """Lighthouse's mobile preset on each page, one at a time (its performance score is a
    timing: another process running at the same time lowers it)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        for path in pages:
            subprocess.run(["node", str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                            "--only-categories=performance,accessibility,best-practices,seo",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           env={**os.environ, "CHROME_PATH": chromium_path()}, check=True, capture_output=True)
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {key: round(category["score"] * 100) for key, category in data["categories"].items()}
            failed = sorted(ref["id"] for category in data["categories"].values() for ref in category["auditRefs"]
                            if ref.get("weight") and (data["audits"][ref["id"]].get("score") is not None)
                            and data["audits"][ref["id"]]["score"] < 1 and category["id"] != "performance")
            audits = data["audits"]
            out.append({"page": "/" + path, **scores, "failed": failed,
                        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
                        "tbt": audits["total-blocking-time"]["numericValue"],
                        "cls": audits["cumulative-layout-shift"]["numericValue"]})
    return out


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's own markup, which this project neither writes nor overrides (as in tests/test_markup.py).
MATERIAL_ONLY = ("Attribute “autocomplete” is only allowed when the input type is",)


def nu_checker(site: Path) -> dict:
    """The Nu HTML Checker's errors over the built site: ours, and Material's own (listed)."""
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    material = [m for m in messages if any(part in m["message"] for part in MATERIAL_ONLY)]
    ours = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m not in material]
    return {"files": len(list(site.rglob("*.html"))), "ours": ours,
            "material": sorted({m["message"] for m in material}), "material_count": len(material)}


def loading(runs_lighthouse: bool = True) -> dict:
    """Sections 3 and 5, on one build served gzipped on a fixed free port."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = bench_site(Path(tmp), port)
        server, base = serve(site, gzipped=True, port=port)
        try:
            pages = [page for page in site_pages(site) if page != "404/"]
            result = {"first_views": first_views(base, pages), "nu": nu_checker(site)}
            if runs_lighthouse:
                if not LIGHTHOUSE.exists():
                    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT / "bench" / "lighthouse", check=True)
                result["lighthouse"] = lighthouse(base, pages)
        finally:
            server.shutdown()
    return result


# -- 4. edit to reload -----------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_to_reload(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        port = _free_port()
        server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                                  cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                page = browser.new_context(bypass_csp=True).new_page()  # the probe below is evaluated script
                deadline = time.time() + 120
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}/en/xingu/", wait_until="load")
                        break
                    except Exception:
                        if time.time() > deadline:
                            raise
                        time.sleep(0.5)
                ui = project / "data" / "ui.yaml"
                original = ui.read_text(encoding="utf-8")
                for run in range(runs):
                    marker = f"Link to this fact {run}-{int(time.time())}"
                    page.wait_for_timeout(1500)
                    start = time.perf_counter()
                    ui.write_text(original.replace("en: Link to this fact}", f"en: {marker}}}"), encoding="utf-8")
                    page.wait_for_function(f"document.body && document.body.innerHTML.includes({marker!r})", timeout=60000)
                    times.append(time.perf_counter() - start)
                ui.write_text(original, encoding="utf-8")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"runs": runs, "median": statistics.median(times), "max": max(times), "times": times}


# -- report ----------------------------------------------------------------------

def _home_pages(views: list[dict]) -> list[dict]:
    return [v for v in views if v["page"] in ("/", "/en/")]


def report(results: dict) -> str:
    b, e = results["bare"], results["reload"]
    views, scores = results["first_views"], results.get("lighthouse", [])
    ok = lambda good: "meets the target" if good else "**misses the target**"  # noqa: E731
    lines = [
        "# Benchmark report",
        "",
        f"Measured {results['when']} on {results['machine']}. Reproduce with `make bench` (about 25 minutes; "
        "Lighthouse comes from `bench/lighthouse/package-lock.json`, installed on first use).",
        "",
        "## 1. Full build against a bare Material + i18n build",
        "",
        f"The same {b['pages']} pages (both languages): ours {b['ours']:.2f} s, bare {b['bare']:.2f} s, "
        f"median of {b['runs']} alternating runs. Ratio **{b['ratio']:.2f}** (target at most 1.15): {ok(b['ratio'] <= 1.15)}.",
        "",
        "## 2. Scaling with the number of facts",
        "",
        "| data | facts | build (s) | ms per fact |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {r['factor']}x | {r['facts']} | {r['seconds']:.2f} | {r['ms_per_fact']:.2f} |" for r in results["scaling"]]
    s = results["scaling"]
    marginal = [(s[i + 1]["seconds"] - s[i]["seconds"]) / (s[i + 1]["facts"] - s[i]["facts"]) * 1000 for i in range(len(s) - 1)]
    lines += ["", "Marginal cost per added fact: " + ", ".join(f"{m:.2f} ms" for m in marginal)
              + " (a linear build keeps this roughly constant; a quadratic step would make it grow with the data).", ""]
    homes, heaviest = _home_pages(views), max(views, key=lambda v: v["bytes"])
    most = max(views, key=lambda v: v["elements"])
    early = [v["page"] for v in views if v["on_demand"]]
    lines += [
        "## 3. A reader's first view of every page",
        "",
        "Built with `SITE_URL` set, served gzipped (as GitHub Pages serves it), opened in Chromium at a phone's "
        "412 px viewport; bytes as sent (headers included) until the network is idle.",
        "",
        "- Home pages: " + ", ".join(f"{v['page']} {v['bytes'] / 1024:.1f} KB" for v in homes) + " "
        f"(target at most 80 KB: {ok(all(v['bytes'] <= 80 * 1024 for v in homes))}).",
        f"- Heaviest page: {heaviest['page']} {heaviest['bytes'] / 1024:.1f} KB (target at most 100 KB on any page: "
        f"{ok(heaviest['bytes'] <= 100 * 1024)}).",
        f"- Search index, search worker, language files or sitemaps downloaded before the reader asked: "
        f"{', '.join(early) if early else 'on no page'} ({ok(not early)}).",
        f"- Most elements: {most['page']} {most['elements']} (target at most 1,400 on every page: {ok(most['elements'] <= 1400)}).",
        f"- Origins: {max(v['origins'] for v in views)} ({ok(max(v['origins'] for v in views) == 1)}: nothing from another origin).",
        "",
        "| page | requests | KB (gzip) | elements | largest files (KB) |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    lines += [f"| {v['page']} | {v['requests']} | {v['bytes'] / 1024:.1f} | {v['elements']} | "
              + ", ".join(f"`{path}` {size / 1024:.1f}" for path, size in v["largest"][:3]) + " |" for v in views]
    lines += [
        "",
        "## 4. Saving a YAML edit to the reloaded page under `make serve`",
        "",
        f"Median {e['median']:.2f} s, worst {e['max']:.2f} s over {e['runs']} edits (target under 2 s): {ok(e['median'] < 2)}.",
        "",
    ]
    nu = results.get("nu")
    if nu:
        lines += [
            "## 5. The Nu HTML Checker",
            "",
            f"Over {nu['files']} HTML files: {len(nu['ours'])} error(s) in markup this project writes or overrides "
            f"({ok(not nu['ours'])}); {nu['material_count']} from Material's own partials, which this project does not "
            "override: " + ("; ".join(f"“{m}”" for m in nu["material"]) or "none") + ".",
            "",
        ]
        lines += [f"- {error}" for error in nu["ours"][:30]]
    if scores:
        worst = {key: min(r[key] for r in scores) for key in ("performance", "accessibility", "best-practices", "seo")}
        lines += [
            "## 6. Lighthouse on every page",
            "",
            "Lighthouse 12.2.3, mobile preset (simulated slow 4G, 4× CPU slowdown), Debian's Chromium, on the "
            "gzip-serving local server above; one page at a time.",
            "",
            f"Lowest scores: performance {worst['performance']} (target at least 95: {ok(worst['performance'] >= 95)}), "
            f"accessibility {worst['accessibility']}, best practices {worst['best-practices']}, SEO {worst['seo']} "
            f"(target 100 each: {ok(min(worst['accessibility'], worst['best-practices'], worst['seo']) == 100)}).",
            "",
            "| page | performance | accessibility | best practices | SEO | LCP (s) | TBT (ms) | CLS | audits failed |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        lines += [f"| {r['page']} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} | "
                  f"{r['lcp']:.1f} | {r['tbt']:.0f} | {r['cls']:.3f} | {', '.join(r['failed']) or '–'} |" for r in scores]
        lines.append("")
    history = results.get("history")
    if history:
        lines += [
            "## 7. The data's history",
            "",
            f"A full build of a repository with {history['releases']} releases (tags, each correcting a value) against "
            f"the same repository without its tags, median of {history['runs']} alternating runs: "
            f"{history['median']['with']:.2f} s against {history['median']['without']:.2f} s, "
            f"**{history['percent']:+.0f}%** (target at most +20%: {ok(history['percent'] <= 20)}).",
            "",
        ]
    return "\n".join(lines)


def summary(results: dict) -> str:
    """The lines README.md shows (between its bench markers)."""
    b, e, s = results["bare"], results["reload"], results["scaling"]
    views, scores = results["first_views"], results.get("lighthouse", [])
    homes, heaviest = _home_pages(views), max(views, key=lambda v: v["bytes"])
    rows = [
        "| measure | result | target |",
        "| --- | --- | --- |",
        f"| full build against bare Material + i18n (same pages) | ratio {b['ratio']:.2f} ({b['ours']:.1f} s vs {b['bare']:.1f} s) | at most 1.15 |",
        "| build time per fact at 1x / 10x / 100x data | " + " / ".join(f"{r['ms_per_fact']:.1f} ms" for r in s) + " | linear |",
        "| first view of the home pages (gzip, phone) | " + " / ".join(f"{v['bytes'] / 1024:.0f} KB" for v in homes) + " | at most 80 KB |",
        f"| first view of the heaviest page ({heaviest['page']}) | {heaviest['bytes'] / 1024:.0f} KB | at most 100 KB |",
        "| search or sitemap files before the reader asks | " + ("none" if not any(v["on_demand"] for v in views) else "some") + " | none |",
        f"| most elements on a page | {max(v['elements'] for v in views)} | at most 1,400 |",
        f"| YAML edit to reloaded page under `make serve` | {e['median']:.1f} s | under 2 s |",
    ]
    if results.get("history"):
        rows.append(f"| full build with 10 data releases against none | {results['history']['percent']:+.0f}% | at most +20% |")
    if scores:
        rows.append("| Lighthouse, lowest over every page: performance / accessibility / best practices / SEO | "
                    + " / ".join(str(min(r[key] for r in scores)) for key in ("performance", "accessibility", "best-practices", "seo"))
                    + " | 95 / 100 / 100 / 100 |")
    rows += ["", f"Measured {results['when']} on {results['machine']}; details in `bench/REPORT.md`; reproduce with `make bench`."]
    return "\n".join(rows)


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in content and end in content:
        head, rest = content.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip section 6 (about 12 minutes)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "REPORT.md"))
    args = parser.parse_args()
    results = {
        "when": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "bare": against_bare(args.runs),
    }
    print("1.", results["bare"], flush=True)
    results["scaling"] = scaling([int(x) for x in args.factors.split(",")])
    print("2.", results["scaling"], flush=True)
    results.update(loading(not args.no_lighthouse))
    print("3.", [(v["page"], v["bytes"], v["elements"]) for v in results["first_views"]], flush=True)
    print("6.", [(r["page"], r["performance"], r["accessibility"], r["best-practices"], r["seo"]) for r in results.get("lighthouse", [])], flush=True)
    results["reload"] = edit_to_reload(args.runs)
    import bench_history

    results["history"] = bench_history.measure(10, max(args.runs, 5))
    print("7.", {k: v for k, v in results["history"].items() if k != "timings"}, flush=True)
    print("4.", results["reload"], flush=True)
    out = Path(args.out)
    out.parent.mkdir(exist_ok=True)
    out.write_text(report(results), encoding="utf-8")
    (out.parent / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    update_readme(summary(results))
    print(f"wrote {out.relative_to(ROOT)} and the summary in README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
