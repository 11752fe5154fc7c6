"""What the bot says right after a photo arrives, decided by code from the matcher's calibrated scores.

Confident → it names the product. Unsure → it asks, offering the top 3 as choices (the chat page shows them as
buttons with the catalog's iconic images) and never asserts a product it is unsure of. A photo whose text gave an
order id (a shipping label, a screenshot) is about that order, not a product: nothing is said here; the order id
joins the next turn's lookups.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from hotline.conversation.events import PhotoChoices, PhotoIdentified, customer_message
from hotline.conversation.needs import PhotoNeeds
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.handoff import photo_entry

if TYPE_CHECKING:
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
