from hotline.gateway.call_admission import CallAdmission, LinesBusy, default_limit


def test_lines_are_taken_and_given_back() -> None:
    lines = CallAdmission(limit=2)
    assert lines.admit() and lines.admit() and not lines.admit()
    lines.release()
    assert lines.admit()
    for _ in range(5):
        lines.release()
    assert lines.active == 0  # never below zero


def test_the_default_is_one_and_a_half_calls_per_core() -> None:
    assert default_limit(2) == 4 and default_limit(1) == 2 and default_limit(8) == 16


def test_the_busy_message_holds_the_line_at_most_fifteen_seconds() -> None:
    assert LinesBusy("busy", 40.0).seconds == 15.0 and LinesBusy("busy", 6.5).seconds == 6.5
