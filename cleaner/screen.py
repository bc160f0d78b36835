"""Cheap screens in front of expensive patterns.

A lexicon pattern (edges checked by lookarounds, Unicode classes) makes the
``regex`` engine try every position of the text. The same words as a trie in
the standard ``re`` module are found by a fast prefix scan; the full pattern
then runs only where they occur, with the same matches. Stages declare the
literal words their patterns start from (``declare``); one scan per text
(``Context.words_in``) tells each stage whether any of its words occurs.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Mapping

import regex

_DECLARED: list[Callable] = []


def declare(words: Callable) -> Callable:
    """Register a function of the lexicons giving literal words a stage screens for."""
    _DECLARED.append(words)
    return words


def trie(words: Iterable[str], tails: Mapping[str, str] | None = None) -> str:
    """A ``re`` pattern matching any of the words, factored by common prefixes
    (the engine then tests one branch per character, not every word); a word in
    ``tails`` matches only where its tail pattern follows it."""
    tails = tails or {}
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = tails.get(word, "")

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        tail = node.get("")
        if tail:  # the word ending here, after every longer one
            return f"(?:{'|'.join(branches + [tail])})" if branches else tail
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 and tail is None else f"(?:{'|'.join(branches)})"
        return group + "?" if tail is not None else group

    return emit(root) or "(?!)"


@lru_cache(maxsize=512)
def alternation(words: frozenset[str] | tuple[str, ...], flags: int = 0) -> re.Pattern:
    """The words as one ``re`` pattern; matches nothing when empty."""
    return re.compile(trie(words), flags)


class WordScreen:
    """Which of many literal words a text holds, in one scan.

    The scan looks for each word's key, its part from the first capital letter
    on (`the Mayor` → `Mayor`): capitals are rare in text, so the engine enters
    the pattern at few positions."""

    def __init__(self, words: Iterable[str]):
        self.words_of: dict[str, set[str]] = {}
        for word in filter(None, words):
            self.words_of.setdefault(_key(word), set()).add(word)
        keys = frozenset(self.words_of)
        self.pattern = alternation(keys)
        # a scan sees one key per position and none that starts inside a match:
        # count every key that can start inside a key (or with it) as found with it
        self.shadowed = {key: _overlapping(key, keys) for key in keys}

    def found(self, text: str) -> frozenset[str]:
        keys = set(self.pattern.findall(text))
        for key in list(keys):
            keys |= self.shadowed[key]
        return frozenset(word for key in keys for word in self.words_of[key])


def _overlapping(key: str, keys: frozenset[str]) -> frozenset[str]:
    """The other keys that can start inside ``key`` or at its start: those that
    begin with one of its suffixes, or that one of its suffixes begins with."""
    ordered = _sorted(keys)
    found = set()
    for i in range(len(key)):
        suffix = key[i:]
        j = bisect.bisect_left(ordered, suffix)
        while j < len(ordered) and ordered[j].startswith(suffix):
            found.add(ordered[j])
            j += 1
        found.update(suffix[:n] for n in range(1, len(suffix)) if suffix[:n] in keys)
    found.discard(key)
    return frozenset(found)


@lru_cache(maxsize=4)
def _sorted(keys: frozenset[str]) -> list[str]:
    return sorted(keys)


def _key(word: str) -> str:
    capital = next((i for i, ch in enumerate(word) if ch.isupper()), 0)
    return word[capital:]


def build(lexicons) -> WordScreen:
    return WordScreen(w for words in _DECLARED for w in words(lexicons))


def finditer(words: Iterable[str], pattern: regex.Pattern, text: str, flags: int = 0) -> Iterator[regex.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only where one of ``words``
    starts: they must hold every match's start (the words of a lexicon pattern
    without its edge conditions)."""
    words = frozenset(words)
    if words:
        yield from matches_at(pattern, text, _starts(alternation(words, flags), text))


def finditer_found(words: frozenset[str], pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
    """``finditer``, for words the text is known to hold (``WordScreen.found``): each is
    found by str.find, but words that all share their first letter by one scan for their
    alternation (a literal prefix: one fast scan)."""
    if len(words) > 1 and len({word[0] for word in words}) == 1:
        return finditer(words, pattern, text)
    return matches_at(pattern, text, literal_positions(text, words))


def _starts(screen: re.Pattern, text: str) -> Iterator[int]:
    """Every position where ``screen`` matches, overlapping ones included."""
    pos = 0
    while (hit := screen.search(text, pos)) is not None:
        yield hit.start()
        pos = hit.start() + 1


def matches_at(pattern: regex.Pattern, text: str, starts: Iterable[int],
               endpos: int | None = None) -> Iterator[regex.Match]:
    """``pattern.finditer(text)``, trying only ``starts``: positions in order that
    include every position where a match can start (``regex`` lookbehinds still
    see the text before a start)."""
    end, endpos = 0, len(text) if endpos is None else endpos
    for start in starts:
        if start >= end and (m := pattern.match(text, start, endpos)):
            end = m.end()
            yield m


def literal_positions(text: str, literals: Iterable[str]) -> list[int]:
    """Where any of ``literals`` occurs, in order (str.find is fast)."""
    found = set()
    for literal in literals:
        i = text.find(literal)
        while i >= 0:
            found.add(i)
            i = text.find(literal, i + 1)
    return sorted(found)
