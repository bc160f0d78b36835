"""Tables kept on disk between runs: loaded as built, rebuilt when unreadable or stale, never in the way."""
import os
import subprocess
import sys

import pytest

from cleaner import Cleaner, cache
from cleaner.lexicon import Lexicons
from cleaner.stages import names
from cleaner.frequency import _common, _read_common, _wordfreq_version
from tests.conftest import SEEDS


class Builds:
    def __init__(self, table):
        self.table, self.count = table, 0

    def __call__(self):
        self.count += 1
        return self.table


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "tables"))
    return tmp_path / "tables"


def test_a_table_is_built_once_then_loaded(folder):
    build = Builds({"word": 1.5, "other": {2, 3}})
    assert cache.stored("words", ("en", 2.5), build) == build.table
    loaded = cache.stored("words", ("en", 2.5), build)
    assert loaded == build.table and loaded is not build.table
    assert build.count == 1
    assert [p.suffix for p in folder.iterdir()] == [".pickle"]  # no partial file left


def test_another_key_builds_anew_and_removes_the_stale_file(folder):
    first, second = Builds([1]), Builds([2])
    cache.stored("words", ("en", 2.5), first)
    assert cache.stored("words", ("en", 3.0), second) == [2]
    assert cache.stored("words", ("en", 3.0), second) == [2] and second.count == 1
    assert len(list(folder.glob("words-*"))) == 1
    cache.stored("words-en", (), Builds([3]))  # a name that extends another is a table of its own
    assert len(list(folder.glob("words-*"))) == 2


def test_a_changed_code_builds_anew(folder, monkeypatch):
    build = Builds([1])
    cache.stored("words", (), build)
    monkeypatch.setattr(cache, "code_digest", lambda: "another version")
    cache.stored("words", (), build)
    assert build.count == 2


@pytest.mark.parametrize("damage", [b"", b"\x80\x05truncated", b"not a pickle at all"])
def test_an_unreadable_file_is_rebuilt_and_replaced(folder, damage):
    build = Builds({"word": 1.5})
    cache.stored("words", (), build)
    (path,) = folder.iterdir()
    path.write_bytes(damage)
    assert cache.stored("words", (), build) == {"word": 1.5}
    assert cache.stored("words", (), build) == {"word": 1.5} and build.count == 2


def test_an_unwritable_folder_leaves_the_table_in_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv(cache.ENV, str(blocked / "tables"))
    build = Builds([1])
    assert cache.stored("words", (), build) == [1] and cache.stored("words", (), build) == [1]
    assert build.count == 2


def test_an_empty_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, "")
    monkeypatch.chdir(tmp_path)
    build = Builds([1])
    cache.stored("words", (), build)
    cache.stored("words", (), build)
    assert build.count == 2 and cache.directory() is None and not list(tmp_path.iterdir())


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == tmp_path / "cleaner"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.directory() == tmp_path / ".cache" / "cleaner"


def test_a_common_word_table_loads_as_wordfreq_gives_it(table_cache):
    _common("it", 2.5)  # built and stored in the tests' folder, if no test did before
    loaded = cache.stored("common-it-2.5", _wordfreq_version(), lambda: pytest.fail("not stored"))
    assert loaded == _read_common("it", 2.5)


def test_a_run_on_stored_tables_cleans_as_one_that_builds_them(tmp_path):
    """Two processes: the first builds and stores the tables, the second reads them."""
    script = ("import sys; from cleaner import Cleaner; c = Cleaner()\n"
              "print(repr([c.run(open(p).read()).text for p in sys.argv[1:]]))")
    outputs = []
    for _ in range(2):
        env = {**os.environ, cache.ENV: str(tmp_path)}
        outputs.append(subprocess.run([sys.executable, "-c", script, *map(str, SEEDS)], env=env,
                                      capture_output=True, text=True, check=True).stdout)
    stored = sorted(p.name.rsplit("-", 1)[0] for p in tmp_path.iterdir())
    assert stored[:6] == ["ascii-words-en-1.0", "common-de-2.5", "common-es-2.5", "common-fr-2.5",
                          "common-it-2.5", "common-pt-2.5"]
    assert len(stored) == 7 and stored[6].startswith("names-index-")
    assert outputs[0] == outputs[1] == repr([Cleaner().run(p.read_text()).text for p in SEEDS]) + "\n"


def test_each_set_of_names_keeps_its_own_index(folder, tmp_path, monkeypatch):
    extra = tmp_path / "extra.toml"
    extra.write_text('[[names.people]]\ncanonical = "Ivan Testovich"\norigin = "ru"\n', encoding="utf-8")
    builtin, with_extra = Lexicons.load(), Lexicons.load([extra])
    assert len(names._index(builtin).entries) + 1 == len(names._index(with_extra).entries)
    monkeypatch.setattr(names, "_build", lambda lex: pytest.fail("built again"))
    assert len(names._index(builtin).entries) + 1 == len(names._index(with_extra).entries)
    assert len(list(folder.glob("names-index-*"))) == 2
