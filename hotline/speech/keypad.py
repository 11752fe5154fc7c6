"""Keypad digits (DTMF) as text in the call's turn: a caller keys in an order number, a zip or a card's last
four digits instead of saying them. Digits gather until "#" or a pause; then the whole entry is one turn.

Pure logic with an injected clock (no timers here): the call asks ``due(now)`` when its pause has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KEYS = frozenset("0123456789*#ABCD")


@dataclass
class Keypad:
    pause_s: float = 3.0  # after this long without a key, the entry is complete
    digits: list[str] = field(default_factory=list)
    last_at: float = 0.0

    def press(self, key: str, now: float) -> str | None:
        """The entry when this key completes it ("#"), else None. Unknown keys are ignored."""
        if key not in KEYS:
            return None
        if key == "#":
            return self._take()
        self.digits.append(key)
        self.last_at = now
        return None

    def due(self, now: float) -> str | None:
        """The entry once the caller paused long enough after the last key (None: still keying, or nothing)."""
        if self.digits and now - self.last_at >= self.pause_s:
            return self._take()
        return None

    def _take(self) -> str | None:
        entry, self.digits = "".join(self.digits), []
        return entry or None
