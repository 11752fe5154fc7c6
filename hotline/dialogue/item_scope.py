"""What the customer holds back from a request: "everything except the tablet", "всё, только не наушники",
"头戴式耳机以外的全部", and hedges ("the lamp stays", "а лампу пока не трогайте", "台灯先别动").

The item words themselves are found by ``order_items`` (grounded in the order); which clauses of the message
act on what they name and which leave it out is read by the trained clause-role head
(``understanding/clause_roles.py``), so that an excluded item is never in a plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hotline.dialogue.addresses import LAST_FOUR
from hotline.dialogue.answer_words import EMOJI
from hotline.dialogue.negations import NEGATED_KEEP, NOT_WANTED
from hotline.dialogue.references import EMAIL_PIECE
from hotline.dialogue.understanding.clause_roles import SENTENCE_END, Clause, read_clauses, says_what_it_becomes

Named = Callable[[str, list[dict[str, Any]]], list[str]]  # the items a piece of text names

_ALL_ITEMS = re.compile(
    r"\b(all|everything|the whole (order|thing|lot)|entire (order|thing)|all (the )?items|every (item|thing|one)|"
    r"each (item|one)|the lot|(full|complete) order|все|всё|весь (заказ|ордер)|целиком)\b|所有|全部|全都|整单|整个|"
    r"都(要|给我)?(退|换|取消)|全退|每一?[样樣件個个]",
    re.I,
)
# "all" that says nothing about the items: "that's all I'm asking", "all right", "Всё просто", "это всё, о чём я
# прошу", "всё равно", "就这些"; or says that not all is meant: "not the whole order", "не весь заказ", "不是整单"
_ALL_IDIOMS = re.compile(
    r"\bnot (all|everything|the whole (order|thing|lot)|the entire (order|thing))\b|"  # "not the whole order, just …"
    r"(?<!\w)не (все|всё|весь (заказ|ордер)|целиком)(?!\w)|不是(全部|整个|整单|所有)|"
    r"\b(that'?s all|this is all|is that all|all (i|i'?m|we) (ask|need|want|said|say)\w*|all (right|good|set|the time|"
    r"over again|along|day|week)|at all|after all|first of all|above all|all in all)\b|"
    r"(?<!\w)(вот и всё|и всё тут|всё (просто|ясно|понятно|равно|время|уже)|все (равно|время)|"
    r"это всё,? (о чём|что))(?!\w)|"
    r"就这些|就这样|总是",
    re.I,
)
# what leads up to an e-mail address in its sentence, asking for nothing, says who the customer is ("Почта, на
# которую всё оформлялось, — …", "it's all under jo@…"); "return everything, my e-mail is …" asks
_IDENTITY = re.compile(rf"[^.;!?。；！？]*{EMAIL_PIECE}")
# the words of asking for something done to an order or an item: one list for the identity aside and the clauses
ASKS = re.compile(
    r"return|send (?:it |them )?back|cancel|exchang|chang|swap|refund|верн|возвр|сдать|сдам|отмен|обмен|помен|замен|"
    r"退|取消|换|改",
    re.I,
)


def says_every_item(text: str, identity_aside: bool = False) -> bool:
    """Whether the message asks for every item of the order ("return everything", "все", "都退"), not "all" as a
    way of speaking; with ``identity_aside``, the sentence of an e-mail address that asks for nothing is left out."""
    text = _ALL_IDIOMS.sub(" ", text)
    if identity_aside:
        text = _IDENTITY.sub(lambda m: m.group(0) if ASKS.search(m.group(0)) else " ", text)
    return _ALL_ITEMS.search(text) is not None


# once an item is held back: "the rest", "the others", "остальное", "其他都退"
THE_REST = re.compile(r"\b(the rest|the others?|all others|остальн\w*|прочее)\b|其他|其余|剩下", re.I)

# What an "everything except" is said with: an all-word or an exception word somewhere in the message. Without one,
# an "except" reading is the head's guess ("но, к сожалению, пазл мне не подошли" is a return of the puzzle, not of
# everything but it): the clause then acts on what it names.
EXCEPT_CUE = re.compile(
    r"\b(except|excluding|apart from|other than|besides|but not|not (the|my|this|that|your)|all|every\w*|whole|"
    r"entire|minus|save|without|the rest|others?)\b|кроме|за исключением|исключая|только не|\b(?:но|а) не\b|"
    r"\bвс[её]\b|\bвесь\b|целиком|\bбез\b|остальн|"
    r"помимо|除|以外|之外|不包括|全部|都|其他|其余|剩下|整",
    re.I,
)

# What a message that leaves an item out says it with: a word of keeping, waiting or not doing. Without one, a
# "held" reading is the head's guess ("From order #W1., I'd like to return the kettle" read as held, p > 0.5).
HOLD_CUE = re.compile(
    r"\b(keep\w*|kept|retain\w*|leav\w*|left|hold\w*|hang on|stay\w*|remain\w*|wait\w*|alone|as is|yet|for now|later|"
    r"another time|don'?t|do not|doesn'?t|won'?t|not|no|never|without|except|but)\b|"
    r"оста\w*|\bкак есть\b|\bне\b|\bнет\b|пока|\bбез\b|сохран\w*|подожд\w*|кроме|"
    r"别|不|留|保留|保持|原样|先|暂时|没|除",
    re.I,
)
HELD_P = 0.5  # left out more likely than not; else the item stays in (and the confirmation names it)

# A clause that says in so many words that what it names is left out ("please do not include the chair", "(excluding
# the lamp)", "кресло прошу не включать", "（台灯除外）", "台灯不在此次范围内"): left out whatever the head reads
LEFT_OUT = re.compile(
    r"\b(?:do not|don'?t|not to) (?:include|add)\b|\bexclud(?:e|ed|ing)\b|\bleave out\b|\bnot included\b|"
    r"\bне (?:включа|добавля)\w*|\bза исключением\b|除外|不包括|不包含|不在[^，。,.]{0,6}范围",
    re.I,
)


def exclusions(text: str, items: list[dict[str, Any]], named: Named) -> tuple[str, set[str], bool]:
    """The text without the clauses that leave out what they name, the item ids they name, and whether one was
    an "everything except" (all the rest is meant). ``named`` finds the items a piece of text names."""
    excluded: set[str] = set()
    everything_but = False
    kept, last = [], 0
    clauses = read_clauses(text)
    names = [set(named(clause.text, items)) for clause in clauses]  # each clause's items, found once
    held = [_held(text, clauses, i, items, named) for i in range(len(clauses))]
    held = _joined_by_and(text, clauses, held, [bool(found) for found in names])
    for clause, leaves_out, found in zip(clauses, held, names, strict=True):
        kept.append(text[last : clause.start])  # the punctuation between clauses: where a mention ends matters
        last = clause.end
        if leaves_out and found:
            excluded |= found
            everything_but |= clause.role == "except"
            kept.append(" ")
        else:
            kept.append(clause.text)
    kept.append(text[last:])
    return "".join(kept), excluded, everything_but


def _held(
    text: str,
    clauses: tuple[Clause, ...],
    i: int,
    items: list[dict[str, Any]],
    named: Named,
) -> bool:
    """Whether clause ``i`` leaves out what it names, read on its own and with the head's reading."""
    clause = clauses[i]
    becomes = says_what_it_becomes(LAST_FOUR.sub(" ", clause.text))  # "refund to my visa ending 4171": no 4171
    held = clause.held_p >= HELD_P and not becomes
    held = held and (clause.role != "except" or EXCEPT_CUE.search(text) is not None)
    held = held and (clause.role == "except" or HOLD_CUE.search(text) is not None)
    # a clause that asks in its own words for what it names, with no word of keeping, not doing or leaving out
    # ("I wish to return the pet bed", "верните чайник", "把水壶退了"), acts on it: a "hold" there comes from its
    # neighbours ("with reference to order #W1: I wish to return …")
    asks = ASKS.search(clause.text) and not (HOLD_CUE.search(clause.text) or EXCEPT_CUE.search(clause.text))
    held = held and not asks and not NEGATED_KEEP.search(clause.text)  # "I don't want to keep the kettle"
    held = held and not _not_wanted(clause.text)  # "it turns out she doesn't need the kettle"
    held = held or (LEFT_OUT.search(clause.text) is not None and not becomes)
    held = held or (_says_kept(clause.text) and not becomes)  # "oh, but we're keeping the chair"
    return held or _kept_after_a_courtesy(text, clauses, i, items, named)


_AND = re.compile(r"^\W*(?:and|or|plus|as well as|и|или|а также|和|跟|与|及|以及)(?!\w)", re.I)


def _says_nothing_of_its_own(clause: str) -> bool:
    """A clause that only names: no word of asking, keeping, not doing, leaving out, and no new variant."""
    cues = (ASKS, HOLD_CUE, EXCEPT_CUE, _KEEP, LEFT_OUT, NOT_WANTED)
    return not any(cue.search(clause) for cue in cues) and not says_what_it_becomes(clause)


def _joined_by_and(text: str, clauses: tuple[Clause, ...], held: list[bool], names: list[bool]) -> list[bool]:
    """A list goes on after "and" in a clause that only names: it is done or left out with the clause it goes on
    from ("return the kettle | and the wall clock | — could the chair stay?", "keep the chair | and the tablet"), and
    a sentence that opens with a clause that only names goes on with "and …, I'll keep" ("Кресло | и планшет
    оставлю себе"); "return A | B | and don't touch C" returns B. The clause a list goes on from names an item: a
    courtesy between ("поменять очки — на чёрный, | пожалуйста | и чемоданы — на 4-piece") is passed over."""
    held = list(held)
    naming: int | None = None  # the last clause so far that names an item
    for i in range(len(clauses)):
        if naming is not None and _AND.search(clauses[i].text) and _says_nothing_of_its_own(clauses[i].text):
            held[i] = held[naming]
        if names[i]:
            naming = i
    for i in range(len(clauses) - 1):
        opens = i == 0 or SENTENCE_END.search(text[clauses[i - 1].end : clauses[i].start]) is not None
        only_names = not _AND.search(clauses[i].text) and _says_nothing_of_its_own(clauses[i].text)
        if opens and only_names and _AND.search(clauses[i + 1].text):
            held[i] = held[i + 1]
    return held


# "а планшет, будьте добры, оставьте", "but the lamp, please, keep it", "不过台灯，麻烦您，先留着": an item set against
# the others, whose keeping is said after a courtesy — two clauses on, where the head does not look
_CONTRAST = re.compile(r"^\W*(?:(?:а|but|though|whereas)(?!\w)|不过|但是?|而)", re.I)
_KEEP = re.compile(
    r"\b(?:keep(?:ing|s)?|leave|(?:hang|hold)(?:ing)? on to|retain(?:ed|ing)?)\b|"
    r"остав(?:ьте|ит[еь]|лю|им|ляю|ляем)|пусть оста[её]тся|оста[её]тся у (?:нас|меня)|не трога(?:й|йте|ть|ем)|не трожь|"
    r"留|别动|不要动|不用动|保留",
    re.I,
)


# what a bare "keep it" says besides keeping: a pronoun, a courtesy, the order it is in ("оставьте из заказа #W1")
_AROUND_A_KEEP = re.compile(
    r"\b(?:it|them|that|this|one|please|pls|just|from|of|in|the|my|order)\b|#?W\d+|"
    r"(?<!\w)(?:его|её|ее|их|это|пожалуйста|из|в|заказа?)(?!\w)|它|这个|麻烦|就|吧|订单|的|[\W_]",
    re.I,
)


def _bare_keep(clause: str) -> bool:
    """A clause that only keeps, naming nothing ("keep it", "оставьте", "留着吧"): it keeps what was just named."""
    kept = _KEEP.search(clause)
    if kept is None:
        return False
    after = clause[kept.end() :]
    if (emoji := EMOJI.search(after)) is not None:  # "оставьте 🙂 деньги на …": an emoji ends a chat phrase
        after = after[: emoji.start()]
    return not _AROUND_A_KEEP.sub("", clause[: kept.start()] + after)


def _says_kept(clause: str) -> bool:
    """A clause that keeps what it names in a word of keeping ("oh, but we're keeping the chair", "the chair we'll
    hang on to", "а кресло пусть остаётся", "办公椅就留下吧") and asks for nothing in its own words."""
    return bool(_KEEP.search(clause)) and not NEGATED_KEEP.search(clause) and not ASKS.search(clause)


def _not_wanted(clause: str) -> bool:
    """A clause that says what it names is not needed ("she doesn't need the kettle", "挂钟她用不上") and asks for
    nothing in its own words ("I don't want the lamp returned" negates the return)."""
    return bool(NOT_WANTED.search(clause)) and not ASKS.search(clause)


def _kept_after_a_courtesy(
    text: str,
    clauses: tuple[Clause, ...],
    i: int,
    items: list[dict[str, Any]],
    named: Named,
) -> bool:
    if not _CONTRAST.search(clauses[i].text):
        # no "but": only the very next clause, and only after one that asks nothing ("пазл — планшет норм, оставьте",
        # "the tablet is fine, keep it"; "return the kettle, keep the receipt" asks for the kettle)
        if ASKS.search(clauses[i].text) or i + 1 >= len(clauses) or not _bare_keep(clauses[i + 1].text):
            return False
        clauses = clauses[: i + 2]
    for later in clauses[i + 1 :]:
        if SENTENCE_END.search(text[clauses[i].end : later.start]) or named(later.text, items):
            return False  # the sentence ended, or another item is spoken of
        if _KEEP.search(later.text):
            return True
    return False
