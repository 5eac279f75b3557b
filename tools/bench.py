"""`make bench`: how fast the site builds and loads. A benchmark, not a test: it measures
and reports (bench/REPORT.md), and compares with targets; it does not fail a build.

1. The full bilingual build against a bare Material + i18n build of the same pages written
   as plain Markdown (the Markdown our macros produce, captured in the same run), timed
   alternately in the same run; the ratio (target at most 1.15).
2. Scaling: the data at 1x, 10x and 100x today's fact count (each fact cloned under new
   ids), build time per fact.
3. A reader's first view of the home page: requests, bytes (gzipped) and origins
   (target at most 5 requests, 80 KB, one origin).
4. Under `mkdocs serve`, the time from saving a YAML edit to the reloaded page showing
   it (target under 2 s).
"""

from __future__ import annotations

import argparse
import copy
import datetime
import gzip
import json
import os
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
    lang = config["theme"]["language"]
    meta = {k: str(v) for k, v in page.meta.items() if k in ("title", "description")}
    if "hide" in page.meta: meta["hide"] = list(page.meta["hide"])
    name = page.file.src_uri
    target = out / name
    if lang != "zh" and not name.endswith(".en.md"):
        return rendered
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n\n" + rendered, encoding="utf-8")
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


# -- 3. first view ---------------------------------------------------------------

def first_view(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    requests: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()

            def record(response):
                body = response.body() if response.ok else b""
                requests.append({"url": response.url, "bytes": len(body), "gzip": len(gzip.compress(body, 9))})

            page.on("response", record)
            page.goto(base, wait_until="networkidle")
            page.wait_for_timeout(500)
            browser.close()
    finally:
        server.shutdown()
    origins = sorted({f"{urlsplit(r['url']).scheme}://{urlsplit(r['url']).netloc}" for r in requests})
    return {"requests": len(requests), "bytes": sum(r["bytes"] for r in requests), "gzip": sum(r["gzip"] for r in requests),
            "origins": len(origins), "largest": sorted(requests, key=lambda r: -r["gzip"])[:6]}


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

def report(results: dict) -> str:
    b, f, e = results["bare"], results["first_view"], results["reload"]
    ok = lambda good: "meets the target" if good else "**misses the target**"  # noqa: E731
    lines = [
        "# Benchmark report",
        "",
        f"Measured {results['when']} on {results['machine']}. Reproduce with `make bench` (about ten minutes).",
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
    lines += [
        "## 3. A reader's first view of the home page",
        "",
        f"{f['requests']} requests, {f['gzip'] / 1024:.0f} KB gzipped ({f['bytes'] / 1024:.0f} KB raw), {f['origins']} origin(s). "
        f"Targets: at most 5 requests ({ok(f['requests'] <= 5)}), 80 KB ({ok(f['gzip'] <= 80 * 1024)}), one origin ({ok(f['origins'] == 1)}).",
        "",
        "Largest (gzipped): " + "; ".join(f"`{urlsplit(r['url']).path}` {r['gzip'] / 1024:.0f} KB" for r in f["largest"]),
        "",
        "## 4. Saving a YAML edit to the reloaded page under `make serve`",
        "",
        f"Median {e['median']:.2f} s, worst {e['max']:.2f} s over {e['runs']} edits (target under 2 s): {ok(e['median'] < 2)}.",
        "",
    ]
    return "\n".join(lines)


def summary(results: dict) -> str:
    """The lines README.md shows (between its bench markers)."""
    b, f, e, s = results["bare"], results["first_view"], results["reload"], results["scaling"]
    return "\n".join([
        f"| measure | result | target |",
        f"| --- | --- | --- |",
        f"| full build against bare Material + i18n (same pages) | ratio {b['ratio']:.2f} ({b['ours']:.1f} s vs {b['bare']:.1f} s) | at most 1.15 |",
        f"| build time per fact at 1x / 10x / 100x data | " + " / ".join(f"{r['ms_per_fact']:.1f} ms" for r in s) + " | linear |",
        f"| first view of the home page | {f['requests']} requests, {f['gzip'] / 1024:.0f} KB gzipped, {f['origins']} origin | 5 requests, 80 KB, 1 origin |",
        f"| YAML edit to reloaded page under `make serve` | {e['median']:.1f} s | under 2 s |",
        "",
        f"Measured {results['when']} on {results['machine']}; details in `bench/REPORT.md`; reproduce with `make bench`.",
    ])


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
    site = ROOT / "site"
    if not (site / "index.html").exists():
        subprocess.run(["make", "site"], cwd=ROOT, check=True)
    results["first_view"] = first_view(site)
    print("3.", {k: v for k, v in results["first_view"].items() if k != "largest"}, flush=True)
    results["reload"] = edit_to_reload(args.runs)
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
