"""OCR of an uploaded photo on the real stack: a shipping label's order id fills the next turn's order lookup,
and the handoff packet shows the photo with the text read from it."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import httpx
import pytest
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from websockets.sync.client import ClientConnection, connect

from hotline.storage.schema import Handoff

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def label(text: str) -> bytes:
    image = Image.new("RGB", (900, 300), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=56)
    draw.text((40, 60), "SHIPPING LABEL", fill="black", font=font)
    draw.text((40, 160), text, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92)
    return out.getvalue()


def until(ws: ClientConnection, kind: str) -> dict[str, Any]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        event = json.loads(ws.recv(timeout=90))
        if event["type"] == kind:
            return event
    raise AssertionError(f"no {kind}")


def test_label_photo_fills_the_order_and_reaches_the_agent(real_server: Any, real_services: Any) -> None:
    order = real_services.store.order_details("#W2611340")
    assert order is not None
    with connect(real_server.chat_url()) as ws:
        hello = until(ws, "disclosure")
        conversation = hello["conversation_id"]
        response = httpx.post(
            f"{real_server.http_url}/api/conversations/{conversation}/photos",
            files={"file": ("label.jpg", label("Order #W2611340"), "image/jpeg")},
            headers={"authorization": f"Bearer {hello['token']}"},
            timeout=60,
        )
        assert response.status_code == 201, response.text
        assert response.json()["order_ids"] == ["#W2611340"]
        ws.send(
            json.dumps(
                {"type": "message", "text": "I'm James Li, zip 10083. This order arrived broken, what is its status?"}
            )
        )
        sources = until(ws, "sources")
        done = until(ws, "done")
        assert any(o["order_id"] == "#W2611340" for o in sources["orders"])
        assert f"is {order['status']}" in done["text"]
        ws.send(json.dumps({"type": "message", "text": "I want to talk to a human"}))
        until(ws, "handoff")
    with real_services.sessions() as session:
        packet = session.scalars(select(Handoff.packet).where(Handoff.conversation_id == conversation)).first()
    assert packet is not None
    assert packet["photos"] and "#W2611340" in packet["photos"][0]["order_ids"]
    assert any("W2611340" in line for line in packet["photos"][0]["ocr"])
