"""Finding glossary terms in running text, in both languages.

Markdown's `abbr` needs word boundaries, which Chinese text does not have (STACK.md 8),
so terms are found here, in the plain text, before it is escaped: Chinese forms as
substrings, English forms on word boundaries and in any case. The longest form wins
where forms overlap (局区合一 before 局区).
"""

from __future__ import annotations

import re

from ..model.dataset import Term

_CJK = re.compile(r"[\u3400-\u9fff]")


class TermMatcher:
    """Finds a language's term forms in text. Most texts hold few of the forms: a substring
    test picks the candidates, and only they go into the regular expression (cached per set
    of candidates); results are cached per text, which recurs across pages."""

    def __init__(self, terms: dict[str, Term]):
        self.terms = terms  # lowercased form -> term
        self._patterns: dict[tuple[str, ...], re.Pattern] = {}
        self._segments: dict[str, list[tuple[str, Term | None]]] = {}

    def _pattern(self, text: str) -> re.Pattern | None:
        lowered = text.lower()
        candidates = tuple(form for form in self.terms if form in lowered)
        if not candidates:
            return None
        if candidates not in self._patterns:
            ordered = sorted(candidates, key=len, reverse=True)
            self._patterns[candidates] = re.compile("|".join(_form_pattern(f) for f in ordered), re.IGNORECASE)
        return self._patterns[candidates]

    def segments(self, text: str) -> list[tuple[str, Term | None]]:
        """Split text into plain runs and terms; only a term's first appearance is marked."""
        if text in self._segments:
            return self._segments[text]
        pattern = self._pattern(text)
        out: list[tuple[str, Term | None]] = []
        seen: set[str] = set()
        position = 0
        for match in pattern.finditer(text) if pattern else ():
            term = self.terms[match.group(0).lower()]
            if term.id in seen:
                continue
            seen.add(term.id)
            if match.start() > position:
                out.append((text[position:match.start()], None))
            out.append((match.group(0), term))
            position = match.end()
        if position < len(text) or not out:
            out.append((text[position:], None))
        self._segments[text] = out
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
    return TermMatcher(forms)


def search_words(terms: tuple[Term, ...]) -> list[str]:
    """Chinese words the search engine's segmenter (jieba) must keep whole."""
    words = []
    for term in terms:
        for form in term.forms("zh"):
            if _CJK.search(form) and form not in words:
                words.append(form)
    return words


_MARK = re.compile(r'<a class="rr-term" href="([^"]*)" data-tip="[^"]*">(.*?)</a>|<h2[\s>]', re.S)


def first_marks_per_section(html: str) -> str:
    """Keep a term's mark (link and tooltip) on its first appearance in each section of the
    page (up to the next `<h2>`) and leave later ones as plain text, as references do. A report
    page marked every appearance in every fact card: about 120 links, which took it over
    the 1,400 elements a phone renders quickly."""
    seen: set[str] = set()

    def keep_or_unwrap(match: re.Match) -> str:
        if match.group(1) is None:  # a section heading: the next section marks afresh
            seen.clear()
            return match.group(0)
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return _MARK.sub(keep_or_unwrap, html)
