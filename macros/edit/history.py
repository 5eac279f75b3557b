"""The data's releases, from git: each `vMAJOR.MINOR.PATCH` tag on the built commit's history,
its date and note, and what changed in the data since the release before it.

A release is a tag (editors make it on GitHub's Releases page). Its date is the tag's own
date for an annotated tag, else its commit's; its note is the tag's message, if any. What
changed is `datadiff.diff_datasets` between the data at one release and the data at the one
before, so the Changes page, the fact cards, the feed, `changes.json` and the pull-request
comment all rest on one comparison.

Read once per process (`history_for` caches it, as `model.store` caches the data): the tags'
ids and the built data decide whether the cached history still holds. No network, ever: a
shallow clone or a tarball without tags has no history, which is said once in the log and
is never an error.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import datadiff
from .datadiff import DataChanges, FactChange
from ..model.dataset import Dataset

TAG = re.compile(r"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# One line per tag; fields apart by a unit separator, which no tag name or date holds. The
# note (subject and body) comes last and may hold anything but that separator.
_SEP = "\x1f"
_FORMAT = _SEP.join(["%(refname:strip=2)", "%(objecttype)", "%(objectname)", "%(*objectname)",
                     "%(taggerdate:iso-strict)", "%(committerdate:iso-strict)", "%(*committerdate:iso-strict)",
                     "%(contents:subject)", "%(contents:body)"]) + "\x1e"


@dataclass(frozen=True)
class Tag:
    """A release as git knows it, before its data is read."""

    name: str
    version: tuple[int, int, int]
    commit: str
    date: datetime.date
    note: str


@dataclass(frozen=True)
class Release:
    tag: str
    version: tuple[int, int, int]
    date: datetime.date
    note: str
    commit: str
    facts: int  # how many facts its data holds (0 when it could not be read)
    # What changed since the release before; None for the first release (nothing before it)
    # and for a release whose data today's checks cannot read (`problem` says why).
    changes: DataChanges | None
    problem: str = ""

    @property
    def anchor(self) -> str:
        """Its heading's id on the Changes page: `v1-2-0` (no dots: they read as classes in CSS)."""
        return self.tag.replace(".", "-")


@dataclass(frozen=True)
class Revision:
    """The latest change to a fact since its first release: in `release` (None: changed on
    main since the latest release, not yet released), the fields that changed, the id it had
    in that release."""

    release: Release | None
    change: FactChange


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...] = ()  # newest first
    # The built data against the newest release; None without releases or without changes.
    unreleased: DataChanges | None = None
    # Each release's data, by tag (for its downloads); a release that cannot be read is absent.
    datasets: dict[str, Dataset] = field(default_factory=dict, compare=False)
    # Why there is no history (no git, no tags): said once in the build's log.
    note: str = ""
    # For each release's facts: the id that fact has in the built data (None: gone since).
    current_ids: dict[str, dict[str, str | None]] = field(default_factory=dict, compare=False)
    revisions: dict[str, Revision] = field(default_factory=dict, compare=False)

    @property
    def latest(self) -> Release | None:
        return self.releases[0] if self.releases else None

    def current_id(self, release: Release | None, fact_id: str) -> str | None:
        """The id a fact named in a release's changes has in the built data, or None."""
        if release is None:
            return fact_id if fact_id in self.current_ids.get("", {}) else None
        return self.current_ids.get(release.tag, {}).get(fact_id)


# ---------------------------------------------------------------------------
# Tags

def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    except OSError as error:  # no git at all: no history
        return subprocess.CompletedProcess(["git", *args], 127, "", str(error))


def _day(iso: str) -> datetime.date:
    """The day of an ISO 8601 time, in the time zone it was written in (the tagger's)."""
    return datetime.date.fromisoformat(iso[:10])


def release_tags(project_root: Path) -> tuple[list[Tag], str]:
    """The release tags reachable from HEAD, newest version first, and a note when there are
    none (not a git repository, a shallow clone, no tags)."""
    inside = _git(["rev-parse", "--is-inside-work-tree"], project_root)
    if inside.returncode != 0:
        return [], "no git repository here (a tarball?): the Changes page lists no releases"
    listed = _git(["for-each-ref", "--merged", "HEAD", f"--format={_FORMAT}", "refs/tags/v*"], project_root)
    if listed.returncode != 0:
        return [], f"git could not list the tags ({listed.stderr.strip()}): the Changes page lists no releases"
    tags = []
    for record in listed.stdout.split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        name, kind, obj, target, tagger, committer, target_committer, subject, body = (record.split(_SEP) + [""] * 9)[:9]
        match = TAG.match(name)
        if not match:
            continue
        commit = target if kind == "tag" else obj
        when = tagger if kind == "tag" and tagger else (target_committer or committer)
        note = "\n\n".join(part.strip() for part in (subject, body) if part.strip()) if kind == "tag" else ""
        tags.append(Tag(name, tuple(int(g) for g in match.groups()), commit, _day(when), note))
    tags.sort(key=lambda tag: tag.version, reverse=True)
    if not tags:
        shallow = _git(["rev-parse", "--is-shallow-repository"], project_root).stdout.strip() == "true"
        why = "a shallow clone" if shallow else "no tag vX.Y.Z on this branch"
        return [], f"no data releases ({why}): the Changes page lists no releases"
    return tags, ""


def tags_fingerprint(project_root: Path) -> tuple:
    """What decides whether a cached history still holds: the tags and the commit built."""
    head = _git(["rev-parse", "HEAD"], project_root).stdout.strip()
    tags = _git(["for-each-ref", "--format=%(refname) %(objectname)", "refs/tags/v*"], project_root).stdout
    return head, tags


# ---------------------------------------------------------------------------
# The history

def _data_trees(tags: list[Tag], project_root: Path, data_path: str) -> dict[str, str]:
    """The id of the data folder's tree at each tag, in one call: releases with the same
    data share one load."""
    listed = _git(["rev-parse", *(f"{tag.commit}:./{data_path}" for tag in tags)], project_root)
    ids = listed.stdout.split() if listed.returncode == 0 else []
    return dict(zip((tag.name for tag in tags), ids)) if len(ids) == len(tags) else {}


def _load_releases(tags: list[Tag], project_root: Path, data_path: str) -> dict[str, tuple[Dataset | None, str]]:
    trees = _data_trees(tags, project_root, data_path)
    loaded: dict[str, tuple[Dataset | None, str]] = {}
    by_tree: dict[str, tuple[Dataset | None, str]] = {}
    for tag in tags:
        tree = trees.get(tag.name)
        if tree and tree in by_tree:
            loaded[tag.name] = by_tree[tree]
            continue
        try:
            # Pending translations of a past release do not matter here (stale=False).
            dataset, problems = datadiff.dataset_at_ref(tag.commit, project_root, data_path, stale=False)
            result = (dataset, "" if dataset else f"{len(problems)} problem(s) by today's checks, first: {problems[0]}")
        except ValueError as error:
            result = (None, str(error))
        loaded[tag.name] = result
        if tree:
            by_tree[tree] = result
    return loaded


def build_history(current: Dataset, project_root: Path, data_path: str = "data") -> History:
    """The releases of the data (see the module's docstring) and what changed in each."""
    tags, note = release_tags(project_root)
    if not tags:
        return History(note=note, current_ids={"": {fact_id: fact_id for fact_id in current.facts}})
    loaded = _load_releases(tags, project_root, data_path)
    oldest_first = list(reversed(tags))
    releases: list[Release] = []
    previous: Dataset | None = None
    problems = []
    for index, tag in enumerate(oldest_first):
        dataset, problem = loaded[tag.name]
        if dataset is None:
            problems.append(f"{tag.name}: {problem}")
            releases.append(Release(tag.name, tag.version, tag.date, tag.note, tag.commit, 0, None, problem))
            continue
        changes = datadiff.diff_datasets(previous, dataset) if previous is not None else None
        releases.append(Release(tag.name, tag.version, tag.date, tag.note, tag.commit, len(dataset.facts), changes))
        previous = dataset
    unreleased = None
    if previous is not None:
        unreleased = datadiff.diff_datasets(previous, current)
        if not unreleased.facts:
            unreleased = None
    history = History(
        releases=tuple(reversed(releases)),
        unreleased=unreleased,
        datasets={name: dataset for name, (dataset, _) in loaded.items() if dataset is not None},
        note="; ".join(f"the data at {p} could not be read" for p in problems),
    )
    _trace(history, current)
    return history


def _renamed_in(changes: DataChanges | None) -> dict[str, str]:
    """New id -> former id, for the facts a release renamed."""
    out = {}
    for change in changes.facts if changes else ():
        for item in change.fields:
            if item.field == "id" and item.old and item.new:
                out[item.new["en"]] = item.old["en"]
    return out


def _trace(history: History, current: Dataset) -> None:
    """Walk back from the built data, release by release: which id each fact had, and each
    current fact's latest revision (its latest change, not its addition)."""
    alias: dict[str, str | None] = {fact_id: fact_id for fact_id in current.facts}  # id then -> id now
    history.current_ids[""] = dict(alias)
    steps: list[tuple[Release | None, DataChanges | None]] = [(None, history.unreleased)]
    steps += [(release, release.changes) for release in history.releases]
    for release, changes in steps:
        if release is not None:
            history.current_ids[release.tag] = dict(alias)
        for change in changes.facts if changes else ():
            now = alias.get(change.fact_id)
            if change.status == "changed" and now and now not in history.revisions:
                history.revisions[now] = Revision(release, change)
        for new_id, former in _renamed_in(changes).items():
            alias[former] = alias.pop(new_id, None)
        for change in changes.facts if changes else ():
            if change.status == "added":
                alias.pop(change.fact_id, None)  # it did not exist before this step
        # A fact removed in this step existed before it, under the id it had; it is not here now.
        for change in changes.facts if changes else ():
            if change.status == "removed":
                alias[change.fact_id] = None


# ---------------------------------------------------------------------------
# Once per process

_cache: dict[Path, tuple[tuple, int, History]] = {}


def history_for(current: Dataset, project_root: Path, data_path: str = "data") -> History:
    """`build_history`, computed once per process for given tags, commit and data."""
    key = project_root.resolve()
    fingerprint = tags_fingerprint(project_root)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint and cached[1] == id(current):
        return cached[2]
    history = build_history(current, project_root, data_path)
    _cache[key] = (fingerprint, id(current), history)
    return history
