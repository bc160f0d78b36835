"""The library API: clean, Cleaner, Result, Config, pickling for worker processes."""
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from cleaner import Cleaner, Config, apply_edits, clean

TEXT = " date 2022-02-10 Talks with Nbc resumed .\n"


def test_clean_one_liner_and_options():
    assert clean(TEXT) == "Talks with NBC resumed.\n"
    assert clean(TEXT, disable={"acronym"}) == "Talks with Nbc resumed.\n"


def test_result_carries_text_edits_metadata_language(cleaner):
    result = cleaner.run("Joe Biden said the talks with Nbc would resume on Monday in Geneva.\n")
    assert result.text.startswith("Joe Biden said the talks with NBC")
    assert result.language == "en"
    assert [e.rule for e in result.applied] == ["acronym.casing"]
    assert cleaner.run(TEXT).metadata == {"date": "2022-02-10"}


def test_cleaner_pickles_without_its_lexicons(cleaner):
    cleaner.run("warm up")
    payload = pickle.dumps(cleaner)
    assert b"names" not in payload  # the lexicons are reloaded on the other side
    clone = pickle.loads(payload)
    assert clone.config == cleaner.config
    assert clone.run(TEXT).text == cleaner.run(TEXT).text


def _clean_in_worker(args):
    worker_cleaner, text = args
    return worker_cleaner.run(text).text


def test_cleaner_runs_in_worker_processes():
    shared = Cleaner(Config(disable={"style"}))
    texts = [TEXT, "Kiev and Nbc .\n"]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_clean_in_worker, [(shared, t) for t in texts]))
    assert results == [shared.run(t).text for t in texts]


def test_apply_edits_reproduces_the_output(cleaner):
    result = cleaner.run(TEXT)
    assert apply_edits(TEXT, result.edits) == result.text


def test_config_validates():
    with pytest.raises(ValueError, match="threshold"):
        Config(threshold=1.5)
    with pytest.raises(ValueError, match="quote_style"):
        Config(quote_style="fancy")
    with pytest.raises(ValueError, match="unknown rule or category"):
        Config(disable={"no.such.rule"}).check_names()


def test_rule_id_beats_its_category():
    config = Config(disable={"acronym"}, enable={"acronym.casing"})
    assert clean("Talks with Nbc resumed today in Geneva and Rome.\n", disable=config.disable,
                 enable=config.enable).startswith("Talks with NBC")


@pytest.mark.parametrize("text, repairs", [
    ("The talks in Geneva ended on Monday without an agreement.", ["spacing.document_edges"]),
    ("The talks in Geneva ended on Monday.  No agreement was reached.\n", ["spacing.doubled_space"]),
])
def test_text_needing_only_white_space_repairs_takes_one_pass(monkeypatch, text, repairs):
    """spacing runs before the first pass too: repairing white space last would make every
    stage run again (JSONL texts seldom end in a newline; doubled spaces are common)."""
    cleaner = Cleaner()
    names = next(s for s in cleaner.stages if s.name == "names")
    calls = []
    monkeypatch.setattr(names, "propose", lambda text, ctx: calls.append(text) or [])
    result = cleaner.run(text)
    assert [e.rule for e in result.applied] == repairs
    assert calls == [result.text]


def test_english_spacing_waits_for_the_language():
    """Before the first pass the language is unknown: only language-neutral spacing applies."""
    french = "Le président a parlé hier soir à la télévision nationale : il ne partira pas !\n"
    assert clean(french) == french
    assert clean("The president spoke on television last night : he will not leave !\n") == \
        "The president spoke on television last night: he will not leave!\n"
