"""boilerplate.offtopic: unmarked headlines of other articles, found with the
packaged all-MiniLM-L6-v2 encoder (the neural extra), on CPU with one thread."""
import re

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from cleaner import Cleaner, Config, apply_edits  # noqa: E402
from cleaner.embedding import embedder  # noqa: E402

from .conftest import ROOT, SEEDS  # noqa: E402

OFFTOPIC = "boilerplate.offtopic"
GOLD = sorted((ROOT / "seeds" / "gold").glob("*.txt"))
SEED_001 = (ROOT / "seeds" / "001_3a7cf0513bdabbbc.txt").read_text(encoding="utf-8")
INSERTS = ("coffee grounds are an ally in cleaning", "Amnesty International is concerned")
SUBHEADINGS = ("Military exercises in Belarus", "Ukraine, the appeal to Russia",
               "Boris Johnson: “Most dangerous moment for Europe in decades”")


@pytest.fixture(scope="module")
def neural() -> Cleaner:
    torch.set_num_threads(1)
    return Cleaner(Config(neural=True))


def offtopic(result):
    return [e for e in result.edits if e.rule == OFFTOPIC]


def without_markers(text: str) -> str:
    return re.sub(r"See also\s+", "", text)


def test_unmarked_inserts_are_removed(neural):
    text = without_markers(SEED_001)
    result = neural.run(text)
    found = offtopic(result)
    assert len(found) == 2
    for insert, edit in zip(INSERTS, found):
        assert insert in edit.before and edit.after == "" and edit.applied
    assert not any(insert in result.text for insert in INSERTS)
    assert apply_edits(text, result.edits) == result.text


def test_inserts_stay_without_the_flag(cleaner):
    result = cleaner.run(without_markers(SEED_001))
    assert all(insert in result.text for insert in INSERTS)
    assert not offtopic(result)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_subheading_of_the_seeds_is_flagged(neural, path):
    """The marked inserts go to boilerplate.related_article; nothing else is off-topic."""
    result = neural.run(path.read_text(encoding="utf-8"))
    assert not offtopic(result)
    assert all(heading in result.text for heading in SUBHEADINGS if heading in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name[:3])
def test_gold_gets_no_edit(neural, path):
    assert neural.run(path.read_text(encoding="utf-8")).edits == []


def test_clean_text_with_subheadings_is_unchanged(neural):
    body = ("The central bank raised interest rates by half a point on Wednesday, its third increase this year, "
            "as inflation stayed well above its target and wages kept rising across the economy.")
    text = "\n\n".join([
        "Central bank raises rates again",
        body,
        "Markets react to the decision",
        "Shares fell and the currency rose after the announcement, while bond yields climbed to their highest "
        "level in a decade as investors priced in further increases by the central bank later this year.",
        "Economists expect more increases",
        "Most economists surveyed said they expected the bank to keep raising interest rates until inflation "
        "falls, although some warned that higher borrowing costs could push the economy into recession.",
    ]) + "\n"
    assert neural.run(text).text == text


def test_a_short_document_is_left_alone(neural):
    text = "A headline\n\nOne paragraph about the war in Ukraine and the talks in Geneva this week.\n\n" \
           "It may not seem like it, but coffee grounds are an ally in cleaning\n"
    assert not offtopic(neural.run(text))


def test_embeddings_are_unit_vectors_and_cached(neural):
    model = embedder()
    texts = ["Russia massed troops on the border.", "Moscow moved soldiers to the frontier.",
             "Coffee grounds help with cleaning."]
    vectors = model.embed(texts)
    assert vectors.shape == (3, 384)
    assert torch.allclose(vectors.norm(dim=-1), torch.ones(3), atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    calls = []
    handle = model._model.register_forward_hook(lambda *args: calls.append(1))
    try:
        assert torch.equal(model.embed(texts[::-1]), vectors.flip(0))
    finally:
        handle.remove()
    assert not calls
