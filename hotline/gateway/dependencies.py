"""The gateway's FastAPI dependencies, in one place: what a route or a socket handler gets from the running app
(its services, its WebRTC calls) as a parameter, instead of each reading ``app.state`` itself.

``create_app`` puts them there at start-up (built from the settings, or the ones a test passes in)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from hotline.gateway.services import Services

if TYPE_CHECKING:
    from hotline.gateway.webrtc_calls import WebRTCCalls


def services_of(connection: HTTPConnection) -> Services:
    """The gateway's services (for helpers that hold a request or a socket, and for ``ServicesDep``)."""
    services: Services = connection.app.state.services
    return services


def webrtc_calls_of(connection: HTTPConnection) -> WebRTCCalls | None:
    """This gateway's WebRTC calls, or None when browser voice is off."""
    calls: WebRTCCalls | None = getattr(connection.app.state, "webrtc", None)
    return calls


ServicesDep = Annotated[Services, Depends(services_of)]
