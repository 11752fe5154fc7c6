"""Schemathesis against the gateway's own OpenAPI spec: generated requests (valid and invalid) to every HTTP route
must never produce a server error. Runs on a real gateway without model weights (a scripted model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from hotline.gateway.agent_auth import hash_password
from tests.conftest import scripted_server


def test_no_server_errors_on_any_route(tmp_path: Path) -> None:
    tried: dict[str, int] = {}
    with scripted_server(tmp_path) as (server, services):
        # Logged in as an agent, so the generated requests reach past authentication on the agent/admin routes.
        services.handoffs.add_agent("fuzz", "Fuzz", hash_password("fuzz password"), "demo")
        login = httpx.post(
            f"{server.http_url}/api/agents/login", json={"username": "fuzz", "password": "fuzz password"}
        )
        cookies = {"hotline_agent": login.cookies["hotline_agent"]}
        schema = schemathesis.openapi.from_url(f"{server.http_url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 8
        for operation in operations:

            @given(case=operation.as_strategy())
            @hypothesis_settings(
                max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
            )
            def run(case: Any) -> None:
                label = f"{case.method.upper()} {case.path}"
                tried[label] = tried.get(label, 0) + 1
                case.call_and_validate(checks=[not_a_server_error], cookies=cookies)

            run()
    print(f"schemathesis: {sum(tried.values())} requests over {len(tried)} operations, 0 server errors: {tried}")
