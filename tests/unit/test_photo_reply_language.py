"""What the bot says about a photo is worded in the conversation's language; product names stay the catalogue's."""

from types import SimpleNamespace
from typing import Any

from hotline.conversation.photo_reply import photo_reply

MATCHES = [{"class_id": i, "name": name} for i, name in enumerate(["Granny Smith", "Pink Lady", "Royal Gala"])]


def reply(lang: str, confident: bool) -> str:
    services: Any = SimpleNamespace(catalog=None)
    said = photo_reply(services, 7, {"matches": MATCHES, "confident": confident}, lang)
    assert said is not None
    return said[0]


def test_photo_replies_in_each_language() -> None:
    assert reply("en", True) == "Thanks for the photo: it looks like Granny Smith."
    assert reply("ru", True) == "Спасибо за фото: похоже, это Granny Smith."
    assert reply("zh", True) == "谢谢您的照片：看起来是Granny Smith。"
    assert reply("en", False) == "Thanks for the photo. Which product is it: Granny Smith, Pink Lady or Royal Gala?"
    assert reply("ru", False) == "Спасибо за фото. Какой это товар: Granny Smith, Pink Lady или Royal Gala?"
    assert reply("zh", False) == "谢谢您的照片。是哪件商品：Granny Smith、Pink Lady还是Royal Gala？"
