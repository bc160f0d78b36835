"""boilerplate.offtopic: a headline of another article inserted by the page
without a marker (or with one the lexicon lacks), found by its meaning.

Candidates are standalone one-line paragraphs that read like a headline (no
sentence-final punctuation, a few words, not the document's first line). Each
is embedded with a sentence encoder together with a sample of the body
paragraphs, and compared with the centroid of the body; each body paragraph is
compared with the centroid of the others (leave one out). A candidate far
below the body paragraphs is an insert: removed when the margin is clear,
suggested otherwise. Off by default: on with ``Config(neural=True)``
(``--neural``), as the encoder needs the neural extra.
"""
from __future__ import annotations

import regex

from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule

OFFTOPIC = rule("boilerplate.offtopic", "Unmarked headlines of other articles, unrelated to the document "
                "(sentence embeddings; needs the neural extra)", enabled=False, english_only=True, neural=True)

PARAGRAPH = regex.compile(r"[^\n](?:[^\n]|\n(?![ \t]*\n))*")
BLANK_LINES = regex.compile(r"(?:[ \t]*\n)*")
WORDS = regex.compile(r"[\p{L}\p{N}]+")
SENTENCE_END = regex.compile(r"[.!?;:…][\"”’»)\]]*\Z")

MIN_WORDS, MAX_WORDS = 5, 25     # a headline-like candidate
MIN_BODY_WORDS = 30              # a body paragraph
MIN_BODY = 3                     # fewer body paragraphs: no reliable centroid
MAX_BODY = 8                     # body paragraphs embedded, evenly sampled
# margins below the weakest body paragraph's similarity to the rest of the body
CLEAR_MARGIN = 0.25              # removed
MARGIN = 0.2                     # suggested
CLEAR, DOUBTFUL = 0.85, 0.5


class OfftopicStage(Stage):
    name = "offtopic"
    rules = (OFFTOPIC,)

    def propose(self, text: str, ctx: Context):
        paragraphs = list(PARAGRAPH.finditer(text))
        candidates = [m for m in paragraphs[1:] if _headline_like(m.group())]
        body = [m.group() for m in paragraphs if len(WORDS.findall(m.group())) >= MIN_BODY_WORDS]
        if not candidates or len(body) < MIN_BODY:
            return
        if len(body) > MAX_BODY:
            body = [body[i * len(body) // MAX_BODY] for i in range(MAX_BODY)]
        from ..embedding import embedder
        vectors = embedder(ctx.config.embedding_model).embed(body + [m.group().strip() for m in candidates])
        body_vectors, candidate_vectors = vectors[:len(body)], vectors[len(body):]
        total = body_vectors.sum(0)
        leave_one_out = [_cosine(v, total - v) for v in body_vectors]
        floor = min(leave_one_out)
        for m, vector in zip(candidates, candidate_vectors):
            similarity = _cosine(vector, total)
            margin = floor - similarity
            if margin < MARGIN:
                continue
            start, end = m.start(), BLANK_LINES.match(text, m.end()).end()
            if end == len(text) and start > 0:
                start -= 1  # the last paragraph: take the line break before it
            yield Proposal(start, end, "", OFFTOPIC.id, CLEAR if margin >= CLEAR_MARGIN else DOUBTFUL,
                           f"off-topic line {m.group().strip()[:60]!r}: similarity {similarity:.2f} to the "
                           f"document, body paragraphs {floor:.2f} or more")


def _headline_like(paragraph: str) -> bool:
    line = paragraph.strip()
    return "\n" not in line and MIN_WORDS <= len(WORDS.findall(line)) <= MAX_WORDS \
        and not SENTENCE_END.search(line)


def _cosine(a, b) -> float:
    return float((a @ b) / (a.norm() * b.norm()).clamp(min=1e-9))
