"""The command line: ``cleaner clean``, ``diff``, ``review``, ``apply``, ``rules``, ``lexicon check``.

Exit codes: 0 every input cleaned, 1 some inputs failed (the others were still
processed), 2 usage error.
"""
from __future__ import annotations

import codecs
import contextlib
import difflib
import itertools
import json
import os
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, BinaryIO, Callable, ContextManager, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .batch import InputError, LineReader, chunked, collect_less_often, decode, ordered_map
from .config import Config
from .edits import Edit
from .lexicon import LexiconError, read_file
from .neural import check as check_models
from .pipeline import Cleaner, Result
from .rules import Rule, all_rules

STDIN = "-"
SUFFIXES = (".txt", ".jsonl")
CHUNK_CHARS = 1 << 17  # JSONL text cleaned as one task (the unit of parallel work and of progress)

app = typer.Typer(
    help="Repair machine-translation artifacts in text.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
lexicon_app = typer.Typer(help="Work with lexicon files.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(lexicon_app, name="lexicon")


def main() -> None:
    """Run the command line (the ``cleaner`` script and ``python -m cleaner``)."""
    app(prog_name="cleaner")


class Format(str, Enum):
    text = "text"
    jsonl = "jsonl"


class DiffFormat(str, Enum):
    words = "words"
    unified = "unified"


class QuoteStyle(str, Enum):
    auto = "auto"
    curly = "curly"
    straight = "straight"


class DecodeErrors(str, Enum):
    strict = "strict"
    replace = "replace"


def _check_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {name!r}") from None


# options shared by `clean` and `diff`
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0, metavar="FLOAT",
    help="Apply edits at least this confident; report the others as suggestions.")]
Enable = Annotated[Optional[list[str]], typer.Option(
    "--enable", metavar="RULE_OR_CATEGORY", help="Turn a rule or category on (repeatable).")]
Disable = Annotated[Optional[list[str]], typer.Option(
    "--disable", metavar="RULE_OR_CATEGORY", help="Turn a rule or category off (repeatable).")]
Lexicon = Annotated[Optional[list[Path]], typer.Option(
    "--lexicon", metavar="PATH", help="A lexicon merged over the built-in ones (repeatable).")]
Quotes = Annotated[QuoteStyle, typer.Option("--quote-style", help="Quotes to write.")]
Language = Annotated[Optional[str], typer.Option(
    "--language", metavar="CODE", help="The document language, instead of detecting it.")]
Neural = Annotated[bool, typer.Option(
    "--neural", help="Model-based rules (off-topic lines); needs the neural extra.")]
LanguageModel = Annotated[Optional[str], typer.Option(
    "--lm", metavar="MODEL", help="A language model (directory or hub name, or wordfreq) "
    "that arbitrates near-threshold repairs; needs the neural extra.")]
Field = Annotated[str, typer.Option("--field", help="The JSONL field holding the text.")]
Encoding = Annotated[str, typer.Option(
    "--encoding", callback=_check_encoding, help="Encoding of the inputs (output is always UTF-8).")]
Errors = Annotated[DecodeErrors, typer.Option(
    "--errors", help="On undecodable bytes: fail the input (strict) or use U+FFFD (replace).")]


def _cleaner(min_confidence: float, enable: list[str] | None, disable: list[str] | None,
             lexicons: list[Path] | None, quote_style: QuoteStyle, language: str | None,
             neural: bool, lm: str | None) -> Cleaner:
    """The Cleaner the options describe, lexicons loaded; unknown rule names and
    bad lexicons are usage errors."""
    config = Config(threshold=min_confidence, enable=frozenset(enable or ()),
                    disable=frozenset(disable or ()), lexicons=tuple(lexicons or ()),
                    quote_style=quote_style.value, language=language, neural=neural, lm=lm)
    try:
        config.check_names()
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--enable' / '--disable'") from None
    try:
        check_models(config)
    except (ImportError, OSError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="'--neural' / '--lm'") from None
    cleaner = Cleaner(config)
    try:
        _ = cleaner.lexicons  # load now: a bad lexicon is a usage error, not a crash mid-run
    except LexiconError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--lexicon'") from None
    return cleaner


# reading inputs -----------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One input: a file, or stdin (``path`` None)."""

    name: str
    path: Path | None = None
    relative: Path | None = None  # its name under --out-dir

    def read(self) -> bytes:
        return sys.stdin.buffer.read() if self.path is None else self.path.read_bytes()

    def open(self) -> ContextManager[BinaryIO]:
        return contextlib.nullcontext(sys.stdin.buffer) if self.path is None else self.path.open("rb")


def _collect(inputs: list[str], report: Callable[[str], None]) -> list[Source]:
    """The inputs as sources: folders give their *.txt and *.jsonl files, '-' is stdin."""
    sources = []
    for item in inputs or [STDIN]:
        path = Path(item)
        if item == STDIN:
            sources.append(Source(STDIN))
        elif path.is_dir():
            sources += [Source(str(p), p, p.relative_to(path)) for p in sorted(path.rglob("*"))
                        if p.suffix.lower() in SUFFIXES and p.is_file()]
        elif path.exists():
            sources.append(Source(item, path, Path(path.name)))
        else:
            report(f"{item}: no such file or directory")
    return sources


def _parse_record(line: str, text_field: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
        raise InputError(f"no string field {text_field!r}")
    return record


# cleaning -----------------------------------------------------------------------

@dataclass
class Document:
    """One text the cleaner ran on: a text file, or one JSONL record."""

    record: int | None  # JSONL line number; None for a text file
    original: str
    result: Result


@dataclass
class Cleaned:
    """What cleaning one input, or a chunk of one, gave."""

    source: Source
    input: str
    output: str = ""
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # bad JSONL lines, passed through

    def log_entries(self) -> Iterator[dict]:
        """The edit log of this input, one dict per edit."""
        for doc in self.documents:
            for e in doc.result.edits:
                yield {"source": self.source.name, "record": doc.record, "start": e.start, "end": e.end,
                       "before": e.before, "after": e.after, "rule": e.rule, "category": e.category,
                       "confidence": e.confidence, "applied": e.applied, "message": e.message}


@dataclass
class Chunk:
    """A part of one input, read in order: a whole text file, a run of JSONL lines,
    or the point where reading it failed. Cleaning it fills ``cleaned``."""

    index: int  # which input: chunks of one input share it
    source: Source
    text: str | None = None  # a text file
    lines: list[tuple[int, str, str]] = field(default_factory=list)  # JSONL (number, content, end)
    size: int = 0  # input bytes it covers
    failure: str | None = None
    cleaned: Cleaned | None = None


@dataclass
class Job:
    """How to read and clean inputs."""

    cleaner: Cleaner
    fmt: Format | None = None  # None: by extension
    text_field: str = "text"
    edits_field: str | None = None
    encoding: str = "utf-8"
    errors: str = "strict"

    def attempt(self, source: Source, report: Callable[[str], None]) -> Cleaned | None:
        """Clean one whole input and report its errors; None if it could not be read."""
        chunks = [self.run(chunk) for chunk in self.chunks(0, source)]
        failed = next((c.failure for c in chunks if c.failure), None)
        parts = [c.cleaned for c in chunks if c.cleaned]
        for message in (m for part in parts for m in part.errors):
            report(message)
        if failed:
            report(failed)
            return None
        return Cleaned(source, "".join(p.input for p in parts), "".join(p.output for p in parts),
                       [d for p in parts for d in p.documents], [m for p in parts for m in p.errors])

    def chunks(self, index: int, source: Source) -> Iterator[Chunk]:
        """Read an input as chunks to clean: a text file whole, JSONL as it is read,
        in chunks of about CHUNK_CHARS characters (at least one chunk, even if empty)."""
        try:
            if self._format(source) is Format.text:
                data = source.read()
                yield Chunk(index, source, decode(source.name, data, self.encoding, self.errors), size=len(data))
                return
            with source.open() as stream:
                reader, read = LineReader(source.name, stream, self.encoding, self.errors), 0
                empty = True
                for lines in chunked(reader, lambda line: len(line[1]), CHUNK_CHARS):
                    yield Chunk(index, source, lines=lines, size=reader.consumed - read)
                    read, empty = reader.consumed, False
                if empty:
                    yield Chunk(index, source)
        except InputError as exc:
            yield Chunk(index, source, failure=str(exc))
        except OSError as exc:
            yield Chunk(index, source, failure=f"{source.name}: cannot read: {exc.strerror or exc}")

    def run(self, chunk: Chunk) -> Chunk:
        """Clean a chunk (in a worker process with --jobs); its input is dropped."""
        if chunk.failure is None:
            chunk.cleaned = (self._clean_text(chunk.source, chunk.text) if chunk.text is not None
                             else self._clean_jsonl(chunk.source, chunk.lines))
        chunk.text, chunk.lines = None, []
        return chunk

    def _format(self, source: Source) -> Format:
        if self.fmt:
            return self.fmt
        is_jsonl = source.path is not None and source.path.suffix.lower() == ".jsonl"
        return Format.jsonl if is_jsonl else Format.text

    def _clean_text(self, source: Source, text: str) -> Cleaned:
        result = self.cleaner.run(text)
        return Cleaned(source, text, result.text, [Document(None, text, result)])

    def _clean_jsonl(self, source: Source, lines: list[tuple[int, str, str]]) -> Cleaned:
        cleaned = Cleaned(source, "".join(content + end for _, content, end in lines))
        cleaned.output = "".join(self._clean_line(cleaned, number, content) + _line_end(end)
                                 for number, content, end in lines)
        return cleaned

    def _clean_line(self, cleaned: Cleaned, number: int, line: str) -> str:
        """One JSONL line cleaned; a line without a record is kept as it is (and reported)."""
        if not line.strip():
            return line
        try:
            record = _parse_record(line, self.text_field)
        except InputError as exc:
            cleaned.errors.append(f"{cleaned.source.name}:{number}: {exc}; line kept unchanged")
            return line
        original = record[self.text_field]
        result = self.cleaner.run(original)
        cleaned.documents.append(Document(number, original, result))
        if result.text == original and not self.edits_field:
            return line
        record[self.text_field] = result.text
        if self.edits_field:
            record[self.edits_field] = [e.to_dict() for e in result.edits]
        return json.dumps(record, ensure_ascii=False)


def _line_end(end: str) -> str:
    """A JSONL line's end in the output: the last line gets a \\n if it lacks one."""
    return end if end.endswith("\n") else end + "\n"


# writing ------------------------------------------------------------------------

@contextlib.contextmanager
def _atomic_open(path: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``path`` that replaces it on success and is removed on
    failure. A link, a device or a pipe (/dev/null, /dev/stderr) is written through."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        with open(path, "wb") as f:
            yield f
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _atomic_write(path: Path, data: bytes) -> None:
    with _atomic_open(path) as f:
        f.write(data)


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _file_mode(path: Path) -> int:
    """An existing file's permissions, or those a new file gets (0o666 less the umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


Opener = Callable[[Source], ContextManager[BinaryIO]]


@contextlib.contextmanager
def _destination(output: Path | None, out_dir: Path | None, in_place: bool) -> Iterator[Opener]:
    """A function opening where one input's cleaned text goes, as the options say:
    back in place, under --out-dir, all into one -o file, or to stdout. What is
    written for an input that fails is undone (only where the file can seek, for
    stdout)."""
    if in_place:
        yield lambda source: _atomic_open(source.path)
    elif out_dir:
        yield lambda source: _atomic_open(out_dir / source.relative)
    elif output:
        with _atomic_open(output) as f:
            yield lambda source: _section(f)
    else:
        yield lambda source: _stdout_section()


@contextlib.contextmanager
def _section(f: BinaryIO) -> Iterator[BinaryIO]:
    """``f``, truncated back to where it stood if the block fails (where it can seek)."""
    try:
        mark = f.tell() if f.seekable() else None
    except OSError:
        mark = None
    try:
        yield f
    except BaseException:
        if mark is not None:
            with contextlib.suppress(OSError):
                f.seek(mark)
                f.truncate()
        raise


@contextlib.contextmanager
def _stdout_section() -> Iterator[BinaryIO]:
    sys.stdout.flush()
    try:
        with _section(sys.stdout.buffer) as f:
            yield f
    finally:
        sys.stdout.buffer.flush()


@contextlib.contextmanager
def _edit_log(path: Path | None) -> Iterator[BinaryIO | None]:
    """The --edits log (written atomically), or None."""
    if path is None:
        yield None
        return
    with _atomic_open(path) as f:
        yield f


def _check_destination(output: Path | None, out_dir: Path | None, in_place: bool) -> None:
    """-o, --out-dir and --in-place exclude one another."""
    if sum(map(bool, (output, out_dir, in_place))) > 1:
        raise typer.BadParameter("use only one of -o, --out-dir, --in-place",
                                 param_hint="'--in-place'" if in_place else "'--out-dir'")


def _check_targets(sources: list[Source], out_dir: Path | None, in_place: bool,
                   files: list[Path | None]) -> None:
    """Usage errors: stdin with no file to write back to, two outputs in one file,
    an output file (-o, --out-dir, --edits) that would overwrite an input."""
    if (in_place or out_dir) and any(s.path is None for s in sources):
        raise typer.BadParameter("needs file inputs, not stdin",
                                 param_hint="'--in-place'" if in_place else "'--out-dir'")
    if out_dir:
        files = files + [out_dir / s.relative for s in sources]
    targets = [f.resolve() for f in files if f and (f.is_file() or not f.exists())]  # not /dev/null
    if len(set(targets)) < len(targets):
        raise typer.BadParameter("two outputs would go to the same file")
    inputs = {s.path.resolve() for s in sources if s.path}
    for target in targets:
        if target in inputs:
            raise typer.BadParameter(f"{target} is an input; use --in-place to rewrite inputs")


# reporting ----------------------------------------------------------------------

class Reporter:
    """Errors, progress and the run's summary, on stderr."""

    def __init__(self, quiet: bool = False):
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.quiet = quiet
        self.errors = self.files = self.records = self.applied = self.suggestions = 0

    def error(self, message: str) -> None:
        self.errors += 1
        self.console.print(Text.assemble(("error: ", "bold red"), message))

    def count(self, tally: Tally) -> None:
        """Count an input written."""
        self.files += 1
        self.records += tally.records
        self.applied += tally.applied
        self.suggestions += tally.suggestions

    def track(self, chunks: Iterator[Chunk], total: int | None) -> Iterator[Chunk]:
        """The cleaned chunks, with a progress bar (documents, MB, MB/s; ``total``
        bytes if known) while stderr is a terminal and not --quiet."""
        if self.quiet or not self.console.is_terminal:
            yield from chunks
            return
        first = next(chunks, None)  # worker processes are started by then (see ordered_map)
        if first is None:
            return
        columns = (TextColumn("cleaning"), BarColumn(), TextColumn("{task.fields[documents]} documents"),
                   DownloadColumn(), TransferSpeedColumn(), TimeElapsedColumn())
        with Progress(*columns, console=self.console, transient=True) as progress:
            task = progress.add_task("cleaning", total=total, documents=0)
            documents = 0
            for chunk in itertools.chain([first], chunks):
                documents += len(chunk.cleaned.documents) if chunk.cleaned else 0
                progress.update(task, advance=chunk.size, documents=documents)
                yield chunk

    def summary(self) -> None:
        if self.quiet:
            return
        line = (f"{_plural(self.files, 'file')}, {_plural(self.records, 'record')}: "
                f"{_plural(self.applied, 'edit')} applied, {_plural(self.suggestions, 'suggestion')}")
        if self.errors:
            line += f", {_plural(self.errors, 'error')}"
        self.console.print(line)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


@dataclass
class Tally:
    """Records and edits of one input, counted once it is written."""

    records: int = 0
    applied: int = 0
    suggestions: int = 0

    def add(self, cleaned: Cleaned) -> None:
        self.records += len(cleaned.documents)
        for doc in cleaned.documents:
            self.applied += len(doc.result.applied)
            self.suggestions += len(doc.result.suggestions)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# commands -----------------------------------------------------------------------

def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def cli(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False) -> None:
    """Repair machine-translation artifacts in text."""


@app.command()
def clean(
    inputs: Annotated[Optional[list[str]], typer.Argument(
        metavar="INPUT", help="Files, folders (their *.txt and *.jsonl files) or - for stdin.")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "-o", "--output", dir_okay=False, help="Write everything to this file.")] = None,
    out_dir: Annotated[Optional[Path], typer.Option(
        "--out-dir", file_okay=False, help="Write each input to this folder, under the same name.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite the inputs.")] = False,
    fmt: Annotated[Optional[Format], typer.Option(
        "--format", help="Input format (default: jsonl for *.jsonl, else text).")] = None,
    text_field: Field = "text",
    edits_field: Annotated[Optional[str], typer.Option(
        "--edits-field", metavar="NAME", help="Store each JSONL record's edits in this field.")] = None,
    edits: Annotated[Optional[Path], typer.Option(
        "--edits", dir_okay=False, metavar="FILE.jsonl", help="Write the edit log here.")] = None,
    min_confidence: MinConfidence = Config.threshold,
    enable: Enable = None,
    disable: Disable = None,
    lexicon: Lexicon = None,
    quote_style: Quotes = QuoteStyle.auto,
    language: Language = None,
    neural: Neural = False,
    lm: LanguageModel = None,
    encoding: Encoding = "utf-8",
    errors: Errors = DecodeErrors.strict,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary or progress bar.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes (files and JSONL chunks, order kept).")] = 1,
) -> None:
    """Clean files, folders or stdin; write to stdout unless told otherwise."""
    if edits_field is not None and edits_field == text_field:
        raise typer.BadParameter("must differ from --field", param_hint="'--edits-field'")
    _check_destination(output, out_dir, in_place)
    cleaner = _cleaner(min_confidence, enable, disable, lexicon, quote_style, language, neural, lm)
    collect_less_often()
    job = Job(cleaner, fmt, text_field, edits_field, encoding, errors.value)
    reporter = Reporter(quiet)
    sources = _collect(inputs, reporter.error)
    _check_targets(sources, out_dir, in_place, [output, edits])
    try:
        with _destination(output, out_dir, in_place) as open_output, _edit_log(edits) as log:
            read = (chunk for index, source in enumerate(sources) for chunk in job.chunks(index, source))
            # the first chunk is cleaned before the workers fork, so that they inherit the compiled
            # lexicons and word tables (not with a model loaded: its threads do not survive a fork)
            warm = not (cleaner.config.neural or cleaner.config.lm)
            chunks = reporter.track(ordered_map(job.run, read, jobs, first_in_parent=warm), _total_size(sources))
            for (_, source), parts in itertools.groupby(chunks, key=lambda chunk: (chunk.index, chunk.source)):
                _clean_one(source, parts, open_output, log, reporter)
    except BrokenPipeError:
        raise
    except OSError as exc:
        reporter.error(f"cannot write: {exc}")
    reporter.summary()
    raise typer.Exit(reporter.exit_code)


def _clean_one(source: Source, chunks: Iterator[Chunk], open_output: Opener, log: BinaryIO | None,
               reporter: Reporter) -> None:
    """Write one input's cleaned chunks and log their edits; if the input fails,
    what was written for it is undone where possible, and the failure reported."""
    tally = Tally()
    try:
        with open_output(source) as out, (_section(log) if log else contextlib.nullcontext()):
            for chunk in chunks:
                if chunk.failure:
                    raise InputError(chunk.failure)
                for message in chunk.cleaned.errors:
                    reporter.error(message)
                out.write(chunk.cleaned.output.encode("utf-8"))
                if log:
                    log.writelines(json.dumps(e, ensure_ascii=False).encode() + b"\n"
                                   for e in chunk.cleaned.log_entries())
                tally.add(chunk.cleaned)
    except InputError as exc:
        reporter.error(str(exc))
        return
    except BrokenPipeError:
        raise  # stdout closed (`cleaner clean ... | head`): typer exits quietly
    except (OSError, UnicodeError) as exc:
        reporter.error(f"{source.name}: cannot write the output: {exc}")
        return
    reporter.count(tally)


def _total_size(sources: list[Source]) -> int | None:
    """The bytes of all inputs, None if one is stdin or cannot be read."""
    try:
        return sum(s.path.stat().st_size for s in sources) if all(s.path for s in sources) else None
    except OSError:
        return None


@app.command()
def diff(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT", help="Files, folders (their *.txt and *.jsonl files) or - for stdin.")],
    style: Annotated[DiffFormat, typer.Option(
        "--format", help="words: the text with each edit marked; unified: a unified diff.")
    ] = DiffFormat.words,
    no_color: Annotated[bool, typer.Option(
        "--no-color", help="Plain text markers instead of colours.")] = False,
    text_field: Field = "text",
    min_confidence: MinConfidence = Config.threshold,
    enable: Enable = None,
    disable: Disable = None,
    lexicon: Lexicon = None,
    quote_style: Quotes = QuoteStyle.auto,
    language: Language = None,
    neural: Neural = False,
    lm: LanguageModel = None,
    encoding: Encoding = "utf-8",
    errors: Errors = DecodeErrors.strict,
) -> None:
    """Show what clean would change, without writing anything."""
    cleaner = _cleaner(min_confidence, enable, disable, lexicon, quote_style, language, neural, lm)
    collect_less_often()
    job = Job(cleaner, None, text_field, None, encoding, errors.value)
    reporter = Reporter(quiet=True)
    console = _diff_console(no_color)
    render = _render_unified if style is DiffFormat.unified else _render_words
    for source in _collect(inputs, reporter.error):
        cleaned = job.attempt(source, reporter.error)
        if cleaned is not None:
            console.print(render(cleaned, console.color_system is not None), end="")
    raise typer.Exit(reporter.exit_code)


def _diff_console(no_color: bool) -> Console:
    """stdout, coloured when it is a terminal, unless --no-color or NO_COLOR say otherwise."""
    plain = no_color or bool(os.environ.get("NO_COLOR"))
    return Console(color_system=None if plain else "auto", highlight=False, soft_wrap=True, emoji=False)


def _render_words(cleaned: Cleaned, styled: bool) -> Text:
    """A header, then each changed document with its edits marked in place."""
    out = Text()
    out.append(f"── {cleaned.source.name} ──\n", style="bold")
    changed = [doc for doc in cleaned.documents if doc.result.edits]
    if not changed:
        out.append("no changes\n", style="dim")
    for doc in changed:
        if doc.record is not None:
            out.append(f"line {doc.record}:\n", style="bold")
        body = _mark_edits(doc.original, doc.result.edits, styled)
        out.append_text(body)
        if not body.plain.endswith("\n"):
            out.append("\n")
    return out


def _mark_edits(original: str, edits: list[Edit], styled: bool) -> Text:
    """The original text with each edit shown where it applies. An edit that overlaps
    one already shown is added as a note at that point."""
    out, pos = Text(), 0
    for edit in edits:
        if edit.start >= pos:
            out.append(original[pos:edit.start])
            pos = edit.end
        out.append_text(_mark(edit, styled))
    out.append(original[pos:])
    return out


def _mark(edit: Edit, styled: bool) -> Text:
    """An applied edit as before (red, struck through) and after (green), then its
    [rule id]; a suggestion as {before → after ?rule} in yellow. Without colours
    an applied edit reads [-before-]{+after+}[rule]."""
    if not edit.applied:
        return Text(f"{{{edit.before} → {edit.after} ?{edit.rule}}}", style="yellow")
    if not styled:
        return Text(f"[-{edit.before}-]{{+{edit.after}+}}[{edit.rule}]")
    return Text.assemble((edit.before, "red strike"), (edit.after, "green"), (f"[{edit.rule}]", "dim"))


def _render_unified(cleaned: Cleaned, styled: bool) -> Text:
    """A unified diff of the input against the output (its styles are simply
    dropped when ``styled`` is false)."""
    name = cleaned.source.name
    lines = difflib.unified_diff(_diff_lines(cleaned.input), _diff_lines(cleaned.output),
                                 f"a/{name}", f"b/{name}")
    out = Text()
    for line in lines:
        out.append(line, style=_unified_style(line))
    return out


def _diff_lines(text: str) -> list[str]:
    """Lines for difflib, each ending in \\n; a last line without one is marked as patch(1) expects."""
    lines = [line + "\n" for line in text.split("\n")]
    last = lines.pop()
    if last != "\n":
        lines.append(last + "\\ No newline at end of file\n")
    return lines


def _unified_style(line: str) -> str:
    if line.startswith(("---", "+++")):
        return "bold"
    return {"@": "cyan", "-": "red", "+": "green"}.get(line[:1], "")


@app.command()
def rules(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False) -> None:
    """List every rule: id, category, whether it is on by default, description."""
    found = all_rules()
    if as_json:
        typer.echo(json.dumps([_rule_dict(r) for r in found], indent=2, ensure_ascii=False))
        return
    table = Table("id", "category", "default", "description")
    table.columns[0].no_wrap = True
    for r in found:
        table.add_row(r.id, r.category, "on" if r.enabled else "off", r.description)
    Console(highlight=False, markup=False).print(table)


def _rule_dict(r: Rule) -> dict:
    return {"id": r.id, "category": r.category, "enabled": r.enabled, "description": r.description,
            "languages": sorted(r.languages) if r.languages else None}


@lexicon_app.command("check")
def lexicon_check(paths: Annotated[list[Path], typer.Argument(
        metavar="PATH", help="Lexicon files (TOML) to validate.")]) -> None:
    """Validate lexicon files: OK, or the error; exit 1 if any is invalid."""
    invalid = 0
    for path in paths:
        try:
            read_file(path)
        except LexiconError as exc:
            invalid += 1
            typer.echo(f"error: {exc}", err=True)
        else:
            typer.echo(f"OK {path}")
    raise typer.Exit(1 if invalid else 0)


# review -------------------------------------------------------------------------

@app.command()
def review(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT", help="Text files, folders (their *.txt files) or - for stdin.")],
    output: Annotated[Path, typer.Option(
        "-o", "--output", dir_okay=False, help="The review page to write.")] = Path("review.html"),
    min_confidence: MinConfidence = Config.threshold,
    enable: Enable = None,
    disable: Disable = None,
    lexicon: Lexicon = None,
    quote_style: Quotes = QuoteStyle.auto,
    language: Language = None,
    neural: Neural = False,
    lm: LanguageModel = None,
    encoding: Encoding = "utf-8",
    errors: Errors = DecodeErrors.strict,
) -> None:
    """Write one self-contained HTML page to accept or reject each edit; then `cleaner apply`."""
    from .review import ReviewDocument, build_page
    cleaner = _cleaner(min_confidence, enable, disable, lexicon, quote_style, language, neural, lm)
    reporter = Reporter()
    sources = _collect(inputs, reporter.error)
    _check_targets(sources, None, False, [output])
    documents = []
    for source in sources:
        if source.path is not None and source.path.suffix.lower() == ".jsonl":
            reporter.error(f"{source.name}: review takes text files, not JSONL; skipped")
            continue
        try:
            data = source.read()
            text = decode(source.name, data, encoding, errors.value)
        except InputError as exc:
            reporter.error(str(exc))
            continue
        except OSError as exc:
            reporter.error(f"{source.name}: cannot read: {exc.strerror or exc}")
            continue
        result = cleaner.run(text)
        documents.append(ReviewDocument(source.name, data, text, result.edits, encoding, errors.value))
        reporter.files += 1
        reporter.applied += len(result.applied)
        reporter.suggestions += len(result.suggestions)
    if not documents and not reporter.errors:
        reporter.error("no text inputs to review")
    if documents:
        try:
            _atomic_write(output, build_page(documents).encode("utf-8"))
        except OSError as exc:
            reporter.error(f"{output}: cannot write: {exc.strerror or exc}")
        else:
            reporter.console.print(f"{output}: review of {_plural(reporter.files, 'document')}, "
                                   f"{_plural(reporter.applied, 'edit')} applied, "
                                   f"{_plural(reporter.suggestions, 'suggestion')}")
    raise typer.Exit(reporter.exit_code)


@app.command("apply")
def apply_reviewed(
    input_: Annotated[str, typer.Argument(
        metavar="INPUT", help="The input the decisions were made on, or - for stdin.")],
    decisions: Annotated[Path, typer.Option(
        "--decisions", exists=True, dir_okay=False, metavar="FILE.json",
        help="The decisions saved from the review page.")],
    output: Annotated[Optional[Path], typer.Option(
        "-o", "--output", dir_okay=False, help="Write the text here instead of stdout.")] = None,
) -> None:
    """Apply the decisions saved from a review page to INPUT: the text the page produced."""
    from .review import ReviewError, apply_decisions
    source = Source(STDIN) if input_ == STDIN else Source(input_, Path(input_))
    _check_targets([source], None, False, [output])
    reporter = Reporter()
    try:
        data = source.read()
        loaded = json.loads(decisions.read_text(encoding="utf-8"))
        text = apply_decisions(data, loaded, source.name, str(decisions))
        if output:
            _atomic_write(output, text.encode("utf-8"))
        else:
            _write_stdout(text.encode("utf-8"))
    except ReviewError as exc:
        reporter.error(str(exc))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reporter.error(f"{decisions}: not a JSON decisions file: {exc}")
    except OSError as exc:
        reporter.error(f"{exc.filename or input_}: {exc.strerror or exc}")
    raise typer.Exit(reporter.exit_code)
