"""Tables derived from installed data, kept on disk between runs.

Some tables take a large part of a short run to build (the source languages'
common words read from wordfreq's lists, the names index with its
transliterations) and a fifth of that to load. They are kept in
``$CLEANER_CACHE_DIR``, by default ``$XDG_CACHE_HOME/cleaner`` or
``~/.cache/cleaner``; an empty ``CLEANER_CACHE_DIR`` turns the cache off.

A file is named after a digest of everything its table derives from (the code
that builds it, the data's version), so a change to either builds the table
anew and removes the stale file. A file that cannot be read or written leaves
the table built in memory, as with the cache off: the cache never changes
what cleaner does, only how soon it starts."""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

ENV = "CLEANER_CACHE_DIR"
DIGEST = 16  # hex digits of the key's digest in a file's name


def directory() -> Path | None:
    """Where the tables are kept; None: the cache is off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except RuntimeError:  # no home directory
            return None
    return Path(base) / "cleaner"


@lru_cache(maxsize=None)
def code_digest() -> str:
    """A digest of cleaner's source, to key a table on the code that builds it."""
    hashed = hashlib.sha256()
    for file in sorted(Path(__file__).parent.rglob("*.py")):
        hashed.update(file.read_bytes())
    return hashed.hexdigest()


def digest(value: object) -> str:
    """A short digest of a value's repr (strings, numbers, and containers of them), for a file's name."""
    return hashlib.sha256(repr(value).encode()).hexdigest()[:DIGEST]


def stored(name: str, key: object, build: Callable[[], T]) -> T:
    """The table ``name`` for ``key`` (a value ``digest`` takes) and
    cleaner's code, loaded from the cache, or built and stored there."""
    folder = directory()
    if folder is None:
        return build()
    path = folder / f"{name}-{digest((sys.version_info[:2], code_digest(), key))}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except Exception:  # noqa: BLE001 (absent, truncated or unreadable: build it anew)
        pass
    table = build()
    _store(path, name, table)
    return table


def _store(path: Path, name: str, table: object) -> None:
    """Write the table atomically (readers see a whole file or none), and remove
    the files of the same name under other keys."""
    folder, partial = path.parent, None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=path.name, suffix=".tmp", delete=False) as file:
            partial = Path(file.name)
            pickle.dump(table, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        partial = None
        for stale in folder.glob(f"{name}-{'?' * DIGEST}.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the table is kept in memory only
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)
