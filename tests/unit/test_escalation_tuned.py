"""The tuned anger head's report: thresholds from the calibration half's neutral texts, applied to the test half."""

from __future__ import annotations

import numpy as np

from hotline.training.escalation_data import LabelledSet
from hotline.training.escalation_tuned import flagged_at_neutral_shares


def test_thresholds_come_from_the_calibration_neutral_texts_and_are_applied_to_the_test_half() -> None:
    calibration = LabelledSet()
    for i in range(100):  # neutral scores 0.00 … 0.99: 9 % of them at or above 0.91
        calibration.add("neutral", f"n{i}")
    test = LabelledSet()
    for i in range(10):
        test.add("angry", f"a{i}")  # scores 0.90 … 0.99: 9 of 10 reach 0.91
        test.add("neutral", f"t{i}")  # scores 0.00 … 0.09: none
    sets = {"calibration": {"en": calibration}, "test": {"en": test}}
    values = {f"n{i}": i / 100 for i in range(100)} | {f"a{i}": 0.9 + i / 100 for i in range(10)}
    values |= {f"t{i}": i / 100 for i in range(10)}

    report = flagged_at_neutral_shares(lambda texts, lang: np.array([values[t] for t in texts]), sets, ("en",))

    assert report["en"]["0.09"] == {"angry": 0.9, "neutral": 0.0}
    assert report["en"]["0.02"]["angry"] == 0.2  # threshold ~0.9802: 0.99 and 0.98
    assert report["en"]["n"] == {"angry": 10, "neutral": 10}
