"""encoding: mojibake, HTML entities, control and zero-width characters, odd spaces."""
from __future__ import annotations

import difflib
import html
import re
import unicodedata
from html.entities import html5

import ftfy
import regex
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS as FTFY_CONTROL, LIGATURES

from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule
from ..screen import literal_positions

MOJIBAKE = rule("encoding.mojibake", "Text decoded with the wrong charset, repaired by ftfy (curly quotes, dashes and width kept)")
HTML_ENTITY = rule("encoding.html_entity", "HTML character references such as &quot; or &#8217;")
CONTROL = rule("encoding.control", "Control characters, stray byte-order marks and zero-width characters")
ODD_SPACE = rule("encoding.odd_space", "No-break and other odd spaces in running text become plain spaces")
LINE_BREAK = rule("encoding.line_break", "Windows and old Mac line breaks, line and paragraph separators become \\n")

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, fix_character_width=False, uncurl_quotes=False,
    fix_line_breaks=False, normalization=None, explain=False,
)
# mojibake of UTF-8 always holds the reading of a lead byte (C2-F4) in Latin-1,
# Windows-1252 (Â…ô, C1 controls), Mac Roman (‚ for E2, ƒ) or Windows-1251 (Cyrillic)
SUSPECT_CHARS = r"\u0080-\u009f\u00c2-\u00f4\u0192\u201a\u0400-\u045f\ufffd"
SUSPECT = re.compile(f"[{SUSPECT_CHARS}]")
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# C0/C1 controls (not tab or line breaks), BOM, zero-width space, word joiner, soft hyphen;
# ZWJ/ZWNJ only between Latin letters (elsewhere they shape scripts and emoji)
CONTROL_CHARS = regex.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u0084\u0086-\u009f\u200b\u2060\ufeff\u00ad]"
    r"|(?<=\p{Latin})[\u200c\u200d](?=\p{Latin})"
)
CONTROL_SCREEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
C1_OR_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\u00ad]")
SEGMENT_MARKS = '\n"“”«»„‟'
SEGMENT_END = re.compile(f"[{SEGMENT_MARKS}]")
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2060\ufeff]")
ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
# every character some rule of this stage starts from: a text without one has nothing to repair
TRIGGERS = re.compile(
    f"[{SUSPECT_CHARS}&\x00-\x08\x0b-\x1f\x7f\u00a0\u00ad\u1680\u2000-\u200d\u202f\u205f"
    f"\u2028\u2029\u2060\u3000\ufeff]")
# tab, newline and printable ASCII but "&": no rule of this stage starts from one, so a
# text's other characters (few in most text) tell which rules to try
PLAIN_ASCII = bytes([0x09, 0x0a, *range(0x20, 0x26), *range(0x27, 0x7f)])
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# ftfy's badness pattern: each of its sequences holds a character beyond ASCII and
# spans at most this many characters (tests/test_lex_screens.py checks both)
BADNESS_SPAN = 7
# the characters ftfy changes (with FTFY_CONFIG) in text its badness check passes
FTFY_TARGETS = re.compile("[" + "".join(map(re.escape, sorted(set(map(chr, FTFY_CONTROL)) | set(map(chr, LIGATURES)))))
                          + "\x1b\x80-\x9f\ud800-\udfff]")


class EncodingStage(Stage):
    name = "encoding"
    rules = (MOJIBAKE, HTML_ENTITY, CONTROL, ODD_SPACE, LINE_BREAK)

    def propose(self, text: str, ctx: Context):
        unusual = _unusual(text)
        if TRIGGERS.search(unusual) is None:
            return
        mojibake = list(self._mojibake(text, unusual))
        yield from mojibake
        repaired = {i for p in mojibake for i in range(p.start, p.end)}
        for proposal in self._characters(text, unusual):
            if proposal.start not in repaired:
                yield proposal

    @staticmethod
    def _characters(text: str, unusual: str):
        """Proposals for entities, controls, odd spaces and line breaks; ``unusual``
        (the text's characters beyond plain ASCII) says which can occur."""
        if "&" in unusual:
            for m in ENTITY.finditer(text):
                name = m.group()[1:]
                if name.startswith("#") or name in html5:
                    value = html.unescape(m.group())
                    if value != m.group() and value.isprintable():
                        yield Proposal(m.start(), m.end(), value, HTML_ENTITY.id, 0.95, f"HTML entity {m.group()}")
        if CONTROL_SCREEN.search(unusual):
            for m in CONTROL_CHARS.finditer(text):
                yield Proposal(m.start(), m.end(), "", CONTROL.id, 0.95, f"remove U+{ord(m.group()):04X}")
        for m in ODD_SPACES.finditer(text) if ODD_SPACES.search(unusual) else ():
            yield Proposal(m.start(), m.end(), " ", ODD_SPACE.id, 0.95, f"U+{ord(m.group()):04X} becomes a space")
        for m in BREAKS.finditer(text) if BREAKS.search(unusual) else ():  # a break starts with \r or a separator
            yield Proposal(m.start(), m.end(), "\n", LINE_BREAK.id, 0.95, "line break becomes \\n")

    def _mojibake(self, text: str, unusual: str):
        # each stretch between quote marks is judged alone, so that the quote
        # marks later stages change cannot change the verdict
        segment_end = 0
        for suspect in literal_positions(text, set(SUSPECT.findall(unusual))):
            if suspect < segment_end:
                continue  # in the segment just judged
            start = max(text.rfind(mark, 0, suspect) for mark in SEGMENT_MARKS) + 1
            end = SEGMENT_END.search(text, suspect)
            segment_end = end.start() if end else len(text)
            segment = text[start:segment_end]
            edges = (start == 0, segment_end == len(text) or text[segment_end] == "\n")
            fixed = _repair(segment, *edges)
            if fixed != segment:
                yield from _differences(segment, fixed, start)


def _plain(segment: str, at_text_start: bool, at_line_end: bool) -> str:
    """The segment as the other rules leave it: control and invisible characters
    gone, odd spaces plain, no space at the start of the text or the end of a line."""
    plain = ODD_SPACES.sub(" ", C1_OR_INVISIBLE.sub("", segment))
    plain = plain.lstrip() if at_text_start else plain
    return plain.rstrip(" \t") if at_line_end else plain


def _repair(segment: str, at_text_start: bool, at_line_end: bool) -> str:
    """ftfy's repair of the segment, taken to a fixed point, or the segment
    itself when ftfy finds nothing or decodes it into unlikely characters.
    The repair is tried on the segment and on its plain form, so that the
    result does not depend on characters the other rules remove."""
    plain = _plain(segment, at_text_start, at_line_end)
    if plain == segment and not _ftfy_may_change(segment):
        return segment  # the common case: nothing to repair
    for start in (INVISIBLE.sub("", segment), plain):
        fixed = ftfy.fix_text(start, FTFY_CONFIG)
        for _ in range(3):
            again = ftfy.fix_text(_plain(fixed, at_text_start, at_line_end), FTFY_CONFIG)
            if again == fixed:
                break
            fixed = again
        if fixed != plain and all(map(_plausible, set(fixed) - set(segment))):
            return fixed
    return segment


def _ftfy_may_change(segment: str) -> bool:
    """Whether ftfy.fix_text(segment, FTFY_CONFIG) may differ from the segment: its
    encoding repair needs text its badness check flags, its other fixers act on
    control characters, ligatures, escapes and surrogates."""
    return (FTFY_TARGETS.search(segment) is not None or _looks_bad(segment)) \
        and ftfy.fix_text(segment, FTFY_CONFIG) != segment


def _unusual(text: str) -> str:
    """The characters of ``text`` other than plain ASCII, in order (deleting
    ASCII bytes from UTF-8 leaves the other characters whole)."""
    return text.encode("utf-8", "surrogatepass").translate(None, PLAIN_ASCII).decode("utf-8", "surrogatepass")


def _looks_bad(text: str) -> bool:
    """ftfy's ``is_bad(text)``, searched only around the runs of characters beyond ASCII."""
    reach = BADNESS_SPAN - 1
    return any(BADNESS_RE.search(text, max(0, run.start() - reach), run.end() + reach)
               for run in NON_ASCII.finditer(text))


def _plausible(char: str) -> bool:
    """A character mojibake repair may produce in news text: a letter of a
    European or CJK script, a digit, punctuation, a symbol or a space."""
    if char == " ":
        return True
    category = unicodedata.category(char)
    if category[0] in "MCZ":
        return False
    if category == "Lo":
        return "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af"
    return category[0] in "LNPS" and (char < "\u0530" or "\u1e00" <= char <= "\u2bff" or category[0] in "PS")


def _differences(old: str, new: str, offset: int):
    """Minimal replacements turning old into new, as proposals at ``offset``."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield Proposal(offset + i1, offset + i2, new[j1:j2], MOJIBAKE.id, 0.9,
                           f"mojibake {old[i1:i2]!r} → {new[j1:j2]!r}")
