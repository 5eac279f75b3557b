"""Finding glossary terms in running text, in both languages.

Markdown's `abbr` needs word boundaries, which Chinese text does not have (STACK.md 8),
so terms are found here, in the plain text, before it is escaped: Chinese forms as
substrings, English forms on word boundaries and in any case. The longest form wins
where forms overlap (局区合一 before 局区).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Term

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class TermMatcher:
    pattern: re.Pattern | None
    terms: dict[str, Term] = field(default_factory=dict)  # lowercased form -> term

    def segments(self, text: str) -> list[tuple[str, Term | None]]:
        """Split text into plain runs and terms; only a term's first appearance is marked."""
        if self.pattern is None:
            return [(text, None)]
        out: list[tuple[str, Term | None]] = []
        seen: set[str] = set()
        position = 0
        for match in self.pattern.finditer(text):
            term = self.terms[match.group(0).lower()]
            if term.id in seen:
                continue
            seen.add(term.id)
            if match.start() > position:
                out.append((text[position:match.start()], None))
            out.append((match.group(0), term))
            position = match.end()
        if position < len(text):
            out.append((text[position:], None))
        return out

    def found(self, text: str) -> set[str]:
        """Ids of the terms that appear in text."""
        return {term.id for _, term in self.segments(text) if term is not None}


def _form_pattern(form: str) -> str:
    escaped = re.escape(form)
    if _CJK.search(form):
        return escaped
    # English: whole words only, so "statutory body" is not found inside "statutory bodyguard".
    return rf"(?<![\w-]){escaped}(?![\w-])"


def matcher_for(terms: tuple[Term, ...], lang: str) -> TermMatcher:
    """A matcher for pages in `lang`. English pages also find the Chinese forms, which stand
    in brackets beside an English rendering."""
    forms: dict[str, Term] = {}
    for term in terms:
        candidates = list(term.forms(lang))
        if lang != "zh":
            candidates += list(term.forms("zh"))
        for form in candidates:
            forms.setdefault(form.lower(), term)
    if not forms:
        return TermMatcher(None)
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile("|".join(_form_pattern(f) for f in ordered), re.IGNORECASE)
    return TermMatcher(pattern, forms)


def search_words(terms: tuple[Term, ...]) -> list[str]:
    """Chinese words the search engine's segmenter (jieba) must keep whole."""
    words = []
    for term in terms:
        for form in term.forms("zh"):
            if _CJK.search(form) and form not in words:
                words.append(form)
    return words
