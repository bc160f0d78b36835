"""The language-model arbiter: a ``Scorer`` rates alternative repairs in
context, and ``arbitrate`` moves the confidence of a proposal near the
threshold towards the reading the scorer prefers.

``FrequencyScorer`` needs no model (wordfreq); ``MaskedLMScorer``
(pseudo-log-likelihood) and ``CausalLMScorer`` (log-probability) run a
transformers model, chosen by ``load_scorer`` from the model's config.
"""
from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Sequence

import regex

from .edits import Proposal
from .neural import device, require

BAND = 0.15       # only proposals this close to the threshold are arbitrated
STEP = 0.15       # how far a clear preference moves the confidence
CONTEXT = 100     # characters of context on each side, cut at a space, never across a line break
WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")


class Scorer:
    """Rates texts: ``score`` returns a log-probability (natural log) per text,
    higher for the more likely. A difference of ``margin`` is a clear preference."""

    margin: float = 2.0

    def score(self, texts: Sequence[str]) -> list[float]:
        raise NotImplementedError


class FrequencyScorer(Scorer):
    """No model: the mean log frequency of the words (wordfreq, English), so
    that a split is not penalised for having more words."""

    margin = 1.0

    def __init__(self, language: str = "en"):
        self.language = language

    def score(self, texts: Sequence[str]) -> list[float]:
        return [self._score(t) for t in texts]

    def _score(self, text: str) -> float:
        words = WORD.findall(text)
        if not words:
            return 0.0
        return sum(_log_frequency(w, self.language) for w in words) / len(words)


@lru_cache(maxsize=1 << 16)
def _log_frequency(word: str, language: str) -> float:
    from wordfreq import word_frequency
    return math.log(word_frequency(word, language, minimum=1e-9))


class TransformersScorer(Scorer):
    """A transformers language model, loaded on first use."""

    def __init__(self, name_or_path: str, batch_size: int = 32, max_tokens: int = 128):
        self.name_or_path, self.batch_size, self.max_tokens = name_or_path, batch_size, max_tokens
        self._model = self._tokenizer = None

    def _load(self, auto_class: str):
        torch, transformers = require()
        if self._model is None:
            self._tokenizer = transformers.AutoTokenizer.from_pretrained(self.name_or_path)
            model = getattr(transformers, auto_class).from_pretrained(self.name_or_path)
            self._model = model.to(device(torch)).eval()
        return torch, self._model, self._tokenizer

    def _batches(self, rows: list):
        for i in range(0, len(rows), self.batch_size):
            yield rows[i:i + self.batch_size]


class MaskedLMScorer(TransformersScorer):
    """Pseudo-log-likelihood: each token masked in turn, the log-probability
    of the token summed (Salazar et al. 2020). All masked copies of all texts
    are batched together."""

    def score(self, texts: Sequence[str]) -> list[float]:
        torch, model, tokenizer = self._load("AutoModelForMaskedLM")
        encoded = [tokenizer(t, truncation=True, max_length=self.max_tokens)["input_ids"] for t in texts]
        special = set(tokenizer.all_special_ids)
        copies = [(i, pos) for i, ids in enumerate(encoded) for pos, tok in enumerate(ids) if tok not in special]
        totals = [0.0] * len(texts)
        with torch.inference_mode():
            for batch in self._batches(copies):
                width = max(len(encoded[i]) for i, _ in batch)
                ids = torch.full((len(batch), width), tokenizer.pad_token_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, (i, pos) in enumerate(batch):
                    ids[row, :len(encoded[i])] = torch.tensor(encoded[i])
                    mask[row, :len(encoded[i])] = 1
                    ids[row, pos] = tokenizer.mask_token_id
                logits = model(input_ids=ids.to(model.device), attention_mask=mask.to(model.device)).logits
                rows = torch.arange(len(batch))
                positions = torch.tensor([pos for _, pos in batch])
                targets = torch.tensor([encoded[i][pos] for i, pos in batch])
                log_probs = logits[rows, positions].float().log_softmax(-1).cpu()[rows, targets]
                for (i, _), value in zip(batch, log_probs.tolist()):
                    totals[i] += value
        return totals


class CausalLMScorer(TransformersScorer):
    """The log-probability of the text under a causal language model, each token
    given the ones before it (the first given the BOS token, where there is one)."""

    def score(self, texts: Sequence[str]) -> list[float]:
        torch, model, tokenizer = self._load("AutoModelForCausalLM")
        bos = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []
        encoded = [bos + tokenizer(t, truncation=True, max_length=self.max_tokens)["input_ids"] for t in texts]
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        totals = []
        with torch.inference_mode():
            for batch in self._batches(encoded):
                width = max(len(ids) for ids in batch)
                ids = torch.full((len(batch), width), pad, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, tokens in enumerate(batch):
                    ids[row, :len(tokens)] = torch.tensor(tokens)
                    mask[row, :len(tokens)] = 1
                logits = model(input_ids=ids.to(model.device), attention_mask=mask.to(model.device)).logits
                log_probs = logits[:, :-1].float().log_softmax(-1).cpu()
                token_log_probs = log_probs.gather(-1, ids[:, 1:, None])[..., 0] * mask[:, 1:]
                totals += token_log_probs.sum(-1).tolist()
        return totals


FREQUENCY = "wordfreq"


def load_scorer(name_or_path: str) -> Scorer:
    """``wordfreq`` for the frequency scorer; otherwise a local directory or a
    hub model, masked or causal according to its config."""
    if name_or_path == FREQUENCY:
        return FrequencyScorer()
    _, transformers = require()
    config = transformers.AutoConfig.from_pretrained(name_or_path)
    architectures = config.architectures or []
    if architectures:
        masked = any(a.endswith("ForMaskedLM") for a in architectures)
    else:
        from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING_NAMES
        masked = config.model_type not in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES
    return MaskedLMScorer(name_or_path) if masked else CausalLMScorer(name_or_path)


def arbitrate(scorer: Scorer, threshold: float, text: str, proposals: Iterable[Proposal]) -> list[Proposal]:
    """Move each proposal whose confidence lies near the threshold by ``STEP``
    towards the reading (original or repaired, in context) the scorer clearly
    prefers. All readings are scored in one call."""
    proposals = list(proposals)
    chosen = [i for i, p in enumerate(proposals) if threshold - BAND <= p.confidence < threshold + BAND]
    readings = []
    for i in chosen:
        readings += _readings(text, proposals[i])
    if not readings:
        return proposals
    scores = scorer.score(readings)
    for k, i in enumerate(chosen):
        p = proposals[i]
        margin = scores[2 * k + 1] - scores[2 * k]
        if abs(margin) >= scorer.margin:
            confidence = p.confidence + STEP if margin > 0 else p.confidence - STEP
            verdict = "prefers the repair" if margin > 0 else "prefers the original"
            proposals[i] = replace(p, confidence=round(min(max(confidence, 0.0), 0.99), 4),
                                   message=f"{p.message}; the language model {verdict} ({margin:+.1f})")
    return proposals


def _readings(text: str, p: Proposal) -> tuple[str, str]:
    """The original and the repaired sentence around the proposal."""
    line_start = text.rfind("\n", 0, p.start) + 1
    line_end = text.find("\n", p.end)
    line_end = len(text) if line_end < 0 else line_end
    lo = max(line_start, p.start - CONTEXT)
    hi = min(line_end, p.end + CONTEXT)
    if lo > line_start:
        lo = text.find(" ", lo, p.start) + 1 or p.start
    if hi < line_end:
        space = text.rfind(" ", p.end, hi)
        hi = space if space >= 0 else p.end
    left, right = text[lo:p.start], text[p.end:hi]
    return (left + text[p.start:p.end] + right).strip(), (left + p.replacement + right).strip()
