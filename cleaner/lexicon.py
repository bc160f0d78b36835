"""Lexicons: word lists, patterns and name tables, as TOML files validated on load.

Each file holds one or more sections (TOML tables). Stages declare the sections
they read with ``section()``; a file with an unknown section or key, or a value
of the wrong shape, is rejected with a message naming the file and the key.
User lexicons are merged over the built-in ones: lists are extended, tables updated.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Callable, Iterable

import regex

Validator = Callable[[Any], Any]
SCHEMA: dict[str, dict[str, Validator]] = {}


class LexiconError(ValueError):
    pass


def builtin_dir() -> Path:
    packaged = Path(__file__).parent / "lexicons"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "lexicons"


def section(name: str, **keys: Validator) -> None:
    """Declare a lexicon section and the validator of each of its keys."""
    SCHEMA.setdefault(name, {}).update(keys)


# validators ------------------------------------------------------------------

def strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError("expected a list of non-empty strings")
    return value


def patterns(value: Any) -> list[str]:
    for p in strings(value):
        try:
            regex.compile(p)
        except regex.error as exc:
            raise LexiconError(f"bad pattern {p!r}: {exc}") from None
    return value


def mapping(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise LexiconError("expected a table of strings")
    return value


def per_language(inner: Validator) -> Validator:
    def check(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise LexiconError("expected a table keyed by language code")
        for lang, v in value.items():
            if not regex.fullmatch(r"[a-z]{2,3}|any", lang):
                raise LexiconError(f"{lang!r} is not a language code")
            try:
                inner(v)
            except LexiconError as exc:
                raise LexiconError(f"{lang}: {exc}") from None
        return value
    return check


def records(**fields: tuple[type, bool]) -> Validator:
    """A list of tables; ``fields`` maps each key to (type, required)."""
    def check(value: Any) -> list[dict]:
        if not isinstance(value, list):
            raise LexiconError("expected an array of tables")
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise LexiconError(f"item {i}: expected a table")
            for key, (kind, required) in fields.items():
                if key not in item:
                    if required:
                        raise LexiconError(f"item {i}: missing {key!r}")
                    continue
                v = item[key]
                ok = isinstance(v, kind) and (kind is not list or all(isinstance(x, str) for x in v))
                if not ok:
                    raise LexiconError(f"item {i}: {key!r} must be {kind.__name__}")
            extra = set(item) - set(fields)
            if extra:
                raise LexiconError(f"item {i}: unknown key(s) {', '.join(sorted(extra))}")
        return value
    return check


# loading ---------------------------------------------------------------------

def _known_sections() -> dict[str, dict[str, Validator]]:
    from . import stages  # noqa: F401  (stages declare their sections on import)
    return SCHEMA


def read_file(path: Path) -> dict[str, dict[str, Any]]:
    """Read and validate one lexicon file."""
    schema = _known_sections()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: invalid TOML: {exc}") from None
    for name, body in data.items():
        if name not in schema:
            raise LexiconError(f"{path}: unknown section [{name}] (known: {', '.join(sorted(schema))})")
        if not isinstance(body, dict):
            raise LexiconError(f"{path}: [{name}] must be a table")
        for key, value in body.items():
            if key not in schema[name]:
                raise LexiconError(f"{path}: unknown key {name}.{key}")
            try:
                schema[name][key](value)
            except LexiconError as exc:
                raise LexiconError(f"{path}: {name}.{key}: {exc}") from None
    return data


def merge(base: dict, extra: dict) -> dict:
    for name, body in extra.items():
        target = base.setdefault(name, {})
        for key, value in body.items():
            old = target.get(key)
            if isinstance(old, list) and isinstance(value, list):
                target[key] = old + [v for v in value if v not in old]
            elif isinstance(old, dict) and isinstance(value, dict):
                target[key] = merge({"_": dict(old)}, {"_": value})["_"] if _nested(old) else {**old, **value}
            else:
                target[key] = value
    return base


def _nested(table: dict) -> bool:
    return any(isinstance(v, (list, dict)) for v in table.values())


class Lexicons:
    """The merged lexicons, with a cache for what stages compile from them."""

    def __init__(self, data: dict[str, dict[str, Any]]):
        self.data = data
        self._compiled: dict[str, Any] = {}

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> "Lexicons":
        data: dict = {}
        for path in sorted(builtin_dir().glob("*.toml")):
            merge(data, read_file(path))
        for path in extra:
            merge(data, read_file(Path(path)))
        return cls(data)

    def get(self, section_name: str, key: str, default: Any = None) -> Any:
        return self.data.get(section_name, {}).get(key, default)

    def compiled(self, name: str, build: Callable[["Lexicons"], Any]) -> Any:
        """Build something from the lexicons once (patterns, automata) and keep it."""
        if name not in self._compiled:
            self._compiled[name] = build(self)
        return self._compiled[name]
