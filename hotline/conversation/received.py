"""A customer message as a turn takes it: after the input red-line, stored (masked), with what was read of it."""

from __future__ import annotations

from dataclasses import dataclass

from hotline.redline.rules import InputCheck
from hotline.storage.conversations import StoredMessage


@dataclass(frozen=True)
class Received:
    """A customer message after the input red-line: stored (masked) and ready for a turn."""

    stored: StoredMessage
    masked_text: str
    raw_text: str  # in memory only, for this turn's store lookups (an e-mail); never persisted or logged
    check: InputCheck
    handled_by_human: bool
    photo_pick: str = ""  # the product the customer picked from a photo's choices ("It's the Pink Lady.")
    asks_person: float = 0.0  # the person head's score (asks for a human in words the red-line does not know)
    wants_person: bool = False  # ... at or above the tenant's threshold
    intent: str = ""  # the intent head's label (the keyword one without a head), as stored with the message

    @property
    def outranks_reply(self) -> bool:
        """A request for a human (the red-line's phrases or the person head's), or a risk, stops the reply in
        progress: it is decided on now (the messages before it are stored; the agent sees them in the packet). On a
        call every new turn does."""
        return self.check.wants_human or self.wants_person or self.check.max_severity >= 3
