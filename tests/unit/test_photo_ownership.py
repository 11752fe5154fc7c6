"""While a human holds a conversation the bot says nothing about a photo; the agent gets it, live."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from hotline.conversation.photo_reply import say_photo_reply

ANALYSIS = {"matches": [{"class_id": 3, "name": "Pink Lady", "score": 0.91}], "confident": True, "ocr": ["PINK"]}


class FakeHub:
    def __init__(self, status: str) -> None:
        self.status = status
        self.to_agent: list[dict[str, Any]] = []
        self.to_customer: list[dict[str, Any]] = []

    async def held_by_human(self, conversation_id: str) -> bool:
        return self.status in ("agent", "queued")

    async def customer_said(self, conversation_id: str, message: dict[str, Any]) -> None:
        self.to_agent.append(message)

    async def notify_customer(self, conversation_id: str, event: dict[str, Any]) -> None:
        self.to_customer.append(event)

    def language(self, conversation_id: str) -> str:
        return "en"


class FakeConversations:
    def __init__(self) -> None:
        self.bot_messages: list[str] = []

    def add_message(self, conversation_id: str, role: str, text: str, model: str = "") -> Any:
        self.bot_messages.append(text)
        return SimpleNamespace(id=len(self.bot_messages))


def services(status: str) -> Any:
    return SimpleNamespace(hub=FakeHub(status), conversations=FakeConversations(), catalog=None)


def test_the_agent_gets_the_photo_and_the_bot_stays_silent() -> None:
    for status in ("agent", "queued"):
        fake = services(status)
        asyncio.run(say_photo_reply(fake, "c1", 7, ANALYSIS))
        assert fake.hub.to_customer == [] and fake.conversations.bot_messages == []
        photo = fake.hub.to_agent[0]["photo"]
        assert (
            photo["photo_id"] == 7 and photo["url"].endswith("/photos/7") and photo["matches"][0]["name"] == "Pink Lady"
        )


def test_with_the_bot_it_names_the_product() -> None:
    fake = services("bot")
    asyncio.run(say_photo_reply(fake, "c1", 7, ANALYSIS))
    assert fake.hub.to_agent == [] and fake.hub.to_customer[0]["type"] == "photo_identified"
    assert "Pink Lady" in fake.conversations.bot_messages[0]
