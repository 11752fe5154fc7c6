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


def test_every_event_the_gateway_sends_is_declared_and_chat_ones_documented() -> None:
    """The typed protocol is the one reference: each ``{"type": …}`` the gateway builds is in SERVER_EVENTS, and
    each chat event is in protocol.py's reference (the page's authors read it)."""
    import ast
    from pathlib import Path

    import hotline.gateway
    from hotline.gateway import protocol

    sent: dict[str, str] = {}
    for path in Path(hotline.gateway.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    is_type = isinstance(key, ast.Constant) and key.value == "type"
                    if is_type and isinstance(value, ast.Constant) and isinstance(value.value, str):
                        sent[value.value] = path.name
    assert {t: f for t, f in sent.items() if t not in protocol.SERVER_EVENTS} == {}
    reference = protocol.__doc__ or ""
    chat = [t for t, channels in protocol.SERVER_EVENTS.items() if "chat" in channels]
    assert [t for t in chat if f'"type": "{t}"' not in reference] == []
