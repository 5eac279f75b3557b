"""What the data's history costs a full build: `python tools/bench_history.py [--releases N] [--runs R]`.

Makes a copy of the project in a temporary git repository with N releases (tags, each
correcting one value; tools/releases.py), then times `mkdocs build --strict` there with the
tags and with the tags deleted (no history), R times each, alternating, and prints the
medians and the difference. The issue's budget: at most 20% for 10 releases.
A benchmark, not a test: its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from releases import synthetic_releases  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "--site-dir", str(site)],
                            cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stdout[-3000:] + result.stderr[-3000:])
    return elapsed


def measure(releases: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="reform-bench-history-") as tmp:
        with_tags = synthetic_releases(Path(tmp) / "tagged", releases)
        without = synthetic_releases(Path(tmp) / "untagged", releases)
        tags = subprocess.run(["git", "tag"], cwd=without, capture_output=True, text=True, check=True).stdout.split()
        subprocess.run(["git", "tag", "-d", *tags], cwd=without, capture_output=True, check=True)
        build(with_tags, Path(tmp) / "warm")  # caches (Python bytecode, fonts) warm for both
        timings: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(runs):
            timings["without"].append(build(without, Path(tmp) / "site-without"))
            timings["with"].append(build(with_tags, Path(tmp) / "site-with"))
    medians = {key: statistics.median(values) for key, values in timings.items()}
    return {"releases": releases, "runs": runs, "timings": timings, "median": medians,
            "added": medians["with"] - medians["without"],
            "percent": (medians["with"] / medians["without"] - 1) * 100}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    result = measure(args.releases, args.runs)
    print(f"full build, {result['releases']} releases, median of {result['runs']} runs each:")
    print(f"  without tags (no history): {result['median']['without']:.2f} s  {[round(t, 2) for t in result['timings']['without']]}")
    print(f"  with tags (history):       {result['median']['with']:.2f} s  {[round(t, 2) for t in result['timings']['with']]}")
    print(f"  history adds {result['added']:.2f} s ({result['percent']:+.1f}%; budget +20%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
