"""The syntax stage: each rule on positive and negative examples beyond the seeds."""
from __future__ import annotations

import json

import pytest

from cleaner import Cleaner
from cleaner.pipeline import Context
from cleaner.stages.syntax import SyntaxStage

from .conftest import ROOT
from .stage_support import apply_confident, stage_proposals

STAGE = SyntaxStage()


@pytest.fixture(scope="module")
def ctx() -> Context:
    c = Cleaner()
    return Context(c.config, c.lexicons, "en")


def fixed(text: str, ctx: Context) -> str:
    return apply_confident(text, stage_proposals(STAGE, text, ctx), ctx.config.threshold)


def suggested(text: str, ctx: Context, rule: str) -> list[tuple[str, str]]:
    """(span, replacement) of each of rule's proposals below the threshold."""
    return [(text[p.start:p.end], p.replacement) for p in stage_proposals(STAGE, text, ctx, rule)
            if p.confidence < ctx.config.threshold]


# doubled subject --------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Boris Johnson he did not rule out a snap election.", "Boris Johnson did not rule out a snap election."),
    ("Joe Biden in an interview with NBC he stated that troops would stay.",
     "Joe Biden in an interview with NBC stated that troops would stay."),
    ("Chancellor Olaf Scholz in a press conference in Berlin with the leaders of the Baltic countries "
     "he stressed that unity mattered.",
     "Chancellor Olaf Scholz in a press conference in Berlin with the leaders of the Baltic countries "
     "stressed that unity mattered."),
    ("The Foreign Minister of Kyiv Dmytro Kuleba he launched an appeal to Moscow.",
     "The Foreign Minister of Kyiv Dmytro Kuleba launched an appeal to Moscow."),
    ("The NATO secretary general Jens Stoltenberg he told the BBC that no troops would go.",
     "The NATO secretary general Jens Stoltenberg told the BBC that no troops would go."),
    ("Italian Prime Minister Giorgia Meloni she said that Rome would help.",
     "Italian Prime Minister Giorgia Meloni said that Rome would help."),
    ("Meanwhile Russian Foreign Minister Sergey Lavrov he accused the West of lying.",
     "Meanwhile Russian Foreign Minister Sergey Lavrov accused the West of lying."),
    ("The EU foreign policy chief Josep Borrell he also warned that sanctions would follow.",
     "The EU foreign policy chief Josep Borrell also warned that sanctions would follow."),
    ("Ursula von der Leyen during a visit to Warsaw she announced new sanctions.",
     "Ursula von der Leyen during a visit to Warsaw announced new sanctions."),
    ("“Pedro Sánchez he will travel to Rabat next week,” the spokesman said.",
     "“Pedro Sánchez will travel to Rabat next week,” the spokesman said."),
])
def test_doubled_subject_removed(ctx, text, expected):
    assert fixed(text, ctx) == expected


def test_doubled_subject_single_name_needs_the_document(ctx):
    text = "Kuleba he said that the talks were over. Officials said Kuleba was tired."
    assert fixed(text, ctx) == "Kuleba said that the talks were over. Officials said Kuleba was tired."
    assert fixed("Kuleba he said that the talks were over.", ctx) == "Kuleba he said that the talks were over."


@pytest.mark.parametrize("text", [
    "When Biden spoke, he was calm.",
    "Boris Johnson, he said, would resign.",
    "Biden said he would call Putin.",
    "Johnson and he agreed on the plan.",
    "After Kuleba arrived he said the talks were over.",
    "The man he met was a diplomat.",
    "The Prime Minister he met was charming.",
    "Last Tuesday he said the talks had failed. Tuesday is busy for Johnson.",
    "Thank God he did not go. God knows, said Johnson.",
    "Winston Churchill he was not. He admired Churchill deeply.",
    "Theresa May he trusted. He disliked May intensely.",
    "Olaf Scholz in talks with the leaders of the countries he visited said that unity mattered.",
    "In front of Boris Johnson he said nothing. Johnson smiled.",
    "Unlike Boris Johnson he has never lost. Johnson said so.",
    "Remind Boris Johnson he promised this. Johnson smiled.",
    "Everything he said was true.",
    "Yesterday he stressed that the alliance was united.",
    "The BBC he told was the first. The BBC said so, and the BBC agreed.",
    "It was Kuleba he blamed for the leak, not the president.",
    "Stoltenberg told the BBC he expected Sweden to join.",
    "A Churchill he is not, but Zelensky has proved himself.",
    "Joe Biden told reporters he would decide soon.",
    "German Chancellor Olaf Scholz, who met Biden, said he stressed unity.",
    "The Kremlin he described as “a fortress of lies”. Critics of the Kremlin agreed.",
    "Dmytro Kuleba he accused of lying, not the president.",
    "Ask Boris Johnson he will tell you.",
])
def test_doubled_subject_left_alone(ctx, text):
    assert fixed(text, ctx) == text


# source-language articles and conjunctions ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("He stated that “i American citizens must leave now.”", "He stated that “American citizens must leave now.”"),
    ("The army evacuated i soldiers from the base.", "The army evacuated soldiers from the base."),
    ("Talks with gli Americans resumed.", "Talks with Americans resumed."),
    ("Prices rose e wages fell.", "Prices rose and wages fell."),
    ("Relations between Washington e fly are tense.", "Relations between Washington and fly are tense."),
    ("Schools und hospitals were hit.", "Schools and hospitals were hit."),
])
def test_source_function_words(ctx, text, expected):
    assert fixed(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "The i newspaper was sold in 2019.",
    "The parties must (i) withdraw heavy weapons and (ii) allow monitors.",
    "i think this is fine, said the user. i was there.",
    "Part i of the report.",
    "He was born in Bosna i Hercegovina.",
    "Send an e-mail, e.g. to the press office.",
    "The constant e is irrational, and vitamin e helps.",
    "See item (e) of the list.",
    "Plot x e y on the y axis.",
    "The e bike market grew.",
    "Brazil’s motto is “Ordem e Progresso”.",
    "José Ortega y Gasset wrote it.",
    "It was a de facto ban, a tour de force, a coup de grace.",
    "Charles de Gaulle and Luis de Guindos. Leonardo da Vinci and Piero della Francesca.",
    "Sex ed and driver’s ed classes resumed.",
])
def test_source_function_words_left_alone(ctx, text):
    assert fixed(text, ctx) == text


def test_source_particle_not_proposed_in_a_loan_phrase(ctx):
    assert not stage_proposals(STAGE, "The de facto ruler of the country spoke.", ctx, "syntax.source_particle")


# the article before a country ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Meanwhile the Russia has invited staff to leave.", "Meanwhile Russia has invited staff to leave."),
    ("The Italy will host the summit.", "Italy will host the summit."),
    ("In March the Germany also announced new aid.", "In March Germany also announced new aid."),
    ("Officials said the China wants talks.", "Officials said China wants talks."),
])
def test_country_article_removed(ctx, text, expected):
    assert fixed(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "The Russia-Ukraine war has pushed up food prices.",
    "She spent six years on the Russia desk.",
    "The Russia of the 1990s was chaotic.",
    "The Russia report, published in July, was damning.",
    "The Russia hawks in the Senate want sanctions.",
    "The Russia that Putin inherited was poor.",
    "The United States has sent aid, the Netherlands has joined and the Philippines was hit.",
    "The Gambia has voted and the Czech Republic has signed.",
    "The Jordan has dried up and the Niger floods every year.",
    "The Australia coach was watching.",
    "The Ukraine crisis has exposed divisions.",
])
def test_country_article_left_alone(ctx, text):
    assert fixed(text, ctx) == text


# others / noun order / capitalised nouns --------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Weapons came from the United States and others Countries NATO.",
     "Weapons came from the United States and other NATO countries."),
    ("Weapons came from the United States and others countries.",
     "Weapons came from the United States and other countries."),
    ("Talks with others Countries failed.", "Talks with other countries failed."),
    ("Others Americans were evacuated.", "Other Americans were evacuated."),
    ("Ministers of the countries EU, Canada and Japan met.", "Ministers of the EU countries, Canada and Japan met."),
    ("All members NATO and Sweden agreed.", "All NATO members and Sweden agreed."),
])
def test_noun_phrases(ctx, text, expected):
    assert fixed(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "Others say the plan failed, and others have argued otherwise.",
    "The others’ views differ. Others, including Hungary, refused.",
    "Some want talks, others sanctions.",
    "Others always disagree, and others as well.",
    "Germany, France and other countries have pledged more.",
    "The countries NATO has invited will join.",
    "Member states of the EU met.",
    "“Other Countries are laughing at us,” he tweeted. “Our Country is being ripped off.”",
    "The Basque Country and the Low Countries voted. The Country Music Awards are held in May.",
])
def test_noun_phrases_left_alone(ctx, text):
    assert fixed(text, ctx) == text


# editor's notes ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the line that (the NATO countries, ed) must defend", "the line that (the NATO countries, Ed.) must defend"),
    ("they [the Kremlin, ndr] refused", "they [the Kremlin, Ed.] refused"),
    ("he (Putin, N.d.R.) said", "he (Putin, Ed.) said"),
    ("the city (ndr) was hit", "the city (Ed.) was hit"),
    ("it (Anm. d. Red.) failed", "it (Ed.) failed"),
    ("the deal (the gas one – ndlr) collapsed", "the deal (the gas one – Ed.) collapsed"),
    ("we (the journalists, nda) saw it", "we (the journalists, author's note) saw it"),
])
def test_editor_note(ctx, text, expected):
    assert fixed(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "the line that (the NATO countries, Ed.) must defend",
    "Smith, J. (ed.) (2010). A History. Oxford: OUP, 2nd ed.",
    "A History of Russia (John Smith, ed.) is out.",
    "(Reporting by Jane Doe; editing by John Roe)",
    "Sir Ed Davey and Ed Miliband called for a windfall tax.",
    "(Editor’s note: This article has been corrected.)",
])
def test_editor_note_left_alone(ctx, text):
    assert fixed(text, ctx) == text


# suggestions only: the text stays, the proposal is reported -------------------------------

@pytest.mark.parametrize("text, rule, expected", [
    pytest.param("Antony Blinken he is convinced that talks can work.", "syntax.doubled_subject", [(" he", "")],
                 id="doubled-subject-before-a-copula"),
    pytest.param("Talks between Washington e Moscow resumed.", "syntax.source_conjunction", [("e", "and")],
                 id="conjunction-between-names"),
    pytest.param("The ministry de defence said the base was hit.", "syntax.source_particle", [("de", "of")],
                 id="source-particle"),
    pytest.param("The Ukraine has declared independence.", "syntax.country_article", [("The ", "")],
                 id="dated-country-article"),
    pytest.param("The crisis hit the Country hard.", "syntax.capitalised_noun", [("Country", "country")],
                 id="singular-capitalised-noun-without-the-document"),
])
def test_only_suggested(ctx, text, rule, expected):
    assert fixed(text, ctx) == text
    assert suggested(text, ctx, rule) == expected


# the rules in the pipeline ----------------------------------------------------------------

SEED_INSTANCES = [
    "NBC he stated that", "“i American citizens", "Meanwhile the Russia has invited",
    "Baltic countries he stressed that", "Boris Johnson he did not rule out", "and others Countries Born.",
    "The Foreign Minister of Kiev Dmytro Kuleba he launched", "Jens Stoltenberg he told the BBC",
    "(the NATO countries, ed)",
]


@pytest.fixture(scope="module")
def cleaned_seeds(cleaner):
    return {p.name: cleaner.run(p.read_text(encoding="utf-8")).text for p in sorted((ROOT / "seeds").glob("*.txt"))}


@pytest.mark.parametrize("before", SEED_INSTANCES)
def test_seed_instances_fixed(cleaned_seeds, before):
    instances = json.loads((ROOT / "seeds" / "gold" / "instances.json").read_text(encoding="utf-8"))
    name, _, after = next(i for i in instances if i[1] == before)
    assert before not in cleaned_seeds[name]
    assert after in cleaned_seeds[name]


@pytest.mark.parametrize("path", sorted((ROOT / "seeds" / "gold").glob("*.txt")), ids=lambda p: p.name)
def test_gold_text_gets_no_syntax_edit(cleaner, path):
    result = cleaner.run(path.read_text(encoding="utf-8"))
    assert [e for e in result.edits if e.category == "syntax"] == []


def test_rules_are_english_only():
    assert all(r.languages == frozenset({"en"}) for r in STAGE.rules)


def test_cleaning_is_idempotent(cleaner):
    text = ("Boris Johnson he did not rule out talks. “i American citizens must leave,” Biden said. "
            "Meanwhile the Russia has invited others countries (the allies, ed) to the talks.\n")
    once = cleaner.run(text).text
    assert [e for e in cleaner.run(once).edits if e.applied] == []
