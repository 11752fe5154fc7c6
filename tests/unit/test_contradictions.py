"""Training data and adapters are held to the company's own numbers."""

from hotline.kb.documents import help_centre
from hotline.settings import REPO_ROOT
from hotline.training.contradictions import CompanyKnowledge
from hotline.training.dataset import CleanConfig, CompanyProfile, Example, clean, from_help_centre

DOCUMENTS = help_centre(REPO_ROOT / "demo" / "helpcentre")
KNOWLEDGE = CompanyKnowledge(d.text for d in DOCUMENTS)


def test_quantities_the_company_never_states_are_contradictions() -> None:
    assert KNOWLEDGE.contradictions("Reimbursements typically take between 3 to 10 business days.") == [
        "3 to 10 business days"
    ]
    assert KNOWLEDGE.contradictions("退款需要3至5个工作日。") == ["3至5个工作日"]
    assert KNOWLEDGE.contradictions("You can return items within 30 days of delivery.") == ["30 days"]
    for agreeing in (
        "Card refunds take 5 to 7 business days.",
        "Возврат на карту — 5–7 рабочих дней.",
        "其他付款方式需要5至7个工作日。",
        "Refunds to a gift card arrive immediately.",
    ):
        assert KNOWLEDGE.contradictions(agreeing) == [], agreeing
    assert KNOWLEDGE.rate(["in 3 to 10 business days", "in 5 to 7 business days"]) == 0.5


def test_the_training_set_starts_from_the_help_centre_and_drops_what_contradicts_it() -> None:
    company = from_help_centre(DOCUMENTS)
    assert {e.source for e in company} == {"help:en", "help:ru", "help:zh"}
    assert any(e.question == "退款什么时候到账？" and "5至7个工作日" in e.answer for e in company)
    generic = Example(
        "bitext#1", "bitext#1", "transcript:bitext", "how long do refunds take",
        "Refunds typically take 3 to 10 business days to process, depending on your bank.",
    )  # fmt: skip
    kept, _, counts = clean([*company, generic], CompanyProfile(), CleanConfig(), KNOWLEDGE)
    assert generic not in kept and counts["dropped: contradicts the company"] == 1
    assert len(kept) == len(company)


def test_the_policy_eval_reports_replies_that_contradict_the_company() -> None:
    from dataclasses import replace

    from hotline.evaluation.policy import PolicyResult, summarise

    said = PolicyResult("en", "How long?", "refund_time", False, "", True, True, False, False, 40.0)
    results = [
        replace(said, reply=reply, contradictions=tuple(KNOWLEDGE.contradictions(reply)))
        for reply in ("Card refunds take 5 to 7 business days.", "Refunds take 3 to 10 business days.")
    ]
    assert results[1].contradictions == ("3 to 10 business days",)
    assert summarise(results)["en/all"]["contradiction_pct"] == 50.0
