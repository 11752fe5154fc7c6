"""Keys on a WebRTC call as RFC 4733 telephone-event packets: the payload read, one key per press however many
packets carry it, the codec negotiated by aiortc, and packets of other payload types left to aiortc."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from hotline.gateway.webrtc_keys import (
    OFFERED_TYPES,
    KeyEvents,
    accept_telephone_events,
    hear_keys,
    telephone_event,
    telephone_event_payload,
    telephone_event_types,
)

# the audio of an offer as Chrome makes it: opus, then telephone-event at 48 kHz and 8 kHz
CHROME_AUDIO = """v=0
o=- 1 2 IN IP4 127.0.0.1
s=-
t=0 0
m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 110 126
c=IN IP4 0.0.0.0
a=rtpmap:111 opus/48000/2
a=rtpmap:63 red/48000/2
a=rtpmap:9 G722/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:110 telephone-event/48000
a=rtpmap:126 telephone-event/8000
"""


def _payload(event: int, end: bool, duration: int = 800) -> bytes:
    return telephone_event_payload(event, end, duration)


@pytest.mark.parametrize(("event", "key"), [(0, "0"), (5, "5"), (9, "9"), (10, "*"), (11, "#"), (12, "A"), (15, "D")])
def test_events_are_keypad_keys(event: int, key: str) -> None:
    assert telephone_event(_payload(event, False)) == (key, False)
    assert telephone_event(_payload(event, True)) == (key, True)


def test_what_is_no_key_is_none() -> None:
    assert telephone_event(_payload(16, True))[0] is None  # a flash
    assert telephone_event(_payload(70, False))[0] is None  # a tone
    assert telephone_event(b"\x05\x80")[0] is None  # too short


def test_one_key_per_press_whatever_repeats() -> None:
    events = KeyEvents()
    press = [_payload(5, False, 160), _payload(5, False, 320), _payload(5, True), _payload(5, True), _payload(5, True)]
    assert [events.packet(1, 8000, p) for p in press] == ["5", None, None, None, None]
    # the same key pressed again is a new event (a new timestamp); another stream's event is its own
    assert events.packet(1, 9600, _payload(5, True)) == "5"
    assert events.packet(2, 9600, _payload(11, False)) == "#"
    # a lost start: the end still counts, once
    assert [events.packet(1, 11200, _payload(2, True)) for _ in range(3)] == ["2", None, None]


def test_the_remote_description_says_which_payload_types() -> None:
    assert telephone_event_types(CHROME_AUDIO) == {110, 126}
    assert telephone_event_types(CHROME_AUDIO.replace("telephone-event", "x-other")) == set()


def test_aiortc_offers_and_answers_telephone_event_after_its_audio() -> None:
    from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

    accept_telephone_events()
    accept_telephone_events()  # once, however often asked

    def audio(sdp: str) -> list[str]:
        return sdp[sdp.index("m=audio") :].splitlines()[0].split()[3:]

    async def negotiate(reorder: bool) -> tuple[str, str, set[int]]:
        caller, gateway = (RTCPeerConnection(RTCConfiguration(iceServers=[])) for _ in range(2))
        try:
            caller.addTransceiver("audio")
            await caller.setLocalDescription(await caller.createOffer())
            offer = caller.localDescription.sdp
            if reorder:  # an offer that lists telephone-event first (aiortc reads the rtpmap lines' order)
                lines = offer.split("\r\n")
                first = [x for x in lines if x.startswith(tuple(f"a=rtpmap:{t} " for t in OFFERED_TYPES.values()))]
                rest = [x for x in lines if x not in first]
                at = next(i for i, x in enumerate(rest) if x.startswith("a=rtpmap:"))
                offer = "\r\n".join(rest[:at] + first + rest[at:])
            await gateway.setRemoteDescription(RTCSessionDescription(offer, "offer"))
            heard = hear_keys(gateway, lambda key: None)
            await gateway.setLocalDescription(await gateway.createAnswer())
            return offer, gateway.localDescription.sdp, heard
        finally:
            await caller.close()
            await gateway.close()

    offer, answer, heard = asyncio.run(negotiate(False))
    assert heard == set(OFFERED_TYPES.values())
    assert audio(offer)[0] == "96" and {str(t) for t in OFFERED_TYPES.values()} <= set(audio(offer))
    assert audio(answer)[0] == "96" and {str(t) for t in OFFERED_TYPES.values()} <= set(audio(answer))
    # whatever the offer's order, the gateway sends opus, not telephone-event
    offer, answer, heard = asyncio.run(negotiate(True))
    assert offer.index("telephone-event") < offer.index("opus")
    assert audio(answer)[0] == "96" and heard == set(OFFERED_TYPES.values())


def test_telephone_event_is_taken_out_and_the_rest_goes_on() -> None:
    class Packet:
        def __init__(self, payload_type: int, timestamp: int, payload: bytes) -> None:
            self.payload_type, self.timestamp, self.payload, self.ssrc = payload_type, timestamp, payload, 7

    class Receiver:
        def __init__(self) -> None:
            self.passed: list[int] = []

        async def _handle_rtp_packet(self, packet: Any, arrival_time_ms: int) -> None:
            self.passed.append(packet.payload_type)

    class Transceiver:
        kind = "audio"

        def __init__(self) -> None:
            self.receiver = Receiver()
            self._codecs: list[Any] = []

    class Description:
        sdp = CHROME_AUDIO

    class Connection:
        remoteDescription = Description()

        def __init__(self) -> None:
            self.transceiver = Transceiver()

        def getTransceivers(self) -> list[Transceiver]:
            return [self.transceiver]

    keys: list[str] = []
    pc = Connection()
    receiver = pc.transceiver.receiver
    assert hear_keys(pc, keys.append) == {110, 126}

    async def deliver() -> None:
        for packet in [Packet(111, 0, b"opus"), *(Packet(126, 800, _payload(4, end)) for end in (0, 1, 1, 1))]:
            await receiver._handle_rtp_packet(packet, 0)
        await receiver._handle_rtp_packet(Packet(110, 960, _payload(11, True)), 0)
        await receiver._handle_rtp_packet(Packet(0, 0, b"pcmu"), 0)

    asyncio.run(deliver())
    assert keys == ["4", "#"]
    assert receiver.passed == [111, 0]
