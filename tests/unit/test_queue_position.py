"""A waiting customer's place in the queue and the expected wait (conversation/queue_position.py)."""

from hotline.conversation.queue_position import expected_minutes, position_event, positions


def test_places_follow_the_queue_order() -> None:
    items = [{"conversation_id": "a"}, {"conversation_id": "b"}, {"conversation_id": "c"}]
    assert positions(items) == {"a": (1, 3), "b": (2, 3), "c": (3, 3)}
    assert positions([]) == {}


def test_the_wait_is_the_median_recent_wait_times_the_place_in_whole_minutes() -> None:
    assert expected_minutes([30.0, 90.0], 1) is None  # too little history: nothing promised
    assert expected_minutes([30.0, 90.0, 600.0], 1) == 2  # median 90 s -> 2 min (rounded up)
    assert expected_minutes([30.0, 90.0, 600.0], 3) == 5  # 270 s
    assert expected_minutes([1.0, 2.0, 3.0], 1) == 1  # never "0 minutes"


def test_the_event() -> None:
    assert position_event(2, 5, None) == {
        "type": "queue_position",
        "position": 2,
        "waiting": 5,
        "expected_minutes": None,
    }
