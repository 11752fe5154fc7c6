from hotline.kb.retrieval import query_terms, reciprocal_rank_fusion


def test_rrf_rewards_agreement_between_rankings() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1, 4]], k=60)
    ids = [item for item, _ in fused]
    assert ids[0] == 1  # ranks 1 and 2
    assert ids[1] == 3  # ranks 3 and 1
    assert set(ids) == {1, 2, 3, 4}
    scores = dict(fused)
    assert abs(scores[1] - (1 / 61 + 1 / 62)) < 1e-12


def test_rrf_with_one_empty_ranking_keeps_the_other_order() -> None:
    assert [i for i, _ in reciprocal_rank_fusion([[5, 6, 7], []])] == [5, 6, 7]


def test_query_terms_drop_stopwords_and_keep_order() -> None:
    assert query_terms("How do I return my shoes? Return policy please") == ["return", "shoes", "policy"]
    assert query_terms("the of") == ["the", "of"]  # nothing but stopwords: keep them rather than nothing
