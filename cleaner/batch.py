"""Large inputs: JSONL read as a stream of lines in bounded memory, and work run
in order in worker processes with a bounded number of tasks in flight."""
from __future__ import annotations

import codecs
import gc
import itertools
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import BinaryIO, Callable, Iterable, Iterator, TypeVar

BLOCK = 1 << 16  # bytes read at a time

T = TypeVar("T")
R = TypeVar("R")


class InputError(Exception):
    """An input, or part of one, that cannot be cleaned."""


def decode_error(name: str, data: bytes, exc: UnicodeDecodeError, offset: int = 0,
                 line: int = 1) -> InputError:
    """The error for undecodable bytes at ``exc.start`` of ``data``, which starts at
    byte ``offset`` of the input, on line ``line``."""
    if b"\0" in data:
        return binary_error(name)
    line += data.count(b"\n", 0, exc.start)
    return InputError(f"{name}: invalid {exc.encoding} at byte offset {offset + exc.start} (line {line}): "
                      f"{exc.reason}; use --encoding or --errors replace to go on")


def binary_error(name: str) -> InputError:
    return InputError(f"{name}: binary file (contains NUL bytes), refused")


def decode(name: str, data: bytes, encoding: str, errors: str) -> str:
    """The text of a whole input; binary data and undecodable bytes raise InputError."""
    try:
        text = data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        raise decode_error(name, data, exc) from None
    if "\0" in text:
        raise binary_error(name)
    return text


class LineReader:
    """The lines of a stream, decoded as they are read: (line number, content,
    line end). Only \\n ends a line (a \\r before it goes to the line end); the
    last line's end is "" when the stream does not end with one. ``consumed``
    counts the bytes read."""

    def __init__(self, name: str, stream: BinaryIO, encoding: str, errors: str):
        self.name, self.stream = name, stream
        self.decoder = codecs.getincrementaldecoder(encoding)(errors)
        self.consumed = 0
        self.lines_before = 1  # line number of the first byte not yet decoded

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        number, rest = 0, ""
        while True:
            block = self.stream.read(BLOCK)
            lines = (rest + self._decode(block, final=not block)).split("\n")
            rest = lines.pop()
            for line in lines:
                number += 1
                content = line.removesuffix("\r")
                yield number, content, line[len(content):] + "\n"
            if not block:
                break
        if rest:
            content = rest.removesuffix("\r")
            yield number + 1, content, rest[len(content):]

    def _decode(self, block: bytes, final: bool) -> str:
        pending = self.decoder.getstate()[0]
        try:
            text = self.decoder.decode(block, final)
        except UnicodeDecodeError as exc:
            data = exc.object if isinstance(exc.object, bytes) else pending + block
            raise decode_error(self.name, data, exc, self.consumed - len(pending), self.lines_before) from None
        if "\0" in text:
            raise binary_error(self.name)
        self.consumed += len(block)
        self.lines_before += block.count(b"\n")
        return text


def chunked(items: Iterable[T], size: Callable[[T], int], limit: int) -> Iterator[list[T]]:
    """``items`` in lists whose sizes add up to about ``limit`` (at least one item each)."""
    chunk, total = [], 0
    for item in items:
        chunk.append(item)
        total += size(item)
        if total >= limit:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


_worker_fn: Callable | None = None


def _install(fn: Callable) -> None:
    global _worker_fn
    _worker_fn = fn


def _call(item):
    return _worker_fn(item)


def collect_less_often() -> None:
    """Collect cyclic garbage in this process after 50,000 new objects, not 700
    (``gc.set_threshold``). Cleaning frees what it allocates, but the per-word caches
    grow and change over a long run, and each collection of the older generations
    walks all of them: 3-6 % of the time of a run, where it is now 1-3 %."""
    gc.set_threshold(50_000)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1,
                in_flight: int | None = None, first_in_parent: bool = False) -> Iterator[R]:
    """``fn`` over ``items``, results in the order of the items. With jobs > 1 it
    runs in that many worker processes (``fn``, a function or a bound method, goes
    once to each), with at most ``in_flight`` items (4 per worker by
    default) read ahead and not yet returned, so that memory stays bounded however
    many items there are. Workers are forked where the system can (they share the
    parent's loaded lexicons), all at the first item they get: start threads that
    take locks (a progress bar) only once the first result is back. With
    ``first_in_parent``, the parent runs the first item itself before forking, so
    that the workers inherit what it loaded and compiled on the way (not where
    ``fn`` starts threads: a model's thread pool does not survive a fork), frozen
    out of the garbage collector's sight (``gc.freeze``): the workers' collections
    then neither walk those tables nor write to the pages they share with the parent."""
    if jobs <= 1:
        yield from map(fn, items)
        return
    items = iter(items)
    pending: deque = deque()
    if first_in_parent:
        for item in itertools.islice(items, 1):
            done: Future = Future()
            done.set_result(fn(item))
            pending.append(done)
        gc.freeze()
    in_flight = in_flight or 4 * jobs
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_install, initargs=(fn,)) as pool:
        try:
            for item in items:
                pending.append(pool.submit(_call, item))
                if len(pending) >= in_flight:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
