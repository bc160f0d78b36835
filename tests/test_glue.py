"""glue.fused_words: words fused at a translation-segment boundary."""
import time

import pytest
import regex
from hypothesis import given, settings, strategies as st

from cleaner import Cleaner, Config
from cleaner.lexicon import Lexicons, builtin_dir, merge, read_file
from cleaner.pipeline import Context
from cleaner.rules import CATEGORIES
from cleaner.stages import glue
from cleaner.stages.glue import FUSED, GlueStage

from .conftest import ROOT, SEEDS
from .stage_support import confident, stage_proposals

STAGE = GlueStage()
GLUE_ONLY = Config(disable=frozenset(CATEGORIES) - {"glue"})


@pytest.fixture(scope="module")
def lexicons(cleaner) -> Lexicons:
    return cleaner.lexicons


@pytest.fixture(scope="module")
def without_names() -> Lexicons:
    """The lexicons glue reads, less the names lexicon (it may be missing)."""
    data: dict = {}
    for name in ("glue", "acronyms", "quotes"):
        merge(data, read_file(builtin_dir() / f"{name}.toml"))
    return Lexicons(data)


def proposals(text: str, lexicons: Lexicons):
    return stage_proposals(STAGE, text, Context(Config(), lexicons, "en"))


def applied(text: str, lexicons: Lexicons) -> dict[str, str]:
    """Each applied split: the fused token → its replacement."""
    return {text[p.start:p.end]: p.replacement for p in confident(proposals(text, lexicons))}


# --- splits that are applied -------------------------------------------------------

@pytest.mark.parametrize("text, token, expected", [
    ("Foreign Minister Dmytro Kulebasaid the talks had failed.", "Kulebasaid", "Kuleba said"),
    ("The delegation travelled to Genevato meet the envoy.", "Genevato", "Geneva to"),
    ("New sanctions against Russiaand its allies were agreed.", "Russiaand", "Russia and"),
    ("The president spoke to Putinon Friday.", "Putinon", "Putin on"),
    ("Lithuaniaagreed to host the summit.", "Lithuaniaagreed", "Lithuania agreed"),
    ("The offensivewhich began in June has stalled.", "offensivewhich", "offensive which"),
    ("The invasionhas changed European politics.", "invasionhas", "invasion has"),
    ("the invasioneven surprised the generals", "invasioneven", "invasion even"),
    ("A statement fromMoscow denied the report.", "fromMoscow", "from Moscow"),
    ("NATOannounced new exercises in the Baltic.", "NATOannounced", "NATO announced"),
    ("The EUwill respond within days.", "EUwill", "EU will"),
    ("a way out fromCrisis talks", "fromCrisis", "from Crisis"),
    ("Secretary of State AntonyBlinken met his counterpart.", "AntonyBlinken", "Antony Blinken"),
    ("He asked staff at the embassy in Polandtoleave at once.", "Polandtoleave", "Poland to leave"),
    ("A right to self-defencewhich no one disputes.", "defencewhich", "defence which"),
])
def test_split_applied(lexicons, text, token, expected):
    assert applied(text, lexicons) == {token: expected}


def test_a_rare_name_the_document_uses_is_a_strong_head(lexicons):
    text = "Gitanas Nauseda opened the summit. Later Nausedasaid the alliance was united.\n"
    assert applied(text, lexicons) == {"Nausedasaid": "Nauseda said"}


def test_case_and_punctuation_are_kept(cleaner):
    text = "He said “Ukraineto” was a typo, (Russiaand) others.\n"
    assert Cleaner(GLUE_ONLY).run(text).text == "He said “Ukraine to” was a typo, (Russia and) others.\n"


def test_message_records_the_frequencies(lexicons):
    [p] = proposals("The embassy in Ukraineto leave.", lexicons)
    assert p.rule == FUSED.id and p.confidence >= 0.8
    assert "'Ukraineto' is not a word (zipf 0.00)" in p.message and "'to' (zipf 7.43)" in p.message


def test_works_without_the_names_lexicon(without_names):
    assert applied("the embassy in Ukraineto leave", without_names) == {"Ukraineto": "Ukraine to"}
    # a rare head that is not a known name is only a suggestion
    [p] = proposals("Antony Blinkenclaimed that", without_names)
    assert p.replacement == "Blinken claimed" and p.confidence < 0.6


# --- suggestions only --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Analysts spoke of nationbuilding in the region.",   # two content words: a compound?
    "He reads the Kyivpost every morning.",              # a known name + a content word: a brand?
    "Officials met theseat holders.",                    # the seat / these at
    "He wonthe vote easily.",                            # won the / wont he
    "Fighting arequest from the mayor.",                 # a request / are quest
])
def test_doubtful_split_is_only_suggested(lexicons, text):
    found = proposals(text, lexicons)
    assert found and all(p.confidence < 0.6 for p in found)


# --- tokens that stay --------------------------------------------------------------

RARE_NAMES = ("Nauseda Stoltenberg Klitschko Goulevitch Zaluzhnyi Budanov Kaja Kallas Kuleba Reznikov "
              "Podolyak Yermak Arestovych Syrskyi Prigozhin Tsikhanouskaya Landsbergis Anušauskas Mitsotakis "
              "Darmanin Lecornu Crosetto Piantedosi Albares Zaporizhzhia Mykolaiv Vuhledar Avdiivka Enerhodar "
              "Kupiansk Borodianka Snihurivka Dzhankoi Ukrenergo Naftogaz Energoatom Kievstar Metinvest "
              "Farnesina Elysée Quirinale Viminale Montecitorio Itamaraty Moncloa Matignon")
COMPOUNDS = ("newsroom breakthrough countdown policymakers nonetheless whereabouts statehouse lawmakers "
             "hardliners ceasefire counteroffensive warlords frontline Eurozone detente antidrone "
             "onshoring friendshoring lawfare warfighting upskilling")
BRANDS = "PlayStation WhatsApp YouTube iPhone SpaceX McDonald LinkedIn TikTok ByteDance OpenAI ChatGPT BlackRock"
DERIVATIONS = "Putinism Bidenomics Partygate Qatargate Ukrainegate Macronist Putinists Brexiteer Bidenite"


@pytest.mark.parametrize("words", [RARE_NAMES, COMPOUNDS, BRANDS, DERIVATIONS],
                         ids=["rare-names", "compounds", "brands", "derivations"])
def test_real_words_and_names_are_not_split(lexicons, words):
    assert applied(f"They mentioned {words}.", lexicons) == {}


def test_unknown_proper_nouns_made_of_words_stay(lexicons):
    # unknown to wordfreq: a capitalised frequent word + a surname or place ending
    text = "Gulfman, Sharpin, Kingsmore, Stonebrook, Fieldton, Oakhouse, Greenholm and Blackton were named."
    assert proposals(text, lexicons) == []


@pytest.mark.parametrize("text", [
    "See https://example.com/Ukraineto and www.Ukraineto.org today.",
    "Write to press@Ukrainetoleave.org for details.",
    "The tag #Ukraineto and the handle @Blinkenclaimed trended.",
    "Call snake_Ukraineto or config.Ukraineto or Ukraineto2 or Ukraineto() in the code.",
    "The banner read UKRAINETO in capitals.",
    "He wrote `Ukraineto` in the code sample.",
])
def test_urls_addresses_handles_code_and_capitals_stay(lexicons, text):
    assert proposals(text, lexicons) == []


def test_a_token_the_document_repeats_stays(lexicons):
    assert proposals("Ukraineto is a brand. We visited Ukraineto twice.", lexicons) == []


def test_only_english_documents(cleaner):
    text = "Le ministre a dit que la Russiaand les alliés se sont réunis à Paris pour la paix.\n"
    result = Cleaner(GLUE_ONLY).run(text)
    assert result.language != "en" and not [e for e in result.edits if e.category == "glue"]


# --- the seeds ---------------------------------------------------------------------

def test_seed_instances(lexicons):
    text = (ROOT / "seeds" / "000_4d8d14f8ca013c1e.txt").read_text(encoding="utf-8")
    assert applied(text, lexicons) == {"Blinkenclaimed": "Blinken claimed", "Ukraineto": "Ukraine to"}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_gold_text_gets_no_proposal(lexicons, path):
    gold = (path.parent / "gold" / path.name).read_text(encoding="utf-8")
    assert proposals(gold, lexicons) == []


def test_long_text_is_cheap(lexicons):
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS) * 20   # about 400 KB
    start = time.perf_counter()
    proposals(text, lexicons)
    assert time.perf_counter() - start < 2.0


# --- the screen of unknown tokens ----------------------------------------------------

PIECES = ["Blinken", "claimed", "Ukraineto", "xylqor", "naïve", "Straße", "Украины", "Kyïv", "ā", "ş", "е",
          "μ", "→", "?", "—", "’", "\u0301", "the", "NATO", "Genevato", " ", "\n", ".", "-", "1"]


@given(st.lists(st.sampled_from(PIECES), max_size=30))
@settings(max_examples=400)
def test_unknown_tokens_are_the_unknown_letter_runs(lexicons, pieces):
    """`_unknown_tokens` (from the lower-cased words, and the runs outside cp1252) finds what
    a plain look at every letter run of the text finds."""
    text = "".join(pieces)
    ev = lexicons.compiled("glue", glue._compile)
    expected = {t for t in glue.LETTERS.findall(text) if glue._unknown(t, ev)}
    assert glue._unknown_tokens(text, ev) == expected


@given(st.lists(st.sampled_from(["Ukraineto", "ukraineto", "UKRAINETO", "Straße", "STRASSE", "strasse", "µ", "Kyïv",
                                 "KYÏV", "Украины", " ", ".", "’"]), min_size=1, max_size=12))
@settings(max_examples=300)
def test_unique_counts_the_tokens_of_a_casefold(pieces):
    text = " ".join(pieces)
    doc = glue.Document(text)
    for token in set(glue.LETTERS.findall(text)):
        folded = [t.casefold() for t in glue.LETTERS.findall(text)]
        assert doc.unique(token) == (folded.count(token.casefold()) == 1)


@given(st.lists(st.sampled_from(["a", "b", " ", "\n", "\x1c", "\u200b", "\xa0", "/", "é"]), max_size=40).map("".join),
       st.data())
@settings(max_examples=300)
def test_chunk_start_is_the_start_of_the_run_without_spaces(text, data):
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    assert glue.CHUNK_START.search(text, start, end).start() == regex.search(r"\S*\Z", text[start:end]).start() + start
