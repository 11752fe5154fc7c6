"""Reading a customer's message for the store-action flows: which action it asks for, whether it asks to act
or asks a question, reasons, and the customer's language (the yes / no of a confirmation: answer_words) — in English,
Russian and Chinese. Patterns stay where they are exact; the trained head (understanding/) and the store
(grounded matching in flows and order_items) decide the rest.
"""

from __future__ import annotations

import functools
import re

from hotline.dialogue.addresses import PAYMENT_SOURCES, names_payment_source, parse_address
from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.language import follow
from hotline.dialogue.negations import without_negated_requests
from hotline.dialogue.references import emails, order_ids
from hotline.dialogue.sentences import split_sentences
from hotline.store.catalog_names import PRODUCT_NAMES

NAME_ZIP = re.compile(
    r"(?:my name is|i am|i'm|this is|name:?|меня зовут|я|我叫|我的名字是|我是)\s*([A-Z][a-z'-]+)\s+([A-Z][a-z'-]+)\b.*?"
    r"(?<!\d)(\d{5})(?!\d)",
    re.I | re.S,
)
# ASCII boundaries for the English words: "就cancel整个order", "我想return" in unspaced Chinese
# (and the English words as Russian speakers write them: "кэнсельнуть", "ретёрн", "эксчейндж")
CANCEL = re.compile(
    r"(?<![A-Za-z])cancel|к[эе]нсел|\bcall(ed|ing)? (it |this |that )?off\b|\bотмен|\bаннулир|取消|不要了|撤销|撤单|"
    # "I'd rather not go ahead with order #W1", "I no longer want to proceed with the order" (not "… the order change")
    r"\b(?:(?:rather|prefer|like|want|wish|decided|choose|going) (?:to )?not(?: to)?|"
    r"(?:don'?t|do not|no longer) (?:want|wish) to) (?:go ahead|proceed) with (?:the |my |this |that )?order\b"
    r"(?!\s+(?:change|update|edit|modification))",
    re.I,
)
RETURN = re.compile(
    r"(?<![A-Za-z])(return|send(ing)? (it |them )?back|refund for)|"
    r"\b(they|it|these|those|this|that|which) (can|could|should|will|may|must) (all )?go back\b|"
    r"вернуть|верните|возврат|р[еи]т[её]рн|"
    r"\bсда(ть|м|ю)\b|"
    r"(отправить|отослать|отдать|отправлю|отошлю) (\w+ )?(обратно|назад)|"
    r"退货|退回|退掉|退了|要退|想退|都退|全退|退到|只退",
    re.I,
)
# An item change; not "I changed my mind", "планы изменились", "передумала", "改主意了" (a reason, often to cancel).
# "把烤架要rotisserie的", "把外套弄成L的": the colloquial Chinese "make the X the Y one" is one too.
CHANGE = re.compile(
    r"(?<![A-Za-z])(exchang[a-z]*|swap[a-z]*|switch[a-z]*|(chang|updat)\w* (it|the|my)(?! mind)|replac\w*|modif\w*|"
    r"in place of|changed to|alter(ed|ing)?\b)|\s(?:→|->)\s|"
    # a variant chosen wrong: "I realised I'd picked wrong", "выбрала не тот цвет" ("I ordered the wrong size" is as
    # often a cancellation's reason)
    r"\b(?:picked|chose|selected) wrong\b|"
    r"\bвыбрал\w* не (?:тот|ту|то|та)\b|"
    r"обмен\w*|замен\w*|эксч[еэ]йндж\w*|помен(?!ял)\w*|измен(?!ил)\w*|换|(?<!已经)(?<!已)改(?!主意|变主意)|"
    r"把[^，。,.；;？?！!]{1,24}(?:要|弄成|变成)[^，。,.；;？?！!]{1,16}的",
    re.I,
)
# "вместо гриля — угольный", "silver instead of the smart watch", "rotisserie代替烧烤炉": an item change when an order
# is named ("можно сдать чайник и вместо него взять пылесос?" without one asks about the policy)
INSTEAD = re.compile(r"\bвместо\b|\binstead of\b|代替|替代|取代", re.I)
# "она хочет колонку [Bluetooth Speaker] (чёрный) на красную": a product (as ``annotate`` marks it) "на" its new
# option — the Russian way to say an item change without a verb of changing
_PRODUCT_ON = re.compile(r"\[[A-Z][^\]]*\]\s*(?:\([^)]*\)\s*)?на\s+(?!\[email\])\w", re.I)


def instead_in_order(text: str, raw_text: str) -> bool:
    """ "в заказе #W1 вместо гриля — угольный", "#W1 — колонку на красную": an item change said with "instead of",
    or a product "на" its new option, about a named order."""
    return bool((INSTEAD.search(text) or _PRODUCT_ON.search(text)) and order_ids(raw_text))


PAY_WITH = PAYMENT_SOURCES
# a shipping address; "my e-mail address: …", "адрес почты", "邮箱地址", "set up with the address [email]" are not one
_NOT_AN_EMAIL = (
    r"(?!\s*(?:is\s+|was\s+|:\s*|—\s*|-\s*|是\s*)?(?:\[email\]|[\w.+-]+@|[\w.+-]+(?: dot [\w.+-]+)* at [\w-]+ dot ))"
)
ADDRESS_CHANGE = re.compile(
    rf"(?<!mail )(?<!mail-)\baddress\b{_NOT_AN_EMAIL}|"
    rf"(?<!электронный )(?<!mail )(?<!mail-)адрес(?!\w* (электронной )?почты){_NOT_AN_EMAIL}|"
    rf"(?<!邮箱)(?<!邮件)地址{_NOT_AN_EMAIL}|寄到|送到(?![的了])|"  # "8月15号送到的": delivered, not to be sent
    r"\bwhere (my|the|this) (order|package|parcel|delivery) (is going|goes|is headed|ships|is shipping)\b|"
    r"\bi (have )?moved\b|"
    # "could #W1 be shipped to wherever #W2 went?", "send it to the same place as #W2", "отправьте туда же, куда …"
    r"\b(?:ship|send|sent|deliver|redirect|reroute|forward|mail)\w*\b[^.?!]{0,40}?\b(?:to )?(?:wherever|"
    r"the same (?:address|place) as|where (?:my |the )?(?:order )?#?W ?\d{7} (?:went|was))|"
    r"(?:отправ|достав|перенаправ|пошл|вышл)\w*[^.?!]{0,40}?туда же|"
    # "#W1 shouldn't go where it's going", "it's going to the wrong place", "идёт не туда", "寄的地方不对"
    r"\b(shouldn'?t|should not|mustn'?t|must not) go (where|there)\b|"
    r"\b(going|goes|sent) to the wrong (place|address)\b|"
    r"\b(идёт|идет|едет|едут|идут) не туда\b|寄的地方不对|寄错(了)?地方|"
    r"\bпереехал\w*|搬家",
    re.I,
)
# the address on the account, not an order's: "my default address"; "the account email is …" is no such thing
USER_ADDRESS = re.compile(
    r"\b(default|profile|on file(?!\s+for\s+(?:the\s+|my\s+|this\s+)?order))\b|"  # not "on file for order #W1"
    r"\b(account|home)('s)? address|address (on|in|of|for) (my |the )?(account|profile)|"
    r"основн\w* адрес|в профиле|адрес (в|на|моего|моей) (профил|аккаунт|учётн|учетн)|адрес аккаунта|"
    r"默认地址|账户地址|账号地址|个人资料",
    re.I,
)
# What the shop wrote, pasted around a request (a quoted line "> Order #W1 - shipping to the address on file", «…»,
# 【…】, a forwarded header "Fwd: … --"), and where an order goes now ("it's shipping to the address on file",
# "寄往默认地址"): the customer's own words about the account's address are neither
_QUOTED = re.compile(r"(?:^|(?<=\s))>\s[^\n]*|«[^»]*»|【[^】]*】|\bFwd?:[^\n]*?--", re.I | re.M)
_GOES_TO_DEFAULT = re.compile(
    r"\b(?:ship\w*|sent|send\w*|go\w*|deliver\w*|head\w*|bound)\s+(?:to|for)\s+(?:the |my |our )?"
    r"(?:address on file|default address|profile address|account address|address in (?:my |the )?profile)|"
    r"(?:доставк\w*|отправ\w*|ед\w*|ид\w*|ехать)\s+(?:по|на)\s+(?:основн\w* )?адрес\w*"
    r"(?:\s+(?:из профиля|по умолчанию|аккаунта|в профиле))?|"
    r"(?:寄|发|送|配送)(?:往|到|至)(?:默认|账户|账号)地址",
    re.I,
)


def says_user_address(text: str) -> bool:
    """Whether the customer's own words speak of the account's address ("change my default address"), not the
    shop's pasted lines or an order's present destination ("> Order #W1 - shipping to the address on file")."""
    return USER_ADDRESS.search(_GOES_TO_DEFAULT.sub(" ", _QUOTED.sub(" ", text))) is not None


# "change the payment to paypal": the payment method itself; "swap it, paying with paypal" is an item change.
PAYMENT_CHANGE = re.compile(
    r"\b(chang\w*|switch\w*|updat\w*|modif\w*)\b[^.]*\bpayment\b|\bpay for\b[^.]*\bwith\b|charged to|"
    r"\bcharge (it |the order )?(to |on )?(my |the |his |her |their |our )?(paypal|gift card|\w+ card|card)\b|"
    r"\buse (my |the )?[\w ]{0,20}?(paypal|gift card|card|visa|mastercard|amex|discover)"
    r"( balance| account| ending( in| with)? \d{4})? (for|on) (the |my |this )?order\b|"
    r"\b(?:put (it|this|that|the order|order|(the )?order( is)? #?W\d{7}|#?W\d{7})|"
    r"order( is)? #?W\d{7} (?:to )?(?:go|goes|went))\b[^.]{0,24}?\bon (my |the )?"
    r"(paypal|gift card|visa|mastercard|amex|discover|\w+ card|card)\b|"
    r"(смен\w*|помен\w*|измен\w*)[^.]*оплат|оплачива|оплатить заказ|спиш\w* с|списыва\w* с|"
    r"(改|换)[^\s，。,.；;]{0,20}(付款|支付)|(付款|支付)方式[^\s，。,.；;]{0,6}(改|换)|(?<!差价)的(付款|支付)(改|换)|"
    r"payment( method)?\s*(改|换)",
    re.I,
)
# "用PayPal付", "改用礼品卡付款": paying that way — the order's payment, unless an item or a difference is spoken of
# ("水壶换成白色，用PayPal付" pays for the change)
_PAY_THAT_WAY = re.compile(
    r"(?<!差价)(?:(?:改成|换成|改为|换为|改|换)\s*)?用[^\s，。,.；;]{1,24}(付款|支付)|"
    r"(?<!差价)(?:(?:改成|换成|改为|换为|改|换)\s*)?用[^\s，。,.；;]{1,24}付(?=吗|嗎|呢|吧|$|[\s，。,.；;？?])|"
    r"(?<!差价)(改|换)(成|用)[^\s，。,.；;]{1,24}付(款|钱)?(?=$|[\s，。,.；;吧])"
)
# an item changed, besides the payment named ("…我要水壶换成白色的，用PayPal付")
_ITEM_CHANGE = re.compile(r"换成|改成|换个|换一|换掉|改为|换为|代替|替换|替代")
# "move the charge over to my gift card", "I'd rather pay with PayPal", "钱换成礼品卡扣", "переведите оплату на карту":
# a payment method as the new one, in a message that speaks of no price difference or refund (those are item
# changes and returns paying or refunded that way)
_PAYMENT_TARGET = re.compile(
    r"(\b(to|onto|with|using|via|by)|\bна|\bчерез|\bс|换成|改成|改用|换|用)\s*"
    r"(?:(?:my|the|your|his|her|their|our|мою|мой|свою|его|её|ее|их) |账户里的|我的|他的|她的)?"
    r"(?:store |visa |mastercard )?"
    r"(?:" + "|".join(p.pattern for p in PAYMENT_SOURCES.values()) + ")",
    re.I,
)
# the price difference of an exchange or item change: "возврат разницы" is no return of items
# "charge paypal if it's more", "whatever it costs", "если выйдет дороже", "贵的话用礼品卡": the difference too
PRICE_DIFFERENCE = re.compile(
    r"differen|price gap|\bif (?:it'?s|it is|it costs|that'?s|that costs|there'?s) (?:any(?:thing)? )?(?:more|extra)\b|"
    r"\bwhatever (?:it|that|the change) costs\b|\b(?:any(?:thing)?|the) extra\b|"
    r"разниц|доплат|если (?:это |он |она |оно )?(?:будет |выйдет |окажется )?дороже|"
    r"差价|补差|多出来的|贵的话|要是贵|如果贵",
    re.I,
)
_SETTLEMENT = re.compile(
    r"differen|price gap|\bgap\b|settle|refund|money back|разниц|доплат|возврат|верн|деньги|差价|退|补", re.I
)


# a catalogue product named (in English, or marked so by catalog_terms): "the bookshelf", "kettles", "[Yoga Mat]"
_PRODUCT = re.compile(
    r"\b("
    + "|".join(
        sorted({re.escape(w) for name in PRODUCT_NAMES for w in (name, name.split()[-1]) if w not in ("Set", "Kit")})
    )
    + r")(e?s)?\b",
    re.I,
)


def payment_change(text: str) -> bool:
    """Whether the message asks to pay for an order another way — not how a difference or a refund is settled,
    and not an item changed "paying with PayPal" (a product is named then)."""
    if PAYMENT_CHANGE.search(text):
        return True
    said = _PAYMENT_TARGET.search(text) or _PAY_THAT_WAY.search(text)
    if not said or _SETTLEMENT.search(text) or _PRODUCT.search(text):
        return False
    if not text.isascii() and _PRODUCT.search(annotate(text)):  # "rotisserie вместо гриль [Grill], платить с …"
        return False
    rest = _PAY_THAT_WAY.sub(" ", _PAYMENT_TARGET.sub(" ", text))
    return not _ITEM_CHANGE.search(rest)  # "水壶换成白色的，用PayPal付": the change is paid for that way


QUESTION = re.compile(
    r"[?？]\s*$|^\W*(how|what|when|why|is|are|do|does|can i|may i|am i)\b|"
    r"можно ли|\bли\b|^\W*(как|когда|почему)\b|吗|呢|怎么|如何|能不能|"
    r"(能|可以|行|要)[^，。,.？?]{0,10}不\s*$",  # "还能取消不": a yes-or-no question said the short way
    re.I,
)
# Words that ask for information (how long, why, what...), in each language, also as typed in a hurry ("whats",
# "hows", "чё", "啥", "咋").
WH_QUESTION = re.compile(
    r"\b(how|what|when|why|which|where)('?s|'?re)?\b|"
    r"\b(как|когда|почему|зачем|сколько|что|какой|какая|какую|какие|где|куда|чё|че|чего)\b|"
    r"怎么|如何|为什么|什么|几天|多少|多长|多久|哪|是否|啥|咋",
    re.I,
)


def _names_something_specific(raw_text: str) -> bool:
    """An order, an address or an account (e-mail) named in the message."""
    return bool(order_ids(raw_text) or parse_address(raw_text) or emails(raw_text))


def follow_up_question(text: str) -> str:
    """What a confirmation asks besides its yes ("yes ok do it. how long will the refund take?", "OK，办吧。refund要
    多久？"): the sentences after the first that ask something, else ""."""
    asked = [s for s in split_sentences(text)[1:] if re.search(r"[?？]", s) or WH_QUESTION.search(s)]
    return " ".join(asked)


def asks_for_information(text: str, raw_text: str) -> bool:
    """A question word about nothing specific (no order, address or account named): the customer asks how things
    work ("whats the usual wait", "что делать с коробкой", "得填啥理由"), whatever action words it holds."""
    return bool(WH_QUESTION.search(text)) and not _names_something_specific(raw_text)


# The two reasons the policy knows. Not wanting or needing it, in any words ("I've decided I don't want it", "no
# use for it", "не пригодится", "用不着了"), is "no longer needed"; anything said about a mistake wins over it.
REASON_NOT_NEEDED = re.compile(
    r"no longer (need|want|use)|(don'?t|do not|doesn'?t|won'?t|will not|wouldn'?t|would not) "
    r"(really |actually |ever |even )?(need|want|use)\b|won'?t be (using|needing)|"
    # a doubt that is a no: "I don't think I need it anymore", "не думаю, что он мне нужен"
    r"(don'?t|do not|doesn'?t) (think|believe|suppose|reckon|expect) (that )?(i|we|he|she|they)('ll| will| would)? "
    r"(really |actually |even )?(need|want|use)|не думаю,? что[^.!?]{0,20}(нуж|понадоб|пригод)|"
    r"not (really |actually )?(needed|wanted|necessary|required|interested)|(no longer|not) (required|useful)|"
    r"(no longer|don'?t|do not) (really )?require|"
    r"\b(is|are|was|were)n'?t (really |actually |even )?(needed|wanted|necessary|required)|"
    r"changed my mind|(no|any) (use|need) for|\bno use\b|"
    r"have (a |any )?use for|(not|never) (going to|gonna) use|decided (against|not)|"
    r"(found|got|bought) (it|one|them)? ?(cheaper|elsewhere|somewhere else)|cheaper elsewhere|already (have|got) one|"
    r"\bбольше не нуж|\bне нуж|\bне (очень|особо|особенно|так уж|слишком|сильно)(-то)? (нуж|надо\b)|"
    r"\bуже не нуж|\bне хочу|\bпередумал|\bне понадоб|\bне пригод|\bни к чему|"
    r"\bне ?актуал|\bне требуется|отпала (необходимость|надобность)|(необходимость|надобность)[^.!?]{0,30}отпал|"
    r"\b(уже|больше|теперь) не надо\b|\bмне (это |он |она |оно |они )?(уже )?не надо\b|"
    r"в другом месте|нашл?[её]?л? дешевле|"
    r"不再需要|不需要|无需|用不上|用不着|用不到|不用了|不要了|不想要|没用了|别处买|别的地方买|改主意",
    re.I,
)
REASON_MISTAKE = re.compile(
    r"mistake|by accident|accidental|in error|wrong order|ordered (it )?twice|wrong (button|thing|item|size|one)|"
    r"misclick|clicked|didn'?t mean to|\bwrongly\b|\bmistaken|\baccidentally\b|(placed|ordered) (it |this |the order )?"
    r"(wrong|incorrectly)|"
    r"ошиб|случайно|нечаянно|не ту кнопку|не то заказал|не туда (нажал|ткнул|тыкнул|кликнул|щ[её]лкнул)|"
    r"нажал\w* не (туда|то)|мисклик|"
    r"买错|下错|错了|不小心|误|失误|点错|选错|多买|手滑",
    re.I,
)
# "Can I return...?" asks about the policy (the dialogue answers it); "I want to return..." asks us to act.
REQUEST = re.compile(
    r"^\W*(also|and also)\b|^\W*(hi|hello|hey)?\W*(cancel|return)\b|"
    r"\b(i want|i'd like|i would like|i need|i wish|please|pls|plz|help me|can you|could you|would you|can u|"
    r"could u|would u|let me|"
    r"go ahead and|need to|want to|have to|хочу|нужно|надо|пожалуйста|прошу|помогите|хотел\w* бы)\b|"
    r"想|我要|请|帮我|需要",
    re.I,
)
DAMAGED = re.compile(
    r"\b(broken|damaged|defective|cracked|smashed|crushed|leaking|spoiled|rotten|mouldy|moldy|wrong item)\b|"
    r"сломан|поврежд|испорч|разбит|гнил|坏了|破损|损坏|烂了",
    re.I,
)
GIFT_CARD = PAYMENT_SOURCES["gift_card"]
# the refund to the way the order was paid: "the original payment method", "тем же способом", "原路退回"
ORIGINAL_METHOD = re.compile(
    # whoever paid: "how I paid", "back to how he paid" (a customer writing for their wife or father)
    r"\boriginal (payment|method|card|way)|\b(way|how|what|however|whatever) (I|he|she|they|we) (originally )?paid\b|"
    r"\bpaid (it |for it )?with\b|\bsame (payment )?method|исходн\w* способ|"
    r"(?:откуда|как) (?:я |он |она |мы |они )?(?:изначально )?плати(?:л|ла|ли)\b|"
    r"тем же способом|тот же способ|原支付|原(来|本|先)的?(付款|支付)|原路|怎么付的就怎么退|"
    # the method the order was paid with, by what it did: "the method used for the order", "the card I paid with",
    # "тот способ, которым оплачен заказ", "на карту, с которой платил", "下单时用的支付方式", "哪里付的退哪里"
    r"\b(?:method|card|account|way)s? (?:that )?(?:(?:I|we|he|she|they) )?(?:used|paid (?:with|by)|was used|were used|"
    r"(?:was|were) paid (?:with|by))\b|\bused (?:for|on|to pay for) (?:the|this|that|my|our) (?:order|purchase)\b|"
    r"(?:которым|которой|с которой|с которого|которую|который)\s+(?:я |он |она |мы |они )?(?:был\w* )?"
    r"(?:оплачен\w*|оплачивал\w*|оплатил\w*|платил\w*|расплачивал\w*|расплатил\w*)|"
    r"(?:付款|支付|下单|购买|买)时(?:用|使用)的|当初(?:用|付)的|(?:哪里|哪儿|什么)付的(?:就)?退(?:到|回)?(?:哪里|哪儿|什么)",
    re.I,
)


def names_a_reason(text: str) -> bool:
    """Whether the message gives one of the policy's reasons ("by mistake", "I don't need it anymore")."""
    return bool(REASON_MISTAKE.search(text) or REASON_NOT_NEEDED.search(text))


def names_a_way_of_paying(text: str) -> bool:
    """Whether the message names a kind of payment ("paypal", "my visa") or the way the order was paid."""
    return names_payment_source(text) or ORIGINAL_METHOD.search(text) is not None


ENDS_WITH = re.compile(r"(?:\bends? (?:in|with)|заканчивается на|尾号是?|结尾是)\s*(\d{1,6})(?!\d)", re.I)
# "cancel all my pending orders", "отмените все мои заказы", "把我所有的订单都取消"
ALL_ORDERS = re.compile(
    r"\ball (of )?(my|the) (pending |open )?orders\b|\bevery (pending )?order\b|"
    r"\bвсе (мои )?(\w+ )?заказы|所有(的)?(待处理的?)?订单|订单都",
    re.I,
)
PENDING_WORDS = re.compile(
    r"\bpending\b|not (yet |still )?(shipped|dispatched)|(hasn'?t|has not|isn'?t|is not) (been )?(shipped|dispatched)|"
    r"not shipped (yet|still)|before (dispatch|shipping)|"
    r"(ещё|еще) не (отправ|зашип|ушёл|ушел|ушли)|未发货|还没(发货|发|ship|寄)|发货前|待处理",
    re.I,
)
DELIVERED_WORDS = re.compile(r"\bdelivered\b|\breceived\b|\bgot\b|arrived|доставлен|получил|收到|已送达", re.I)
# "the same address as my order #W…", "wherever #W… is going", "the address #W… is going to", "тот же адрес, что у
# заказа", "和订单…的地址一样"
SAME_AS = re.compile(
    r"\bsame (address|place)\b|\bwherever\b|\bis (going|being sent|being shipped|shipping|headed)\b|"
    r"\bwhere (my |the )?(order )?(number )?#?W ?\d{7} (went|was sent|was shipped|was delivered)\b|"
    r"\b(to|at) the address (of|for|on|from|in) (my |the )?(order )?#?W ?\d|\baddress (is )?(the )?same as\b|"
    r"\baddress (of|for) (my |the )?(order )?#?W\d|"
    r"\baddress (which|that) (is|was) (in|on|for) (my |the )?order\b|\bas (in|on) (my |the )?order\b|"
    r"тот же адрес|туда же|по адресу заказа|адрес\w* как (в|у)\b|как (в|у) заказ|一样|那个地址|同一个地址|"
    r"#?W\d{7}\s*(寄过|送过|发过|寄去|送去|发去|寄往)的(那个)?地址|(寄到|送到)(订单)?\s*#?W\d{7}\s*的\s*(地址|address)",
    re.I,
)


# Words that point at an address, in an answer to "what is the new address?": "the address on order #W2", "same
# place as #W2", "адрес из заказа #W2", "订单#W2的地址" (the order named there is the address's source)
ADDRESS_SOURCE = re.compile(r"\baddress|\bplace\b|\bsame\b|\bwherever\b|адрес|туда|地址|一样|那里", re.I)


# "the same address as order #W2", "where #W2 went", "туда же, куда заказ #W2", "和订单#W2一样": #W2 is where to, not
# what to change
_REFERENCE = re.compile(
    r"\b(same (address |place )?as|wherever|to the address (of|for|on|from|in)|"
    r"address (which|that) (is|was) (in|on|for)|as (in|on) (my |the )?order)\b[^.;]{0,32}|"
    r"\bwhere (my |the )?(order )?(number )?#?W ?\d{7} (went|was sent|was shipped|was delivered|is going|goes)\b|"
    r"(тот|тому|том) же адрес\w*[^.;]{0,32}|туда же[^.;]{0,32}|(на|по) адрес\w* (у )?заказа[^.;]{0,16}|"
    r"(как|что) и? ?у заказа[^.;]{0,16}|адрес\w* как (в|у)[^.;]{0,24}|как (в|у) заказ[^.;]{0,16}|"
    r"(跟|和|同)(订单)?\s*#?W\d{7}\s*(的地址|一样|同一|寄一|一个地)|(寄到|改成|换成|送到)(订单)?\s*#?W\d{7}\s*(寄过的|送过的|发过的|寄去的|送去的|发去的|的|那个)\s*(那个)?\s*"
    r"(地址|address)",
    re.I,
)


def referenced_orders(raw_text: str) -> set[str]:
    """Orders named only as a reference for another's change ("ship #W1 to the same address as #W2")."""
    return {o for m in _REFERENCE.finditer(raw_text) for o in order_ids(m.group(0))}


def keyword_flow(text: str) -> bool:
    """Whether an action word of the keyword rules is in the message (they decide then; the head fills in); not one
    said in the negative ("not a return")."""
    text = without_negated_requests(text)
    return bool(
        ADDRESS_CHANGE.search(text)
        or payment_change(text)
        or CANCEL.search(text)
        or RETURN.search(text)
        or CHANGE.search(text)
        or instead_in_order(text, text)
        or (PRICE_DIFFERENCE.search(text) and order_ids(text))  # "#W1 — the grill for charcoal, difference on …"
    )


def has_word(lowered: str, word: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered) is not None


def is_request(text: str, raw_text: str) -> bool:
    """A request to act, not a question about the policy: "I want to return..." or "cancel #W..." acts;
    "Can I return my order?" asks. A message naming something specific (an order, an address, an account)
    with an action word is a request even when phrased as a question ("Could I swap the lamp in #W...?").
    A question word about nothing specific asks, even with a modal verb ("why do you need my e-mail?",
    "取消订单时需要说明什么原因？", "сколько дней занимает возврат за отмену")."""
    specific = _names_something_specific(raw_text)
    asks = bool(WH_QUESTION.search(text)) and not specific  # asks_for_information, with ``specific`` read once
    if REQUEST.search(text) and not asks:
        return True
    acting = keyword_flow(text) or bool(order_ids(raw_text) and parse_address(raw_text))  # "ship #W1 to <address>"
    if acting and specific:
        return True
    return acting and not asks and not QUESTION.search(text.strip())


# A name beside a zip code ("Yusuf Taylor, 95154", "19031 Omar Anderson"): the account's name, written as the
# account has it, says nothing of the language the customer writes in
_NAME_BY_ZIP = re.compile(
    r"\b[A-Z][a-z'-]+\s+[A-Z][a-z'-]+\b(?=[^A-Za-z\d]{0,12}\d{5}\b)|"
    r"(?<!\d)\d{5}\b[^A-Za-z\d]{0,4}[A-Z][a-z'-]+\s+[A-Z][a-z'-]+\b"
)


@functools.lru_cache(maxsize=512)  # the session reads it, then the flows: one detection per message
def language_of(text: str, current: str) -> str:
    """The customer's language after this message (hotline.dialogue.language), where an address or a name beside
    a zip code is no sign: "967 Sunset Drive, Fort Worth, TX" or "Yusuf Taylor, 95154" in a Russian chat is still
    Russian."""
    text = _NAME_BY_ZIP.sub(" ", text)
    address = parse_address(text)
    if address is not None:
        text = text.replace(address["address1"], " ").replace(address["city"], " ")
        text = re.sub(r"\b((?i:suite|apt|unit|apartment|floor)|[A-Z]{2})\b", " ", text)
    return follow(text, current)
