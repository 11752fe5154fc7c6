from hotline.dialogue.prompt import approximate_tokens, build_prompt, summarise_turns
from hotline.ports import ChatTurn, OrderFacts, Passage


def _passage(i: int, size: int = 400) -> Passage:
    return Passage(f"doc#{i}", "doc", f"Section {i}", f"passage {i} " + "word " * (size // 5))


def test_prompt_carries_passages_orders_and_question() -> None:
    order = OrderFacts("#W1", "pending", ("Lamp (red)",))
    prompt = build_prompt("Acme", "Where is #W1?", [], [_passage(1)], [order], 6, 2000)
    final = prompt.turns[-1]
    assert final.role == "customer"
    assert "[1] Section 1:" in final.text and "Order #W1 is pending." in final.text
    assert final.text.endswith("Customer: Where is #W1?")
    assert "Acme" in prompt.system


def test_system_prompt_is_identical_across_turns_for_prefix_caching() -> None:
    a = build_prompt("Acme", "q1", [], [_passage(1)], [], 6, 2000)
    b = build_prompt("Acme", "q2", [ChatTurn("customer", "x"), ChatTurn("bot", "y")], [_passage(2)], [], 6, 2000)
    assert a.system == b.system


def test_budget_moves_old_turns_to_summary_then_drops_passages() -> None:
    history = []
    for i in range(10):
        history += [
            ChatTurn("customer", f"Question {i} about topic{i}. More words here."),
            ChatTurn("bot", "ok " * 40),
        ]
    passages = [_passage(i) for i in range(4)]
    prompt = build_prompt("Acme", "final question", history, passages, [], 6, 450)
    assert prompt.tokens <= 450
    assert len(prompt.turns) < 7
    assert "topic0" in prompt.summary  # the oldest topic survives as a summary the model can return to
    unlimited = build_prompt("Acme", "final question", history, passages, [], 6, 100_000)
    assert len(unlimited.turns) == 7 and len(unlimited.passages) == 4


def test_budget_keeps_at_least_one_passage() -> None:
    prompt = build_prompt("Acme", "q", [], [_passage(i, 2000) for i in range(3)], [], 6, 10)
    assert len(prompt.passages) == 1


def test_summary_uses_customer_first_sentences() -> None:
    turns = [
        ChatTurn("customer", "My lamp broke. It was red."),
        ChatTurn("bot", "Sorry."),
        ChatTurn("customer", "Also, shipping?"),
    ]
    assert summarise_turns(turns) == "My lamp broke.; Also, shipping?"
    assert approximate_tokens("abcd" * 10) == 10
