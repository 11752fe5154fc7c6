"""The help centre's answers inside a turn: what the knowledge base says about a message (the articles found,
those a customer may be told, the article that answers and how well it fits), the policy's answer said before
a flow's next step, and the answer to a question asked with a confirmation, said after the action's result.

A mixin of the dialogue engine (engine.py), which holds the retriever, the scorer and the settings it reads.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from hotline.dialogue.catalog_terms import generic_products
from hotline.dialogue.grounding import answering_article, article_answer, asks_permission, citable, statements
from hotline.dialogue.message_reading import follow_up_question
from hotline.dialogue.product_answers import asks_about_products
from hotline.dialogue.side_questions import message_sentences
from hotline.kb.documents import CATALOGUE_TITLE
from hotline.languages import pack
from hotline.ports import ArticleIndex, KnowledgeCoverage, Passage, Retriever, SentenceMemory, SentenceScorer

log = logging.getLogger(__name__)
# A question asked beside a yes has no turn of its own to be asked again in: its article must fit by this much more
# than an ordinary question's. Measured with "asked" questions and the floors in settings.py: "how long will the
# refund take?" 0.948, "refund要多久？" 0.924, "钱几天到账？" 0.912, "when will the money be back?" 0.902 over floors
# of 0.87-0.89; "will I get email for the same?" finds no article (0.862). Before "asked" questions, a neighbour
# article drew 0.871-0.890 over floors of 0.845-0.855 (the margin was then 0.04).
_FOLLOW_UP_MARGIN = 0.02
# A question asked on the way beside a request ("Is there a fee for that? I'd like #W1 paid with …") is not the
# customer's point: its article must fit by more again. Measured on 72 such questions (family 20's, en/ru/zh): with
# 0.02, 12 answered, 5 of them by a neighbour article ("это платно?" by the payment methods, "要先把旧的寄回去吗？" by
# the return policy, at fits up to 0.925 over a floor of 0.89); with 0.04, 4 answered, all by the right article.
_SIDE_MARGIN = 0.04
# How much closer another found article's question must be than the best-ranked article's for it to answer instead
# (short questions sharing a word — "换一种付款方式" and "换两次" — are close by chance)
_CLOSER_MARGIN = 0.02


class KnowledgeSettings(Protocol):
    """The engine's settings this part reads (EngineConfig has them)."""

    @property
    def company(self) -> str: ...
    @property
    def top_k(self) -> int: ...
    @property
    def prefer_language(self) -> bool: ...
    @property
    def answerable_similarity(self) -> Mapping[str, float]: ...


@dataclass(frozen=True)
class Knowledge:
    """What the knowledge base says about a message (``HelpCentreAnswers._knowledge``)."""

    passages: list[Passage]  # found (internal ones too: they inform, never quoted)
    public: list[Passage]  # what the customer may be told
    article: Passage | None  # the article in the customer's language that answers
    unknown: bool  # the knowledge lacks the answer
    fit: float | None  # how well the article's title matches the question (None: not checked)


class HelpCentreAnswers:
    config: KnowledgeSettings
    _retriever: Retriever | None
    _scorer: SentenceScorer | None

    def warm_up(self) -> int:
        """Every public article's sentences and questions embedded now (blocking: at start-up), so that a caller's
        first question about an article costs its own embedding only. The number embedded."""
        if not isinstance(self._scorer, SentenceMemory) or not isinstance(self._retriever, ArticleIndex):
            return 0
        texts: list[str] = []
        for article in self._retriever.articles():
            if article.visibility == "public":
                texts += [*statements(article), *(article.questions or (article.heading,))]
        return self._scorer.remember(texts)

    async def _knowledge(self, text: str, lang: str, check_fit: bool = True) -> Knowledge:
        """What the knowledge says about ``text``: the passages found, those a customer may be told, the article
        that answers (its first sentence answers its title), and whether the knowledge lacks the answer."""
        passages: list[Passage] = []
        if self._retriever is not None:
            wanted = lang if self.config.prefer_language else None
            passages = await asyncio.to_thread(self._retriever.search, text, self.config.top_k + 2, wanted)
        public = citable(passages, lang)
        if not asks_about_products(text, lang):  # the catalogue says what products come in and cost: it answers
            public = [p for p in public if p.document != CATALOGUE_TITLE]  # that, never "can you repair my laptop?"
        public = public[: self.config.top_k]
        article, fit = answering_article(public, lang), None
        if check_fit:
            article, fit = await self._closest_article(text, public, article, lang)
            if article is not None:
                public = [article, *(p for p in public if p is not article)]  # the answer's source first
        unknown = fit is not None and fit < self.config.answerable_similarity[lang]
        unknown = unknown or (bool(passages) and not public)  # found, but nothing a customer may be told answers
        # "a store in Paris?", "на Wildberries?": a name the knowledge never mentions — whatever the nearest
        # passage says, it is not about that
        if not unknown and check_fit and isinstance(self._retriever, KnowledgeCoverage):
            own = self.config.company.lower().split()  # the company's own name need not be in its articles
            if lacking := [n for n in self._retriever.unknown_names(text) if n.lower() not in own]:
                log.info("question names what the knowledge lacks", extra={"names": lacking})
                unknown = True
        if unknown:
            # The nearest article answers another question: the knowledge does not have this one. Say so (and
            # offer a human) rather than quote a neighbour or let the model improvise.
            return Knowledge([], [], None, True, fit)
        return Knowledge(passages, public, article, False, fit)

    async def policy_answer(self, text: str, lang: str) -> str:
        """The help centre's answer to a question that also asks for an action ("can I exchange my jacket for
        another colour?"), said before the flow's next step: the article's sentence that answers it (the caller
        says it through respond_fixed, whose output gate checks it and records the audit like every sentence);
        "" when the message does not ask whether the customer may do something, or no article in the customer's
        language answers it."""
        if not asks_permission(text, lang):
            return ""
        # asked by the sentences that ask it: the story around them ("I ordered some things last week …") is no part
        asking = " ".join(s.strip() for s in message_sentences(text) if asks_permission(s, lang)) or text
        known = await self._knowledge(asking, lang)
        return "" if known.article is None else await self._answering_sentence(asking, known.article, lang)

    async def around_flow(self, text: str, lang: str, executed: bool, questions: Sequence[str] = ()) -> tuple[str, str]:
        """The help centre's words around a flow step: before it, the answer to a question that also asks for
        the action ("Can I exchange my jacket for another colour?"), else to the ``questions`` asked on the way
        beside the request ("How long does a refund take? I want to cancel #W1": ``side_questions.py``); after an
        action's result, the answer to a question asked with the yes ("yes, do it. how long is the refund?")."""
        if not executed:  # the side questions are looked up only when the policy's answer is not the lead
            return await self.policy_answer(text, lang) or await self._answers(questions, lang, _SIDE_MARGIN), ""
        side = await self._answers(questions, lang, _SIDE_MARGIN)
        question = follow_up_question(text)
        asked = await self.follow_up_answer(question, lang) if question else ""
        return "", " ".join(dict.fromkeys(a for a in (side, asked) if a))

    async def _answers(self, questions: Sequence[str], lang: str, margin: float) -> str:
        """The answers an article clearly gives to questions asked beside a request, one sentence each."""
        answers = [await self.follow_up_answer(q, lang, margin) for q in questions]
        return " ".join(dict.fromkeys(a for a in answers if a))

    async def follow_up_answer(self, question: str, lang: str, margin: float = _FOLLOW_UP_MARGIN) -> str:
        """The help centre's answer to a question asked with a confirmation ("yes, go ahead. how long does the
        refund take?"), said after the action's result: the answering article's sentence, or "" when no article
        in the customer's language fits clearly (the customer can ask again; nothing is guessed)."""
        known = await self._knowledge(question, lang)
        floor = self.config.answerable_similarity.get(lang)
        if known.article is None or known.fit is None or floor is None or known.fit < floor + margin:
            return ""  # no article, or no measure of its fit (no embedder): nothing is said rather than a guess
        return await self._answering_sentence(question, known.article, lang)

    async def _answering_sentence(self, question: str, article: Passage, lang: str) -> str:
        """The article's sentence that answers the question (its first, unless another fits better), or ""."""
        answer = await asyncio.to_thread(article_answer, question, article, self._scorer, lang)
        return answer[0] if answer else ""

    async def _closest_article(
        self, question: str, public: list[Passage], first: Passage | None, lang: str
    ) -> tuple[Passage | None, float | None]:
        """The article that answers and how well it fits: the best-ranked one in the customer's language, unless
        another found article has a question clearly closer to the customer's (retrieval ranks by words and whole
        texts; the closest question says which article answers). Fit: embedding similarity to the article's title
        or one of its "asked" questions, where a floor is calibrated for this language and embedder (else None),
        of the question with its products named as the articles name them ("can I trade the headphones for a
        speaker?" is asked as "can I trade the item for a item?")."""
        if first is None or self._scorer is None or lang not in self.config.answerable_similarity:
            return first, None
        candidates = [p for p in public if p.lang == lang]
        asked = [list(p.questions) or [p.heading] for p in candidates]
        generic = generic_products(question, pack(lang).phrases.get("generic_item", "item"))
        scores = await asyncio.to_thread(self._scorer.similarities, generic, [q for qs in asked for q in qs])
        fits, start = [], 0
        for questions in asked:
            fits.append(max(scores[start : start + len(questions)]))
            start += len(questions)
        ranked = fits[candidates.index(first)]
        best = max(range(len(candidates)), key=lambda i: fits[i])
        if fits[best] >= ranked + _CLOSER_MARGIN:
            return candidates[best], fits[best]
        return first, ranked
