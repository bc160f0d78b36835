"""Before/after review: a self-contained HTML page to accept or reject each edit,
and ``apply_decisions``, which turns the decisions saved from that page back into
exactly the text the page showed.

The page embeds, per document, its text, the sha256 of its input bytes and its
edits with stable ids (``e<index>`` in the document's edit list). Decisions carry
each edit's span, ``before`` and ``after``, so applying them does not re-run the
rules. Accepted edits must not overlap (``conflicts``): the page enforces this by
rejecting the edits that overlap one the reviewer accepts.
"""
from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Sequence

from .edits import Edit

FORMAT = "cleaner-review-decisions"
VERSION = 1
DECISIONS = ("accepted", "rejected")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_PLACEHOLDER = re.compile(r"\{\{(CSP|STYLE|SCRIPT|DATA)\}\}")


class ReviewError(Exception):
    """Decisions that cannot be applied to an input."""


@dataclass(frozen=True)
class ReviewDocument:
    """One document of a review: its name, input bytes (for the hash), decoded text and edits."""

    name: str
    data: bytes
    text: str
    edits: Sequence[Edit]
    encoding: str = "utf-8"
    errors: str = "strict"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# the page -----------------------------------------------------------------------

def build_page(documents: Sequence[ReviewDocument]) -> str:
    """The review page: one HTML file, its CSS, script and data inline, loading nothing."""
    files = resources.files("cleaner") / "review_page"
    template = (files / "page.html").read_text(encoding="utf-8")
    style = (files / "review.css").read_text(encoding="utf-8")
    script = (files / "review.js").read_text(encoding="utf-8")
    csp = ("default-src 'none'; "
           f"script-src '{_csp_hash(script)}'; style-src '{_csp_hash(style)}'; "
           "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; "
           "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    values = {"CSP": csp, "STYLE": style, "SCRIPT": script,
              "DATA": embed_json({"format": "cleaner-review", "version": VERSION,
                                  "documents": [_document_payload(d) for d in documents]})}
    # one pass, so that nothing substituted is searched for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def _csp_hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def embed_json(value) -> str:
    """JSON safe inside a <script> element: only ASCII, and no <, > or & (so no
    ``</script>`` or ``<!--``); U+2028 and U+2029 are escaped as well."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def utf16_offsets(text: str):
    """A function mapping a code-point offset in ``text`` to its UTF-16 offset (JavaScript's)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda pos: pos + bisect.bisect_left(astral, pos)


def _document_payload(doc: ReviewDocument) -> dict:
    to16 = utf16_offsets(doc.text)
    # ids follow the order of position (a Result's edits are in that order already)
    edits = [{"id": f"e{i}", "start": e.start, "end": e.end, "s16": to16(e.start), "e16": to16(e.end),
              "before": e.before, "after": e.after, "rule": e.rule, "category": e.category,
              "confidence": e.confidence, "message": e.message, "applied": e.applied}
             for i, e in enumerate(sorted(doc.edits, key=lambda e: (e.start, e.end)))]
    return {"name": doc.name, "sha256": doc.sha256, "encoding": doc.encoding, "errors": doc.errors,
            "text": doc.text, "edits": edits}


# applying decisions -------------------------------------------------------------

def conflicts(a: dict | Edit, b: dict | Edit) -> bool:
    """Whether two edits cannot both apply: their spans overlap, or one inserts
    strictly inside the other. Insertions at the same offset, or at an edge of
    another edit, do not conflict."""
    (s1, e1), (s2, e2) = _span(a), _span(b)
    if s1 < e1 and s2 < e2:
        return s1 < e2 and s2 < e1
    if s1 == e1:
        return s2 < s1 < e2
    return s1 < s2 < e1


def _span(edit: dict | Edit) -> tuple[int, int]:
    return (edit["start"], edit["end"]) if isinstance(edit, dict) else (edit.start, edit.end)


def find_document(decisions: dict, data: bytes, name: str, origin: str = "decisions") -> dict:
    """The decisions made on the input ``data`` (matched by its sha256); ``origin``
    names the decisions file in errors."""
    if not isinstance(decisions, dict) or decisions.get("format") != FORMAT:
        raise ReviewError(f"{origin}: not a decisions file saved from a cleaner review page")
    if decisions.get("version") != VERSION:
        raise ReviewError(f"{origin}: version {decisions.get('version')!r} is not supported (expected {VERSION})")
    documents = decisions.get("documents")
    if not isinstance(documents, list):
        raise ReviewError(f"{origin}: no list of documents")
    digest = sha256(data)
    for doc in documents:
        if isinstance(doc, dict) and doc.get("sha256") == digest:
            return doc
    made_on = ", ".join(str(d.get("name")) for d in documents if isinstance(d, dict)) or "no document"
    raise ReviewError(f"{name} is not the input the decisions in {origin} were made on "
                      f"(its sha256 {digest[:12]}… matches none of: {made_on})")


def apply_decisions(data: bytes, decisions: dict, name: str = "input", origin: str = "decisions") -> str:
    """The text the review page produced for these decisions, from the input bytes.

    Refuses (ReviewError) an input whose hash matches none of the documents
    reviewed, a decision whose ``before`` is not the input's text at its span,
    and accepted edits that conflict with each other.
    """
    doc = find_document(decisions, data, name, origin)
    try:
        text = data.decode(doc.get("encoding", "utf-8"), doc.get("errors", "strict"))
    except (LookupError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{name}: cannot decode as the review did: {exc}") from None
    return apply_to_text(text, doc.get("decisions"), name)


def apply_to_text(text: str, decisions, name: str = "input") -> str:
    """``text`` with the accepted edits applied (in order of position; ties keep the decisions' order)."""
    if not isinstance(decisions, list):
        raise ReviewError(f"{name}: the decisions of this document are not a list")
    accepted = []
    for item in decisions:
        _check_decision(item, text, name)
        if item["decision"] == "accepted":
            accepted.append(item)
    accepted.sort(key=lambda d: (d["start"], d["end"]))  # stable: ties keep the id order
    out, pos, previous = [], 0, None
    for item in accepted:
        # in this order an edit conflicts with an earlier one exactly when it starts before the end of the last
        if item["start"] < pos:
            raise ReviewError(f"{name}: accepted edits {previous['id']} and {item.get('id', '?')} overlap; "
                              "accept only one of them")
        out += [text[pos:item["start"]], item["after"]]
        pos, previous = item["end"], item
    out.append(text[pos:])
    return "".join(out)


def _check_decision(item, text: str, name: str) -> None:
    if not isinstance(item, dict):
        raise ReviewError(f"{name}: a decision is not an object: {item!r}")
    ident = item.get("id", "?")
    for key, kind in (("start", int), ("end", int), ("before", str), ("after", str), ("decision", str)):
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            raise ReviewError(f"{name}: decision {ident} has no valid {key!r}")
    if item["decision"] not in DECISIONS:
        raise ReviewError(f"{name}: decision {ident} is {item['decision']!r}, not accepted or rejected")
    start, end = item["start"], item["end"]
    if not 0 <= start <= end <= len(text) or text[start:end] != item["before"]:
        raise ReviewError(f"{name}: edit {ident} expects {item['before']!r} at {start}:{end}, "
                          f"the input has {text[start:end]!r}; the input is not the one reviewed")
