from hotline.dialogue.grounding import check_sentence, customer_voice, extractive_answer
from hotline.ports import Passage

POLICY = (
    "After user confirmation, the order status will be changed to 'cancelled', and the total will be "
    "refunded via the original payment method immediately if it is gift card, otherwise in 5 to 7 business "
    "days.\n"
    "An order can only be returned if its status is 'delivered'."
)


def test_faithful_paraphrase_passes() -> None:
    assert check_sentence("Refunds to a card take 5 to 7 business days.", POLICY).grounded


def test_invented_number_is_withheld() -> None:
    verdict = check_sentence("You will get a 20% discount.", POLICY)
    assert not verdict.grounded and "20" in verdict.reason


def test_half_a_range_is_withheld() -> None:
    assert not check_sentence("The refund takes 5 days.", POLICY).grounded


def test_unsupported_claim_is_withheld() -> None:
    assert not check_sentence("Your refund arrives by drone tomorrow morning.", POLICY).grounded


def test_customer_words_do_not_support_claims_but_supply_ids() -> None:
    question = "Is a refund only available if I paid with a credit card?"
    claim = "A refund is only available if you paid with a credit card."
    assert not check_sentence(claim, POLICY, customer_text=question).grounded
    assert not check_sentence("Order #W1234567 was cancelled.", POLICY).grounded
    assert check_sentence("Order #W1234567 was cancelled.", POLICY, customer_text="about #W1234567").grounded


def test_status_contradicting_the_store_is_withheld() -> None:
    facts = "Order #W1 is processed."
    verdict = check_sentence("Your order is delivered.", POLICY + "\n" + facts, order_statuses=["processed"])
    assert not verdict.grounded and "contradicts" in verdict.reason


def test_negation_flip_is_withheld() -> None:
    assert not check_sentence("An order cannot be returned if its status is delivered.", POLICY).grounded


def test_pure_phrasing_passes() -> None:
    assert check_sentence("I am happy to help!", POLICY).grounded


def test_extractive_answer_quotes_the_best_source_sentence_in_customer_voice() -> None:
    passages = [Passage("wiki#1", "wiki", "Policy > Cancel pending order", POLICY)]
    answer = extractive_answer("How long does a refund take after I cancel?", passages, max_sentences=1)
    assert answer == [customer_voice(POLICY.splitlines()[0])]
    assert answer[0].startswith("After your confirmation")
