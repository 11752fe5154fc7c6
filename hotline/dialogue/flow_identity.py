"""Who the customer is: grounded in the store, so a name or an address the store does not know stays unknown."""

from __future__ import annotations

import re

from hotline.dialogue.flow_state import FlowState, Store
from hotline.dialogue.message_reading import NAME_ZIP, has_word
from hotline.dialogue.references import emails


def identify(store: Store, raw_text: str, state: FlowState) -> None:
    """Who the customer is, once: by an e-mail address of an account, else a name and zip code ("my name is … zip
    …", or an account's name anywhere beside its zip)."""
    if state.user_id is not None:
        return
    for email in emails(raw_text):
        if user_id := store.find_user_id_by_email(email):
            state.user_id = user_id
            return
    if match := NAME_ZIP.search(raw_text):
        state.user_id = store.find_user_id_by_name_zip(*match.groups())
    if state.user_id is None:
        state.user_id = _named_at_zip(store, raw_text)


def _named_at_zip(store: Store, raw_text: str) -> str | None:
    """A zip code and the name of an account at it, anywhere in the message ("Hi. Yusuf Rossi, 19122",
    "我是Yusuf Rossi，邮编19122"): grounded in the store, so a name the store does not know stays unknown."""
    cleaned = re.sub(r"#?W\d{7}|\b\d{6,}\b", " ", raw_text)  # order and item ids are no zip codes
    lowered = cleaned.lower()
    for zip_code in dict.fromkeys(re.findall(r"(?<!\d)(\d{5})(?!\d)", cleaned)):
        for user_id, first, last in store.users_with_zip(zip_code):
            if has_word(lowered, first) and has_word(lowered, last):
                return user_id
    return None
