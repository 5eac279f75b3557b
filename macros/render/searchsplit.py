"""One search index per language.

mkdocs-static-i18n merges both languages' entries into the root search index, so a
search on the Chinese site returned English pages too. After the last build, the index
is split: Chinese entries stay at `search/search_index.json`, English ones move to
`en/search/search_index.json` with their locations made relative to `en/`; English
pages' search configuration points there (`english_base`).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

LUNR_LANGUAGES = {"zh": ["zh"], "en": ["en"]}


def split(index: dict, prefixes: dict[str, str]) -> dict[str, dict]:
    """{lang: index}: each language's entries, with locations relative to its own root."""
    out = {}
    for lang, prefix in prefixes.items():
        part = copy.deepcopy(index)
        others = [p for p in prefixes.values() if p and p != prefix]
        if prefix:
            docs = [d for d in index["docs"] if d["location"].startswith(prefix)]
            part["docs"] = [{**d, "location": d["location"][len(prefix):]} for d in docs]
        else:
            part["docs"] = [d for d in index["docs"] if not any(d["location"].startswith(p) for p in others)]
        part["config"] = {**index["config"], "lang": LUNR_LANGUAGES.get(lang, index["config"].get("lang", []))}
        out[lang] = part
    return out


def write_split(site_dir: Path, prefixes: dict[str, str]) -> None:
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    parts = split(json.loads(path.read_text(encoding="utf-8")), prefixes)
    for lang, prefix in prefixes.items():
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(parts[lang], ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def with_language_base(html: str, prefix: str) -> str:
    """Point a page's search (Material's `config.base`) at its language's root."""
    def rebase(match: re.Match) -> str:
        config = json.loads(match.group(2))
        # A trailing slash, or the browser resolves "search/…" against the parent folder.
        base = config["base"].rstrip("/")
        config["base"] = f"{base}/{prefix}" if base not in ("", ".") else prefix
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return _CONFIG.sub(rebase, html, count=1)
