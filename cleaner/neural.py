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
