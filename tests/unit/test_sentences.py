from hotline.dialogue.sentences import SentenceChunker, split_sentences


def test_chunker_emits_whole_sentences_across_pieces() -> None:
    chunker = SentenceChunker()
    out: list[str] = []
    for piece in [
        "Your order ",
        "#W123 is pend",
        "ing. It costs $12.",
        "50 total! Mr. Smith ",
        "agrees. Done",
    ]:
        out += chunker.push(piece)
    assert out == ["Your order #W123 is pending.", "It costs $12.50 total!", "Mr. Smith agrees."]
    assert chunker.flush() == ["Done"]
    assert chunker.flush() == []


def test_cjk_sentences_end_without_spaces() -> None:
    assert split_sentences("你好。请问有什么可以帮您？谢谢") == ["你好。", "请问有什么可以帮您？", "谢谢"]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    assert split_sentences("Pay e.g. by card. J. Smith said so.") == [
        "Pay e.g. by card.",
        "J. Smith said so.",
    ]


def test_question_and_exclamation_marks_and_closing_quotes() -> None:
    assert split_sentences('Really? Yes! He said "ok." Fine') == ["Really?", "Yes!", 'He said "ok."', "Fine"]
