"""Whisper often writes Chinese in traditional characters; the company's customers write simplified."""

from hotline.speech.stt import simplified


def test_traditional_chinese_is_converted_to_simplified() -> None:
    assert simplified("我住在廣州，請幫我查訂單號碼") == "我住在广州，请帮我查订单号码"
    assert simplified("退款需要多长时间？") == "退款需要多长时间？"  # already simplified: unchanged
