"""Keys pressed on a WebRTC call the way phones and softphones send them: RFC 4733 telephone-event packets on the
caller's audio stream (a browser's ``RTCDTMFSender``, a SIP-to-WebRTC gateway, a softphone).

aiortc neither negotiates telephone-event nor reads it (a packet of a payload type it has no decoder for is
dropped): ``accept_telephone_events`` adds the codec, at 8 kHz and 48 kHz, to what aiortc offers and answers;
``hear_keys`` takes the caller's telephone-event packets before aiortc's receiver would drop them and hands each key
to the call once (a key's packets repeat while it is held, and its end is sent three times). The page's own keypad
may also send keys on the data channel (``webrtc_line``): either way a key is a ``Keyed`` frame of the call.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
TELEPHONE_EVENT = "audio/telephone-event"
EVENT_KEYS = "0123456789*#ABCD"  # RFC 4733 events 0-15, in order
# payload types aiortc offers them with when it makes the offer (unused by its audio and video codecs)
OFFERED_TYPES = {8000: 126, 48000: 110}


def telephone_event(payload: bytes) -> tuple[str | None, bool]:
    """(key, end of the event) of an RFC 4733 payload; the key is None for an event that is no keypad key (a
    flash, a tone) or a payload too short to be one."""
    if len(payload) < 4:
        return None, False
    event = payload[0]
    return (EVENT_KEYS[event] if event < len(EVENT_KEYS) else None), bool(payload[1] & 0x80)


def telephone_event_payload(event: int, end: bool, duration: int, volume: int = 10) -> bytes:
    """The RFC 4733 payload ``telephone_event`` reads: the event, the end bit with the volume, the duration (in
    timestamp units). For callers that send keys (the bench's and the tests' softphone)."""
    return bytes([event, (0x80 if end else 0) | volume]) + duration.to_bytes(2, "big")


class KeyEvents:
    """One key per press: all packets of one event (its start, the updates while it is held, the three ends)
    carry the event's RTP timestamp; the key counts at the first of them that arrives."""

    def __init__(self) -> None:
        self._seen: deque[tuple[int, int]] = deque(maxlen=32)

    def packet(self, ssrc: int, timestamp: int, payload: bytes) -> str | None:
        key, _end = telephone_event(payload)
        if key is None or (ssrc, timestamp) in self._seen:
            return None
        self._seen.append((ssrc, timestamp))
        return key


def accept_telephone_events() -> None:
    """Let aiortc negotiate telephone-event (once per process; after its own codecs, so audio is never sent as
    it). aiortc keeps its codecs in a module list with no option for this."""
    from aiortc import RTCRtpCodecParameters
    from aiortc.codecs import CODECS

    audio = CODECS["audio"]
    if any(codec.mimeType.lower() == TELEPHONE_EVENT for codec in audio):
        return
    for rate, payload_type in OFFERED_TYPES.items():
        audio.append(
            RTCRtpCodecParameters(mimeType=TELEPHONE_EVENT, clockRate=rate, channels=1, payloadType=payload_type)
        )


def telephone_event_types(sdp: str) -> set[int]:
    """The payload types the remote side's description gives telephone-event, on its audio."""
    from aiortc import sdp as sdp_parser

    return {
        int(codec.payloadType or 0)
        for media in sdp_parser.SessionDescription.parse(sdp).media
        if media.kind == "audio"
        for codec in media.rtp.codecs
        if codec.mimeType.lower() == TELEPHONE_EVENT
    }


def hear_keys(pc: Any, on_key: Callable[[str], Any]) -> set[int]:
    """After the remote description is set: each key the caller presses (RFC 4733) goes to ``on_key``, once; the
    payload types listened to are returned (none where the caller offers no telephone-event)."""
    types = telephone_event_types(pc.remoteDescription.sdp)
    for transceiver in pc.getTransceivers() if types else ():
        if transceiver.kind == "audio":
            # aiortc sends with the first codec the offer maps: never telephone-event (it has no encoder for it)
            transceiver._codecs.sort(key=lambda codec: codec.mimeType.lower() == TELEPHONE_EVENT)
            receiver = transceiver.receiver
            handle = _listening(receiver._handle_rtp_packet, types, on_key)
            setattr(receiver, "_handle_rtp_packet", handle)  # noqa: B010 - the DTLS transport calls it per packet
    if types:
        log.info("webrtc keys (RFC 4733) heard", extra={"payload_types": sorted(types)})
    return types


def _listening(handle: Any, types: set[int], on_key: Callable[[str], Any]) -> Any:
    """The receiver's packet handler with telephone-event taken out first."""
    events = KeyEvents()

    async def handle_rtp(packet: Any, arrival_time_ms: int) -> None:
        if packet.payload_type not in types:
            await handle(packet, arrival_time_ms)
        elif (key := events.packet(packet.ssrc, packet.timestamp, packet.payload)) is not None:
            log.debug("webrtc key (RFC 4733)", extra={"key": key})
            on_key(key)

    return handle_rtp
