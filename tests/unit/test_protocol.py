import json

import pytest

from hotline.gateway.protocol import FeedbackEvent, MessageEvent, PingEvent, ProtocolError, parse_client_event


def parse(frame: str | bytes, max_frame: int = 1000, max_chars: int = 100):  # type: ignore[no-untyped-def]
    return parse_client_event(frame, max_frame, max_chars)


def test_valid_events() -> None:
    assert parse('{"type": "message", "text": "hi", "client_id": "c1"}') == MessageEvent(
        type="message", text="hi", client_id="c1"
    )
    assert isinstance(parse('{"type": "feedback", "message_id": 3, "rating": "down"}'), FeedbackEvent)
    assert isinstance(parse(b'{"type": "ping"}'), PingEvent)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "bad_json"),
        ("[1, 2]", "invalid"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"text": "no type"}', "unknown_type"),
        ('{"type": "message"}', "invalid"),
        ('{"type": "message", "text": "   "}', "invalid"),
        ('{"type": "message", "text": "hi", "extra": 1}', "invalid"),
        ('{"type": "feedback", "message_id": "x", "rating": "up"}', "invalid"),
        ('{"type": "feedback", "message_id": 1, "rating": "meh"}', "invalid"),
        (json.dumps({"type": "message", "text": "x" * 101}), "too_large"),
        (json.dumps({"type": "message", "text": "x" * 2000}), "too_large"),
        (b"\xff\xfe", "bad_json"),
    ],
)
def test_bad_frames_get_a_clear_code(frame: str | bytes, code: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse(frame)
    assert caught.value.code == code
    assert caught.value.event()["type"] == "error" and caught.value.detail
