from hotline.dialogue.references import emails, order_ids
from hotline.dialogue.smalltalk import smalltalk_reply


def test_order_ids_are_normalised_and_deduplicated() -> None:
    assert order_ids("is #W2611340 here? and w1234567, also #W2611340") == ["#W2611340", "#W1234567"]
    assert order_ids("no order W12 here") == []


def test_emails() -> None:
    assert emails("write to Noah.Brown7922@example.com.") == ["noah.brown7922@example.com"]


def test_smalltalk_only_answers_pure_greetings_thanks_and_goodbyes() -> None:
    assert smalltalk_reply("hi, my name is John").startswith("Hello John!")  # type: ignore[union-attr]
    assert smalltalk_reply("thanks!") is not None
    assert smalltalk_reply("bye") is not None
    assert smalltalk_reply("hi, where is my order?") is None
    assert smalltalk_reply("thanks, but my parcel is broken") is None
