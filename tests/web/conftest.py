"""Fixtures for the web tests: a store of synthetic events (and one coded from the demo corpus),
an in-process client, and a real uvicorn server on 127.0.0.1 in a thread."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bilateral.model import EVENT_COLUMNS, event_id_for
from bilateral.ontology import cameo_table

REPO = Path(__file__).resolve().parents[2]


# Pairs in the synthetic store: (a, b, events per month, share of cooperation before and after the break).
PAIRS = [
    ("IRN", "RUS", 12, 0.85, 0.25),
    ("IRN", "USA", 8, 0.2, 0.2),
    ("RUS", "UKR", 10, 0.6, 0.1),
    ("RUS", "CHN", 6, 0.9, 0.9),
    ("IRN", "CHN", 4, 0.8, 0.8),
    ("USA", "UKR", 5, 0.9, 0.9),
]
BREAK = dt.date(2019, 7, 1)
START, MONTHS = dt.date(2016, 1, 1), 84
HOSTILE_SENTENCE = "<script>window.__pwned = 1</script> Officials <b>met</b> in Tehran"
HOSTILE_URL = "javascript:window.__pwned=1"


def _codes() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Leaf CAMEO codes that are cooperative (quad 1-2) and conflictual (quad 3-4)."""
    table = cameo_table()
    leaves = table[table["code"].str.len() >= 3]
    return leaves[leaves["quad_class"] <= 2], leaves[leaves["quad_class"] >= 3]


def synthetic_events(seed: int = 7) -> pd.DataFrame:
    """Events for PAIRS, monthly from 2016 for seven years, with a break in July 2019 for IRN-RUS and RUS-UKR."""
    rng = np.random.default_rng(seed)
    coop, conflict = _codes()
    rows = []
    for a, b, per_month, before, after in PAIRS:
        for m in range(MONTHS):
            month = (pd.Timestamp(START) + pd.DateOffset(months=m)).date()
            share = before if month < BREAK else after
            for k in range(per_month):
                pool = coop if rng.random() < share else conflict
                code = pool.iloc[int(rng.integers(len(pool)))]
                src, tgt = (a, b) if rng.random() < 0.5 else (b, a)
                day = month + dt.timedelta(days=int(rng.integers(28)))
                rows.append(_row(src, tgt, day, code, k, rng))
    frame = pd.DataFrame(rows)
    frame.loc[0, ["sentence", "url", "title"]] = [HOSTILE_SENTENCE, HOSTILE_URL, "hostile <img src=x> title"]
    return frame


def _row(src: str, tgt: str, day: dt.date, code: pd.Series, k: int, rng) -> dict:
    verb = code["name"].lower()
    sentence = f"{src} officials {verb} with {tgt} counterparts on {day:%d %B %Y} (item {k})."
    event_id = event_id_for(src, tgt, day, code["code"], k)
    row = {c: None for c in EVENT_COLUMNS}
    row.update(
        event_id=event_id, doc_id=event_id[:16], date=day, source=f"{src}GOV", target=f"{tgt}GOV",
        source_country=src, target_country=tgt, cameo=code["code"], root=code["root"],
        quad_class=int(code["quad_class"]), penta_class=int(code["penta_class"]),
        goldstein=float(code["goldstein_gdelt"]), sentence=sentence,
        url=f"https://news.example.org/{day:%Y/%m}/{event_id[:10]}", title=f"{src} and {tgt}: {verb}",
        confidence=0.9, origin="synthetic.v1", num_sources=int(rng.integers(1, 6)), negated=False,
    )
    return row


class LiveServer:
    """A real uvicorn server on 127.0.0.1 with an ephemeral port, in a thread."""

    def __init__(self, app):
        import uvicorn

        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


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


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A store coded from the shipped demo corpus with `bilateral code`, as a user would build it."""
    path = tmp_path_factory.mktemp("demostore") / "demo.duckdb"
    done = subprocess.run([sys.executable, "-m", "bilateral", "code", str(REPO / "src/bilateral/data/demo"), "--db", str(path)],
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0 and "model" in done.stderr.lower():
        pytest.skip(f"the English pipeline is not installed: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="session")
def demo_server(demo_db):
    from bilateral.web import create_app

    with LiveServer(create_app(demo_db)) as server:
        yield server


@pytest.fixture(scope="session")
def hostile() -> dict:
    """The hostile sentence and URL planted in the first synthetic event."""
    return {"sentence": HOSTILE_SENTENCE, "url": HOSTILE_URL}


@pytest.fixture(scope="session")
def server_for():
    """Start a real server for any app: ``with server_for(app) as server: server.url``."""
    return LiveServer
