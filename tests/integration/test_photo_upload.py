"""Photo upload over HTTP on a real server: a real grocery photo is cleaned and stored; EXIF (GPS) is gone and
its orientation applied; bombs, truncated files, wrong types and oversized uploads get a clear 4xx, and the
server keeps serving."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image
from websockets.sync.client import connect

from hotline.gateway.services import Services
from tests.conftest import LiveServer, scripted_server


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveServer, Services]]:
    with scripted_server(
        tmp_path,
        photos={"max_bytes": 2_000_000, "max_pixels": 20_000_000},
    ) as (server, services):
        yield server, services


TOKENS: dict[str, str] = {}  # conversation id -> the customer's session token for it


def conversation(server: LiveServer) -> str:
    with connect(server.chat_url()) as ws:
        hello = json.loads(ws.recv(timeout=10))
    TOKENS[hello["conversation_id"]] = hello["token"]
    return str(hello["conversation_id"])


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    gps = {1: "N", 2: (59.0, 20.0, 0.0), 3: "E", 4: (18.0, 4.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(server: LiveServer, conversation_id: str, data: bytes, name: str = "p.jpg") -> httpx.Response:
    return httpx.post(
        f"{server.http_url}/api/conversations/{conversation_id}/photos",
        files={"file": (name, data, "application/octet-stream")},
        headers={"authorization": f"Bearer {TOKENS.get(conversation_id, '-')}"},
        timeout=30,
    )


@pytest.mark.shared_data
def test_real_photo_is_stored_clean(live: tuple[LiveServer, Services], shared_data: Path) -> None:
    server, services = live
    conversation_id = conversation(server)
    real = next((shared_data / "images" / "train").rglob("*.jpg")).read_bytes()
    response = upload(server, conversation_id, real)
    assert response.status_code == 201, response.text
    stored = services.photos.for_conversation(conversation_id)  # type: ignore[union-attr]
    assert len(stored) == 1 and Path(stored[0].path).exists()
    with Image.open(stored[0].path) as image:
        assert image.size == (response.json()["width"], response.json()["height"])


def test_exif_orientation_applied_and_gps_stripped(live: tuple[LiveServer, Services]) -> None:
    server, services = live
    conversation_id = conversation(server)
    assert Image.open(io.BytesIO(photo_with_gps())).getexif().get(0x8825) is not None  # the input has GPS
    response = upload(server, conversation_id, photo_with_gps())
    assert response.status_code == 201
    assert (response.json()["width"], response.json()["height"]) == (20, 40)  # rotated upright
    stored = services.photos.for_conversation(conversation_id)[0]  # type: ignore[union-attr]
    raw = Path(stored.path).read_bytes()
    with Image.open(stored.path) as image:
        assert not image.getexif() and "exif" not in image.info
    assert b"Exif" not in raw


def test_bad_uploads_get_clear_errors_and_the_server_goes_on(live: tuple[LiveServer, Services]) -> None:
    server, _ = live
    conversation_id = conversation(server)
    good = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(good, format="JPEG")
    bomb = io.BytesIO()
    Image.new("1", (6000, 6000)).save(bomb, format="PNG")  # 36 MP of one bit: a few KB on the wire
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    cases = {
        "bomb": (bomb.getvalue(), 413, "too_many_pixels"),
        "truncated": (good.getvalue()[: len(good.getvalue()) * 2 // 3], 422, "broken_image"),
        "not an image": (b"%PDF-1.7 not a photo", 415, "not_an_image"),
        "gif": (gif.getvalue(), 415, "unsupported_format"),
        "oversized": (b"\xff\xd8" + b"0" * 2_100_000, 413, "too_large"),
        "empty": (b"", 422, "empty"),
    }
    for name, (data, status, code) in cases.items():
        response = upload(server, conversation_id, data)
        assert (response.status_code, response.json().get("code")) == (status, code), name
    assert upload(server, "no-such-conversation", good.getvalue()).status_code == 401  # no token for it
    assert upload(server, conversation_id, good.getvalue()).status_code == 201  # still serving
    assert httpx.get(f"{server.http_url}/healthz").status_code == 200
