"""axe-core (the npm package, installed by scripts/system-deps.sh into .data/npm) run inside the real pages: the
customer chat page at 390 px and 1280 px (fresh, and with a reply, its sources and feedback buttons) and the agent
console (its login form, and logged in with a customer waiting): no serious or critical WCAG 2.1 AA violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hotline.gateway.agent_auth import hash_password
from tests.conftest import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.models, pytest.mark.shared_data]

AXE = Path(__file__).resolve().parents[2] / ".data" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}"""


def violations(page: Any) -> list[dict[str, Any]]:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (scripts/system-deps.sh runs npm install into .data/npm)")
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return found


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_the_chat_page_has_no_serious_accessibility_violations(
    browser: Any, real_server: LiveServer, width: int, height: int
) -> None:
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(f"{real_server.http_url}/")
    page.wait_for_function("document.getElementById('disclosure').textContent.includes('AI assistant')")
    assert violations(page) == []
    page.fill("#text", "How long does a refund take?")
    page.click("#send")
    page.locator("li.msg.bot[data-pending='false'] .feedback").first.wait_for(timeout=120_000)
    assert violations(page) == []
    page.context.close()


def test_the_console_has_no_serious_accessibility_violations(
    browser: Any, real_server: LiveServer, real_services: Any
) -> None:
    real_services.handoffs.add_agent("axe", "Axel", hash_password("a long enough password"), "demo")
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{real_server.http_url}/console")
    page.locator("#login-form").wait_for(state="visible")
    assert violations(page) == []
    page.fill("#username", "axe")
    page.fill("#password", "a long enough password")
    page.click("#login-form button[type=submit]")
    page.locator("#console").wait_for(state="visible")
    page.wait_for_function("document.getElementById('me').textContent.length > 0")
    assert violations(page) == []
    page.context.close()
