"""cleaner: repair machine-translation artifacts in text.

    >>> from cleaner import clean
    >>> clean("Joe Biden spoke with Nbc .")
    'Joe Biden spoke with NBC.\n'
"""
from .config import Config
from .edits import Edit, apply_edits
from .pipeline import Cleaner, Result, Stage, clean

__all__ = ["Cleaner", "Config", "Edit", "Result", "Stage", "apply_edits", "clean"]
__version__ = "0.1.0"
