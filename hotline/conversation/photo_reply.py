"""What the bot says right after a photo arrives, decided by code from the matcher's calibrated scores.

Confident → it names the product. Unsure → it asks, offering the top 3 as choices (the chat page shows them as
buttons with the catalog's iconic images) and never asserts a product it is unsure of. A photo whose text gave an
order id (a shipping label, a screenshot) is about that order, not a product: nothing is said here; the order id
joins the next turn's lookups.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hotline.conversation.events import PhotoChoices, PhotoIdentified, customer_message
from hotline.conversation.needs import PhotoNeeds
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.handoff import photo_entry

if TYPE_CHECKING:
    from hotline.conversation.needs import ConversationNeeds
    from hotline.dialogue.flow_state import FlowState
    from hotline.vision.catalog import ProductCatalog


def catalog_image_url(class_id: int) -> str:
    return f"/api/catalog/products/{class_id}/image"


def shown_as(match: dict[str, Any], catalog: ProductCatalog | None) -> tuple[str, str]:
    """A photo match: the name a customer picks it by ("Pink Lady") and the product as the store sells it and
    the flows look for it in orders ("Pink Lady Apple")."""
    class_id = int(match["class_id"])
    if catalog is not None and 0 <= class_id < len(catalog):
        return str(match["name"]), catalog[class_id].store_name
    return str(match["name"]), str(match["name"])


def photo_reply(
    services: PhotoNeeds, photo_id: int, analysis: dict[str, Any], lang: str = "en"
) -> tuple[str, PhotoIdentified | PhotoChoices] | None:
    """The bot's words (in the conversation's language) and the event for the page, or None when there is
    nothing to say about products. Product names stay as the catalogue has them."""
    matches = analysis.get("matches") or []
    if not matches or analysis.get("order_ids"):
        return None
    catalog = services.catalog
    if analysis.get("confident"):
        best = matches[0]
        text = phrase(lang, "photo_identified", what=shown_as(best, catalog)[1])
        return text, {"type": "photo_identified", "photo_id": photo_id, "product": best, "text": text}
    options = [
        {"class_id": m["class_id"], "name": m["name"], "image_url": catalog_image_url(m["class_id"])}
        for m in matches[:3]
    ]
    names = [o["name"] for o in options]
    text = phrase(lang, "photo_which", names=listing(lang, names[:-1]), last=names[-1])
    return text, {"type": "photo_choices", "photo_id": photo_id, "options": options, "text": text}


async def say_photo_reply(services: PhotoNeeds, conversation_id: str, photo_id: int, analysis: dict[str, Any]) -> None:
    """The bot's words about a new photo, unless a human holds the conversation: then the bot says nothing and
    the photo goes to the agent, live, with what the matcher and OCR found."""
    if await services.hub.held_by_human(conversation_id):
        photo = photo_entry(conversation_id, photo_id, analysis)
        await services.hub.customer_said(conversation_id, customer_message(conversation_id, "", photo=photo))
        return
    reply = photo_reply(services, photo_id, analysis, services.hub.language(conversation_id))
    if reply is None:
        return
    text, event = reply
    stored = await asyncio.to_thread(services.conversations.add_message, conversation_id, "bot", text, model="vision")
    event["message_id"] = stored.id
    await services.hub.notify_customer(conversation_id, event)


@dataclass
class PhotosSeen:
    """A conversation's photos as its turns read them: the order ids their text gave, the product a confident
    match named, the choices an unsure one offered and the one the customer then picked."""

    seen: set[int] = field(default_factory=set)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (name picked by, product as the store sells it)
    choices_photo: int | None = None  # the photo those choices are for
    picks: dict[int, str] = field(default_factory=dict)  # photo id -> the product the customer picked for it

    async def read_new(self, services: ConversationNeeds, conversation_id: str, flow: FlowState) -> str:
        """What the photos sent since the last turn say (order ids read by OCR): joins this turn's lookups. A
        confident match's product joins the flow's; an unsure one's choices wait for the customer's pick."""
        if services.photos is None:
            return ""
        photos = await asyncio.to_thread(services.photos.for_conversation, conversation_id)
        found = []
        for photo in photos:
            if photo.id in self.seen or photo.analysis is None:
                continue
            self.seen.add(photo.id)
            found += photo.analysis.get("order_ids", [])
            matches = photo.analysis.get("matches") or []
            if matches and photo.analysis.get("confident"):
                flow.photo_products.append(shown_as(matches[0], services.catalog)[1])
            elif matches:  # asked with choices: the customer's answer names one of them
                self.choices = [shown_as(m, services.catalog) for m in matches[:3]]
                self.choices_photo = photo.id
        return " ".join(found)

    def picked(self, text: str) -> tuple[str, int | None]:
        """The offered product the message names ("It's the Granny Smith."), and the photo it was offered for;
        ("", None) when it names none, or more than one."""
        chosen = [product for name, product in self.choices if name.lower() in text.lower()]
        if len(chosen) != 1:
            return "", None
        self.choices, photo_id = [], self.choices_photo
        if photo_id is not None:
            self.picks[photo_id] = chosen[0]
        return chosen[0], photo_id
