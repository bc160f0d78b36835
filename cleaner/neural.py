"""What the model-based features share: importing the optional extra with a
clear error, and choosing the device."""
from __future__ import annotations

import os

EXTRA_HINT = 'model-assisted cleaning needs the neural extra: pip install torch==2.13.0 "cleaner[neural]"'


class MissingExtraError(ImportError):
    """torch or transformers is not installed."""


def require():
    """Import torch and transformers, offline unless the user says otherwise."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    try:
        import torch
        import transformers
    except ImportError as error:
        raise MissingExtraError(f"{EXTRA_HINT} ({error})") from error
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    return torch, transformers


def device(torch) -> str:
    return "cuda" if torch.cuda.is_available() else "cpu"


def check(config) -> None:
    """Fail now, not mid-run, when the configuration asks for a model that cannot
    load: MissingExtraError without the extra, OSError for a model not found."""
    if not (config.neural or config.lm):
        return
    if config.lm != "wordfreq" or config.neural:
        require()
    if config.neural:
        from .embedding import DEFAULT_MODEL, packaged_model_path
        if config.embedding_model == DEFAULT_MODEL:
            packaged_model_path()
    if config.lm:
        from .scoring import load_scorer
        load_scorer(config.lm)
