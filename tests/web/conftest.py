"""Fixtures for the web tests: a store of synthetic events, an in-process client, a real server."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from webdata import LiveServer, synthetic_events


@pytest.fixture(scope="session")
def events_frame() -> pd.DataFrame:
    return synthetic_events()


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, events_frame) -> Path:
    """A store file holding the synthetic events (built once per session; the app only reads it)."""
    from bilateral.store import Store

    path = tmp_path_factory.mktemp("webstore") / "events.duckdb"
    with Store(path) as store:
        store.write_events(events_frame)
    return path


@pytest.fixture(scope="session")
def app(web_db):
    from bilateral.web import create_app

    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def live_server(app):
    with LiveServer(app) as server:
        yield server
