"""What a WebRTC call needs before its audio flows: the ICE configuration (STUN/TURN servers), the host
addresses aioice may offer, the browser's offer read and checked at the edge, and the refusal a bad or
unwelcome offer gets (an HTTP status and a reason)."""

from __future__ import annotations

from aiortc import RTCConfiguration, RTCIceServer, RTCSessionDescription
from aiortc import sdp as sdp_parser

from hotline.settings import WebRTCSettings

MAX_SDP_CHARS = 64_000


class CallRefused(Exception):
    """An offer the gateway will not take; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def restrict_host_addresses(addresses: list[str]) -> None:
    """aioice offers every interface but loopback and has no option for it: narrow its list when asked to."""
    if not addresses:
        return
    import aioice.ice

    aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: list(addresses)


def ice_configuration(settings: WebRTCSettings) -> RTCConfiguration:
    return RTCConfiguration(
        iceServers=[
            RTCIceServer(urls=server.urls, username=server.username, credential=server.credential)
            for server in settings.ice_servers
        ]
    )


def parse_offer(sdp: object, kind: object) -> RTCSessionDescription:
    if kind != "offer" or not isinstance(sdp, str) or not sdp.strip():
        raise CallRefused(400, 'expected {"type": "offer", "sdp": "..."}')
    if len(sdp) > MAX_SDP_CHARS:
        raise CallRefused(413, f"the offer is over {MAX_SDP_CHARS} characters")
    if "m=audio" not in sdp:
        raise CallRefused(400, "the offer has no audio")
    try:  # aiortc's parser asserts on malformed lines: read it here, where a bad offer is the caller's error
        parsed = sdp_parser.SessionDescription.parse(sdp)
    except Exception as bad:
        raise CallRefused(400, f"the offer is not valid SDP ({type(bad).__name__})") from None
    if not any(media.kind == "audio" for media in parsed.media):
        raise CallRefused(400, "the offer has no audio")
    return RTCSessionDescription(sdp=sdp, type="offer")
