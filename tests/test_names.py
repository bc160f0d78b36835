"""The names stage: transliterations and machine "corrections" of people and places.

Most tests run the stage alone on a small lexicon without listed artifacts, so
that every fix comes from the transliteration generator or the near-miss rule;
the last ones run the whole cleaner with the built-in lexicon.
"""
from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.config import Config
from cleaner.edits import Proposal
from cleaner.lexicon import Lexicons, read_file
from cleaner.pipeline import Context
from cleaner.stages.names import KNOWN, NEAR_MISS, PLACE, TRANSLIT, NamesStage

from .stage_support import apply_confident, stage_proposals

PEOPLE = [  # canonical, origin, accepted, titles
    ("Sergey Lavrov", "ru", ["Sergei Lavrov"], ["Foreign Minister"]),
    ("Dmitry Peskov", "ru", ["Dmitri Peskov"], ["Kremlin spokesman"]),
    ("Dmitry Medvedev", "ru", ["Dmitri Medvedev"], []),
    ("Sergei Shoigu", "ru", ["Sergey Shoigu"], ["Defence Minister"]),
    ("Alexei Navalny", "ru", [], []),
    ("Alexander Lukashenko", "be", ["Aleksandr Lukashenko"], ["President"]),
    ("Volodymyr Zelenskyy", "uk", ["Volodymyr Zelensky", "Zelensky"], ["President"]),
    ("Vladimir Putin", "ru", [], ["President"]),
    ("Oleksii Reznikov", "uk", [], ["Defence Minister"]),
    ("Yevgeny Prigozhin", "ru", [], []),
    ("Mikhail Mishustin", "ru", [], ["Prime Minister"]),
    ("Ramzan Kadyrov", "ru", [], []),
    ("Valery Gerasimov", "ru", [], ["General"]),
    ("Nikolai Patrushev", "ru", [], []),
    ("Dmytro Kuleba", "uk", [], ["Foreign Minister"]),
    ("Mykhailo Podolyak", "uk", [], []),
    ("Andriy Yermak", "uk", ["Andrii Yermak"], []),
    ("Denys Shmyhal", "uk", [], ["Prime Minister"]),
    ("Yulia Tymoshenko", "uk", [], []),
    ("Petro Poroshenko", "uk", [], []),
    ("Valerii Zaluzhnyi", "uk", [], ["General"]),
    ("Kyrylo Budanov", "uk", [], []),
    ("Sviatlana Tsikhanouskaya", "be", ["Svetlana Tikhanovskaya"], []),
    ("Iryna Vereshchuk", "uk", [], []),
    ("Maria Zakharova", "ru", [], ["spokeswoman"]),
    ("Vasily Nebenzya", "ru", [], ["Ambassador"]),
    ("Sergei Ryabkov", "ru", [], []),
    ("Yuri Ushakov", "ru", [], []),
    ("Margarita Simonyan", "ru", [], []),
    ("Ksenia Sobchak", "ru", [], []),
    ("Igor Konashenkov", "ru", [], []),
    ("Viktor Gulevich", "be", [], ["General"]),
    ("Vitali Klitschko", "uk", [], ["Mayor"]),
    ("Iryna Venediktova", "uk", [], []),
    ("Anatoly Antonov", "ru", [], ["Ambassador"]),
    ("Jake Sullivan", "en", [], ["National Security Adviser"]),
    ("Antony Blinken", "en", [], ["Secretary of State"]),
    ("Emmanuel Macron", "fr", [], ["President"]),
    ("Olaf Scholz", "de", [], ["Chancellor"]),
    ("Giorgia Meloni", "it", [], ["Prime Minister"]),
    ("Keir Starmer", "en", [], ["Prime Minister"]),
    ("Kim Jong Un", "ko", [], []),
    ("Joe Biden", "en", [], ["President"]),
    ("Boris Johnson", "en", [], ["Prime Minister"]),
    ("Pedro Sánchez", "es", [], ["Prime Minister"]),
    ("José Manuel Albares", "es", [], ["Foreign Minister"]),
    ("Mark Rutte", "nl", [], ["Secretary General"]),
]
PLACES = [  # canonical, origin, accepted
    ("Kharkiv", "uk", ["Kharkov"]),
    ("Zaporizhzhia", "uk", ["Zaporizhia", "Zaporozhye"]),
    ("Bakhmut", "uk", []),
    ("Kherson", "uk", []),
    ("Chernihiv", "uk", []),
    ("Donbas", "uk", ["Donbass"]),
    ("Kyiv", "uk", ["Kiev"]),
    ("Odesa", "uk", ["Odessa"]),
]


def _toml_list(items) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def _lexicon_text() -> str:
    parts = []
    for canonical, origin, accepted, titles in PEOPLE:
        parts.append(f'[[names.people]]\ncanonical = "{canonical}"\nrole = "test"\norigin = "{origin}"\n'
                     f"accepted = {_toml_list(accepted)}\ntitles = {_toml_list(titles)}\n")
    for canonical, origin, accepted in PLACES:
        parts.append(f'[[names.places]]\ncanonical = "{canonical}"\nkind = "city"\norigin = "{origin}"\n'
                     f"accepted = {_toml_list(accepted)}\n")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def lexicon_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("lexicon") / "names.toml"
    path.write_text(_lexicon_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def context(lexicon_path) -> Context:
    """The names stage's context with only the test lexicon: no listed artifacts."""
    return Context(Config(), Lexicons(read_file(lexicon_path)), "en")


def proposals(text: str, context: Context) -> list[Proposal]:
    return stage_proposals(NamesStage(), text, context)


def fixed(text: str, context: Context) -> str:
    return apply_confident(text, proposals(text, context), context.config.threshold)


# transliterations, full names ---------------------------------------------------

TRANSLITERATED = [  # (written, canonical result): none of these is listed in the test lexicon
    ("Dmitrij Peskow", "Dmitry Peskov"),
    ("Dmitri Medwedew", "Dmitri Medvedev"),             # Dmitri is accepted, only the surname changes
    ("Serguéi Shoigú", "Sergei Shoigu"),
    ("Sergej Schoigu", "Sergei Shoigu"),
    ("Alexej Nawalny", "Alexei Navalny"),
    ("Alekseï Navalny", "Alexei Navalny"),
    ("Oleksij Resnikow", "Oleksii Reznikov"),
    ("Alexandre Loukachenko", "Alexander Lukashenko"),
    ("Alexander Lukaschenko", "Alexander Lukashenko"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
    ("Volodímir Zelenski", "Volodymyr Zelenskyy"),
    ("Vladímir Putin", "Vladimir Putin"),
    ("Wladimir Putin", "Vladimir Putin"),
    ("Jewgeni Prigoschin", "Yevgeny Prigozhin"),
    ("Evgueni Prigojine", "Yevgeny Prigozhin"),
    ("Michail Mischustin", "Mikhail Mishustin"),
    ("Mikhaïl Michoustine", "Mikhail Mishustin"),
    ("Ramsan Kadyrow", "Ramzan Kadyrov"),
    ("Walerij Gerassimow", "Valery Gerasimov"),
    ("Valeri Guerassimov", "Valeri Gerasimov"),           # Valeri, Podoliak, Riabkov: English
    ("Nikolaï Patrouchev", "Nikolai Patrushev"),
    ("Nikolai Patruschew", "Nikolai Patrushev"),
    ("Dmytro Kouleba", "Dmytro Kuleba"),
    ("Mychajlo Podoljak", "Mykhailo Podolyak"),
    ("Mijailo Podoliak", "Mykhailo Podoliak"),
    ("Andrij Jermak", "Andriy Yermak"),
    ("Denys Schmyhal", "Denys Shmyhal"),
    ("Julija Tymoschenko", "Yulia Tymoshenko"),
    ("Petro Porochenko", "Petro Poroshenko"),
    ("Walerij Saluschnyj", "Valerii Zaluzhnyi"),
    ("Kyrylo Boudanov", "Kyrylo Budanov"),
    ("Swjatlana Zichanouskaja", "Sviatlana Tsikhanouskaya"),
    ("Iryna Wereschtschuk", "Iryna Vereshchuk"),
    ("Maria Sacharowa", "Maria Zakharova"),
    ("Maria Sajarova", "Maria Zakharova"),
    ("Marija Zacharova", "Maria Zakharova"),
    ("Wassili Nebensja", "Vasily Nebenzya"),
    ("Sergueï Riabkov", "Sergei Riabkov"),
    ("Iouri Ouchakov", "Yuri Ushakov"),
    ("Margarita Simonjan", "Margarita Simonyan"),
    ("Ksenija Sobtschak", "Ksenia Sobchak"),
    ("Ígor Konashénkov", "Igor Konashenkov"),
    ("Iryna Wenediktowa", "Iryna Venediktova"),
    ("Anatoli Antonow", "Anatoli Antonov"),             # Anatoli is an English spelling
    ("Victor Goulevitch", "Viktor Gulevich"),
    ("Witali Klitschko", "Vitali Klitschko"),
]


@pytest.mark.parametrize("written, canonical", TRANSLITERATED)
def test_transliterated_full_name_is_repaired(written, canonical, context):
    text = f"On Monday {written} said the talks had failed.\n"
    assert fixed(text, context) == f"On Monday {canonical} said the talks had failed.\n"
    assert {p.rule for p in proposals(text, context)} == {TRANSLIT.id}


def test_at_least_thirty_transliterated_names():
    assert len(TRANSLITERATED) >= 30


def test_possessive_and_capitals(context):
    assert fixed("Dmitrij Peskow’s remarks.", context) == "Dmitry Peskov’s remarks."
    assert fixed("DMITRIJ PESKOW SPEAKS", context) == "DMITRY PESKOV SPEAKS"


def test_generated_variant_confidence_is_below_listed(context, lexicon_path, tmp_path):
    listed = tmp_path / "listed.toml"
    listed.write_text('[[names.people]]\ncanonical = "Dmitry Peskov"\nartifacts = ["Dmitrij Peskow"]\n')
    ctx = Context(Config(), Lexicons(read_file(listed)), "en")
    generated = proposals("Dmitrij Peskow spoke.", context)
    known = proposals("Dmitrij Peskow spoke.", ctx)
    assert {p.rule for p in known} == {KNOWN.id}
    assert 0.75 <= generated[0].confidence < known[0].confidence


@pytest.mark.parametrize("text", [
    "Kremlin spokesman Dmitri Peskov said.",
    "Dmitry Peskov and Sergei Lavrov and Sergey Lavrov met.",
    "Volodymyr Zelenskyy, Volodymyr Zelensky and President Zelensky spoke.",
    "Aleksandr Lukashenko and Alexander Lukashenko are one man.",
    "Alexei Navalny, Aleksei Navalny, Alexey Navalny and Aleksey Navalny.",
    "Yevgeny Prigozhin, Evgeny Prigozhin and Yevgeniy Prigozhin.",
    "Oleksii Reznikov and Oleksiy Reznikov.",
    "Andriy Yermak and Andrii Yermak.",
    "Yulia Tymoshenko and Yuliya Tymoshenko.",
    "Dmitri Medvedev and Dmitry Medvedev.",
    "Mykhailo Podolyak and Mykhaylo Podolyak and Mykhailo Podoliak.",
    "Vyacheslav Volodin and Nikolai Patrushev and Nikolay Patrushev.",
])
def test_accepted_english_spellings_stay(text, context):
    assert fixed(text, context) == text


def test_loose_match_is_only_a_suggestion(context):
    text = "The envoy Vassily Nebenzia spoke."
    assert fixed(text, context) == text
    assert all(p.confidence < 0.6 for p in proposals(text, context))


def test_common_english_first_name_alone_different_is_a_suggestion(context):
    text = "Belarus sent General Victor Gulevich."
    assert fixed(text, context) == text
    assert [p.replacement for p in proposals(text, context)] == ["Viktor"]


# surnames ------------------------------------------------------------------------

@pytest.mark.parametrize("written, canonical", [
    ("General Goulevitch", "General Gulevich"),
    ("Foreign Minister Lawrow", "Foreign Minister Lavrov"),
    ("Kremlin spokesman Peskow", "Kremlin spokesman Peskov"),
    ("President Selenskyj", "President Zelenskyy"),
    ("Mayor Klitchko", "Mayor Klitschko"),
    ("Defence Minister Schoigu", "Defence Minister Shoigu"),
])
def test_surname_after_a_title(written, canonical, context):
    assert fixed(f"Yesterday {written} warned the West.", context) == f"Yesterday {canonical} warned the West."


def test_surname_after_a_title_is_below_a_full_name(context):
    titled = proposals("General Goulevitch said.", context)[0]
    full = proposals("Viktor Goulevitch said.", context)[0]
    assert 0.6 <= titled.confidence < full.confidence


def test_surname_after_the_full_name_in_the_document(context):
    text = "Dmitry Peskov spoke first. Then, Peskow added that nothing had changed. Peskow’s aide agreed."
    assert fixed(text, context) == text.replace("Peskow", "Peskov")


@pytest.mark.parametrize("text", [
    "Peskow said nothing.",                     # no title, no full name: a suggestion at most
    "Lavrov said nothing.",                     # accepted
    "Maria Zakharova spoke. Anna Sacharowa is a German writer.",   # someone else's first name
    "Maria Zakharova spoke. The novelist Lena Sacharowa agreed.",
])
def test_lone_surname_without_evidence_stays(text, context):
    assert fixed(text, context) == text


# places --------------------------------------------------------------------------

@pytest.mark.parametrize("written, canonical", [
    ("Charkiw", "Kharkiv"), ("Jarkov", "Kharkiv"), ("Saporischschja", "Zaporizhzhia"),
    ("Bachmut", "Bakhmut"), ("Tschernihiw", "Chernihiv"), ("Cherson", "Kherson"), ("Dombas", "Donbas"),
])
def test_place_spelling_is_repaired(written, canonical, context):
    text = f"Shelling continued in {written} overnight."
    assert fixed(text, context) == f"Shelling continued in {canonical} overnight."
    assert {p.rule for p in proposals(text, context)} == {PLACE.id}


@pytest.mark.parametrize("text", [
    "Shelling continued in Kharkov, Odessa, Kiev and the Donbass.",
    "Jerson Cabral scored twice.",               # a first name, beside an unknown capitalised word
])
def test_place_stays(text, context):
    assert fixed(text, context) == text


# spellings that belong where they stand ------------------------------------------

@pytest.mark.parametrize("text", [
    "Charkiw is the German spelling of the city.",
    "The German name for Kharkiv, Charkiw, is older.",
    "The newspaper headline read “Schwere Kämpfe um Charkiw und Cherson”.",
    "The protest ended near the Charkiw metro station.",
    "The Byzantine city of Cherson was founded long before.",
    "Volodymyr was baptised in Cherson in 988.",
    "In German the minister's name is written Sergej Lawrow.",
    "The Bachmut Kowalski family farm is in Poland.",
])
def test_foreign_spelling_in_its_own_context_is_only_suggested(text, context):
    assert fixed(text, context) == text
    assert proposals(text, context), "the spelling is still reported for review"


def test_region_designator_is_no_other_name(context):
    assert fixed("Fighting in the Charkiw Oblast.", context) == "Fighting in the Kharkiv Oblast."


def test_replacement_follows_the_accepted_form_the_words_keep(context):
    text = "Svetlana Tikhanowskaja spoke in Vilnius."
    assert fixed(text, context) == "Svetlana Tikhanovskaya spoke in Vilnius."


def test_listed_phrase_is_replaced_whole(tmp_path):
    path = tmp_path / "gaza.toml"
    path.write_text('[[names.places]]\ncanonical = "Gaza Strip"\nartifacts = ["Striscia di Gaza"]\n',
                    encoding="utf-8")
    ctx = Context(Config(), Lexicons(read_file(path)), "en")
    assert fixed("Aid reached the Striscia di Gaza on Monday.", ctx) == "Aid reached the Gaza Strip on Monday."


# near misses ---------------------------------------------------------------------

@pytest.mark.parametrize("written, canonical", [
    ("Anthony Blinken", "Antony Blinken"),
    ("Emanuel Macron", "Emmanuel Macron"),
    ("Olaf Scholes", "Olaf Scholz"),
    ("Georgia Meloni", "Giorgia Meloni"),
    ("Kier Starmer", "Keir Starmer"),
])
def test_near_miss_next_to_a_distinctive_part(written, canonical, context):
    text = f"On Friday {written} spoke to reporters."
    assert fixed(text, context) == f"On Friday {canonical} spoke to reporters."
    assert {p.rule for p in proposals(text, context)} == {NEAR_MISS.id}


@pytest.mark.parametrize("text", [
    pytest.param("Adviser Jake Sullivan spoke on Monday. On Tuesday Jack Sullivan explained the plan.",
                 id="with-the-canonical-name-in-the-document"),
    pytest.param("National Security Adviser Jack Sullivan explained the plan.", id="next-to-the-person-s-title"),
])
def test_near_miss_with_evidence_is_repaired(text, context):
    assert fixed(text, context) == text.replace("Jack", "Jake")


def test_near_miss_not_where_the_text_introduces_someone_new(context):
    text = "Adviser Jake Sullivan spoke. Jack Sullivan, a plumber from Ohio, disagreed."
    assert fixed(text, context) == text


@pytest.mark.parametrize("text", [
    "Jack Sullivan, a plumber from Ohio, voted for both parties.",
    "Victor said he would come. Jack and Maria went home.",
    "Jill Biden and Joe Biden visited the school.",
    "Kim Jong Il ruled before Kim Jong Un.",
    "Boris Johnson met Boris Johnston, a farmer.",
    "Mark Rutter, a teacher, asked a question.",
    "Maria Lopez and Sullivan Road.",
    "Spanish Foreign Minister José Manuel Albares met Prime Minister Pedro Sánchez and Pedro Sanchez.",
    "Emmanuel Macron met Olaf Scholz and Antony Blinken.",
    "Sergei Ryabkin and Andriy Yermakov are other people.",     # a surname near miss needs an English word
])
def test_ordinary_names_stay(text, context):
    assert fixed(text, context) == text


# the whole cleaner, with the built-in lexicon --------------------------------------

@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def names_edits(cleaner: Cleaner, text: str):
    return [e for e in cleaner.run(text).edits if e.category == "names" and e.applied]


@pytest.mark.parametrize("written, canonical", [
    ("Serghei Lavrov", "Sergey Lavrov"),
    ("Dmitrij Peskow", "Dmitry Peskov"),
    ("Alexandre Loukachenko", "Alexander Lukashenko"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
])
def test_builtin_lexicon(cleaner, written, canonical):
    text = f"Yesterday {written} said the talks had failed.\n"
    assert cleaner.clean(text) == f"Yesterday {canonical} said the talks had failed.\n"


@pytest.mark.parametrize("text", [
    "Jack Sullivan, a plumber from Ohio, said prices rose.\n",
    "Russian Foreign Minister Sergei Lavrov met Dmitri Peskov and Volodymyr Zelensky.\n",
    "Victor, Jack and Maria went home.\n",
])
def test_builtin_lexicon_leaves_correct_text(cleaner, text):
    assert not names_edits(cleaner, text)


def test_user_lexicon_is_merged(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_text('[[names.people]]\ncanonical = "Ivan Testovich"\norigin = "ru"\n', encoding="utf-8")
    text = "Yesterday Iwan Testowitsch spoke.\n"
    assert Cleaner(Config(lexicons=[path])).clean(text) == "Yesterday Ivan Testovich spoke.\n"


# helpers ------------------------------------------------------------------------------

def test_deletions_screened_by_starts_keep_every_form_with_such_a_start():
    from itertools import product
    from cleaner.stages.names import NEAR_START, _deletions
    starts = frozenset({"ab", "bca", "cc"})
    for size in range(7):
        for word in map("".join, product("abc", repeat=size)):
            expected = {form for form in _deletions(word) if form[:NEAR_START] in starts}
            assert expected <= _deletions(word, starts) <= _deletions(word)


def test_edit_distance_is_the_optimal_string_alignment_distance():
    from cleaner.stages.names import edit_distance
    assert edit_distance("scholz", "scholes") == 2
    assert edit_distance("ab", "ba") == 1
    assert edit_distance("abcd", "acbd") == 1
    assert edit_distance("ca", "abc") == 3    # a transposed pair is not edited again
    assert edit_distance("kitten", "sitting", 2) == 3
    assert edit_distance("anthony", "antony", 2) == 1


def test_a_word_unlike_any_name_is_one_the_lookups_find_nothing_for(cleaner):
    """The screen's shortcut for most new tokens must agree with _token, word for word."""
    from wordfreq import top_n_list
    from cleaner.stages.names import _index, _token, _unlike_any_name
    index = _index(cleaner.lexicons)
    lexicon_words = {w for entry in index.entries for name in entry.names for w in name.split()}
    words = [w.capitalize() for w in top_n_list("en", 20_000)] + sorted(lexicon_words) + [
        "Lavrow", "Serghei", "Zelenskyj", "Moscou", "O'Brien", "Kyiv’s", "Nato", "Born"]
    shortcuts = 0
    for word in words:
        if _unlike_any_name(word, index):
            shortcuts += 1
            assert _token(word, index) == (word, {}, ()), word
    assert 0.5 * len(words) < shortcuts < len(words)
