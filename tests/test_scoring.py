"""The language-model arbiter: scorers, loading, batching, and how a scorer's
preference moves a near-threshold proposal across the threshold. The
transformers scorers run tiny random BERT and GPT-2 models built here."""
import pickle
import sys

import pytest

from cleaner import Cleaner, Config, apply_edits
from cleaner.edits import Proposal
from cleaner.neural import MissingExtraError, require
from cleaner.scoring import STEP, FrequencyScorer, Scorer, arbitrate, load_scorer

from .test_cli import invoke

WORDS = "the a he took seat these at near window talks went well war began said that from moscow . ,".split()
SENTENCES = ["he took the seat near the window .", "he took these at", "the talks went well ."]
GLUED = "He took theseat near the window.\n"  # glue.fused_words suggests `these at` (0.5): `the seat` is as likely


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from tokenizers import Tokenizer, models, pre_tokenizers
    torch.manual_seed(0)
    root = tmp_path_factory.mktemp("models")
    bert = root / "bert"
    bert.mkdir()
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + WORDS
    (bert / "vocab.txt").write_text("\n".join(vocab) + "\n")
    transformers.BertTokenizer(str(bert / "vocab.txt")).save_pretrained(bert)
    transformers.BertForMaskedLM(transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64)).save_pretrained(bert)
    gpt2 = root / "gpt2"
    ids = {w: i for i, w in enumerate(["<unk>", "<|endoftext|>"] + WORDS)}
    backend = Tokenizer(models.WordLevel(ids, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    transformers.PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="<unk>", bos_token="<|endoftext|>",
                                         eos_token="<|endoftext|>", pad_token="<|endoftext|>").save_pretrained(gpt2)
    transformers.GPT2LMHeadModel(transformers.GPT2Config(
        vocab_size=len(ids), n_embd=16, n_layer=1, n_head=2, n_positions=64,
        bos_token_id=1, eos_token_id=1)).save_pretrained(gpt2)
    return {"masked": str(bert), "causal": str(gpt2)}


@pytest.mark.parametrize("kind, scorer_class", [("masked", "MaskedLMScorer"), ("causal", "CausalLMScorer")])
def test_load_scorer_picks_the_model_kind(tiny_models, kind, scorer_class):
    assert type(load_scorer(tiny_models[kind])).__name__ == scorer_class


@pytest.mark.parametrize("kind", ["masked", "causal"])
def test_scores_are_log_probabilities_independent_of_batching(tiny_models, kind):
    scorer = load_scorer(tiny_models[kind])
    together = scorer.score(SENTENCES)
    scorer.batch_size = 1
    one_by_one = scorer.score(SENTENCES)
    assert len(together) == len(SENTENCES) and all(s < 0 for s in together)
    assert together == pytest.approx(one_by_one, abs=1e-4)
    assert scorer.score([]) == []


@pytest.mark.parametrize("kind", ["masked", "causal"])
def test_cleaner_runs_with_a_transformers_scorer_and_pickles_without_it(tiny_models, kind):
    cleaner = Cleaner(Config(lm=tiny_models[kind]))
    result = cleaner.run(GLUED)
    assert apply_edits(GLUED, result.edits) == result.text
    assert cleaner.scorer._model is not None
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.config == cleaner.config and clone._scorer is None


class Prefers(Scorer):
    """A scorer that likes texts containing ``word``."""

    def __init__(self, word: str):
        self.word, self.calls = word, 0

    def score(self, texts):
        self.calls += 1
        return [10.0 * (self.word in t) for t in texts]


def glue_edit(scorer: Scorer | None):
    cleaner = Cleaner()
    cleaner._scorer = scorer
    [edit] = [e for e in cleaner.run(GLUED).edits if e.rule == "glue.fused_words"]
    return edit


def test_a_preference_moves_a_near_threshold_edit_across_the_threshold():
    assert not glue_edit(None).applied
    raised = glue_edit(Prefers("these at"))
    assert raised.applied and raised.confidence == pytest.approx(0.5 + STEP)
    assert "prefers the repair" in raised.message
    lowered = glue_edit(Prefers("theseat"))
    assert not lowered.applied and lowered.confidence == pytest.approx(0.5 - STEP)


def test_confident_proposals_and_weak_preferences_stay():
    text = "The talks went well."
    proposals = [Proposal(4, 9, "TALKS", "glue.fused_words", 0.9, "sure"),
                 Proposal(10, 14, "WENT", "glue.fused_words", 0.55, "unsure")]
    scorer = Prefers("nothing")
    assert arbitrate(scorer, 0.6, text, proposals) == proposals  # equal scores: no preference
    assert arbitrate(Prefers("TALKS"), 0.6, text, proposals) == proposals  # 0.9 lies outside the band
    assert arbitrate(Prefers("WENT"), 0.6, text, proposals)[1].confidence == pytest.approx(0.55 + STEP)


def test_all_proposals_of_a_stage_are_scored_in_one_call():
    scorer = Prefers("x")
    text = "one two three"
    arbitrate(scorer, 0.6, text, [Proposal(0, 3, "1", "glue.fused_words", 0.5, ""),
                                  Proposal(4, 7, "2", "glue.fused_words", 0.5, "")])
    assert scorer.calls == 1


def test_readings_keep_to_the_line_around_the_proposal():
    seen = []

    class Recorder(Scorer):
        def score(self, texts):
            seen.extend(texts)
            return [0.0] * len(texts)

    text = "A headline\nHe took theseat near the window.\nNext line"
    arbitrate(Recorder(), 0.6, text, [Proposal(19, 26, "these at", "glue.fused_words", 0.5, "")])
    assert seen == ["He took theseat near the window.", "He took these at near the window."]


def test_frequency_scorer_prefers_words_it_knows():
    scorer = load_scorer("wordfreq")
    assert isinstance(scorer, FrequencyScorer)
    known, typo = scorer.score(["the talks went well", "the talks went wel"])
    assert known > typo + scorer.margin
    assert scorer.score([""]) == [0.0]


def test_missing_extra_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` raises ImportError
    with pytest.raises(MissingExtraError, match=r'cleaner\[neural\]'):
        require()


@pytest.mark.parametrize("flag", [["--neural"], ["--lm", "some/model"]])
def test_cli_flag_without_the_extra_is_a_usage_error(monkeypatch, flag):
    monkeypatch.setitem(sys.modules, "transformers", None)
    result = invoke("clean", *flag, "-", input="Text.\n")
    assert result.exit_code == 2
    assert "cleaner[neural]" in result.output


def test_cli_lm_that_is_not_there_is_a_usage_error(tmp_path):
    pytest.importorskip("transformers")
    result = invoke("clean", "--lm", tmp_path / "missing", "-", input="Text.\n")
    assert result.exit_code == 2 and "--lm" in result.output
