"""Pack-text profiles: words OCR read on a product's own reference packs, weighted by how specific they are."""

from __future__ import annotations

from hotline.vision.pack_text import PackTextProfile, tokens


def test_specific_words_point_at_their_product() -> None:
    texts = ["BRAVO | APELSIN | JUICE", "BRAVO apelsin", "GOD MOR | orange", "GOD | MOR GON", "JUICE | apple"]
    labels = [0, 0, 1, 1, 2]
    profile = PackTextProfile.build(texts, labels, n_classes=3, min_share=0.5)
    assert "bravo" in profile.weights and "juice" not in profile.weights  # seen once per product: not a profile
    bravo = profile.scores("bravo apelsin 100%")
    assert bravo.argmax() == 0 and bravo[0] > 0.9 and bravo[1] == 0
    assert profile.scores("GOD MORGON").argmax() == 1
    assert not profile.scores("nothing here").any()
    again = PackTextProfile.from_dict(profile.to_dict())
    assert (again.scores("bravo") == profile.scores("bravo")).all()


def test_tokens_keep_letters_of_any_alphabet() -> None:
    assert tokens("GRÄDDFIL 3DL | 12%fett | МОЛОКО | ab") == {"gräddfil", "fett", "молоко"}
