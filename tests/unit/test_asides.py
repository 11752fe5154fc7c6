"""Numbers no request needs, read past (dialogue/asides.py): dates, time waited, prices, an earlier case's
number, a phone number, a time of day — never an order id, a zip code, a card's last four or an option value."""

from __future__ import annotations

import pytest

from hotline.dialogue.asides import without_asides
from hotline.dialogue.flow_state import FlowState
from hotline.dialogue.message_reading import ADDRESS_CHANGE
from hotline.dialogue.request_kinds import switched_request


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        (
            "I ordered 9 days ago and it's still pending: order #W5107138, placed on August 2, change the boots",
            "I ordered and it's still pending: order #W5107138, placed on, change the boots",
        ),
        (
            "Please send order #W4386313, placed on September 17 to 964 Sunset Drive, NY 10199 — I'm home after 4 pm",
            "Please send order #W4386313, placed on to 964 Sunset Drive, NY 10199 — I'm home after",
        ),
        ("Isabella Sanchez, zip 85093. My previous case number was 402103", "Isabella Sanchez, zip 85093. My previous"),
        ("my email is a.b@example.com, and my phone is 555-0188", "my email is a.b@example.com, and my phone is"),
        ("I paid $141.95 for order #W7162915 on the 3rd of March", "I paid for order #W7162915 on the"),
        (
            "return the lamp (paid $117.95), refund to my visa ending 4971",
            "return the lamp (paid), refund to my visa ending 4971",
        ),
        (
            "заказывала 3 марта, заплатила 54,99 $. Отмените заказ #W1234567",
            "заказывала, заплатила. Отмените заказ #W1234567",
        ),
        ("Обращение № 48213 так и не закрыли, уже 4 дня жду, индекс 10020", "так и не закрыли, уже жду, индекс 10020"),
        ("Отправьте на новый адрес, я дома после 4 вечера", "Отправьте на новый адрес, я дома после"),
        ("订单#W7242815，10月14号下的，8月15号送到的", "订单#W7242815，下的，送到的"),
        ("上次的工单号是587781，我是6年的老客户了，3天前到的", "上次的，我是的老客户了，到的"),
        (
            "订单#W6002467（付了335.95美元）请寄到544 Sunset Drive，下午4点以后在家",
            "订单#W6002467（付了）请寄到544 Sunset Drive，下午以后在家",
        ),
    ],
)
def test_numbers_no_request_needs_are_read_past(said: str, meant: str) -> None:
    assert without_asides(said) == meant


@pytest.mark.parametrize(
    "kept",
    [
        "the headphones with 10 hours of battery in size 9, and the 1.5L kettle",
        "the 30-50 lbs dumbbells, the 10-inch clock and the 5.8-inch phone",
        "May I cancel order #W1234567? zip 10020, card ending 4971",
        "поменяйте кроссовки на 10 размер, заказ #W1234567",
        "把7的登山靴换成8的，订单#W5107138",
        "Mia Davis, 80218",
    ],
)
def test_the_numbers_a_request_needs_stay(kept: str) -> None:
    assert without_asides(kept) == kept


def test_delivered_on_a_date_is_no_address_change() -> None:
    assert not ADDRESS_CHANGE.search(without_asides("订单#W7597893里的整单想退，4月1号送到的。"))
    assert ADDRESS_CHANGE.search("订单#W7597893请送到544 Sunset Drive")
    assert ADDRESS_CHANGE.search("订单#W7597893送到的地址不对")


def test_where_a_changes_difference_goes_is_no_return() -> None:
    """Asked how an item change's difference is settled, "退到PayPal" answers it; a return said outright switches."""
    waiting = FlowState(flow="change", slots={"order_id": "#W5801125", "item_ids": ["9647374798"]})
    assert switched_request("退到paypal", "退到PayPal", waiting) is None
    assert switched_request("верните на paypal", "верните на PayPal", waiting) is None
    assert switched_request("actually just return it", "actually just return it", waiting) == "return"
    not_yet = FlowState(flow="change", slots={"order_id": "#W5801125"})
    assert switched_request("退货吧，退到paypal", "退货吧，退到PayPal", not_yet) == "return"
