"""Issue 7 item 4: a real `bilateral serve` process attacked through every route its OpenAPI lists.

The store holds the real ICEWS and GDELT 2.0 samples plus a planted secret (a table and a
document no route should ever show). The server must bind to 127.0.0.1 and say so; answer
SQL-injection, path-traversal and out-of-range values in every parameter with a 4xx that
carries a message, or with an answer that is no wider than the honest one, never a 5xx and
never the secret, a file of the machine or a database error; keep its responses bounded;
refuse every method other than GET and HEAD; and leave the store file byte for byte as it was.
(tests/web holds the in-process tests of the same app; this file goes through the socket.)
"""
from __future__ import annotations

import hashlib
import itertools
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from bilateral.model import Article, Sentence
from bilateral.sources.importer import import_file
from bilateral.store import Store

from reliability_helpers import command_env

pytestmark = pytest.mark.network

SECRET = "SECRET-MARKER-7f3a9c"
HOSTILE = [
    "' OR '1'='1", "USA' --", "USA'; DROP TABLE events; --", "1 UNION SELECT text FROM documents --",
    "\") OR 1=1 --", "USA%' OR 1=1 --", "*", "%", "_", "events", "secret_table",
    "../../../../etc/passwd", "..\\..\\windows\\win.ini", "....//....//etc/passwd", "/etc/passwd", "file:///etc/passwd",
    "\x00", "USA\x00", "A" * 5000, "-1", "0", "99999999999999999999", "1e308", "NaN", "2020-02-30", "00000000",
    "99999999", "<script>alert(1)</script>", "${jndi:ldap://x}", "☃", "\u202eASU",
]
LEAKS = [SECRET, "root:x:0", "[extensions]", "Traceback", "Binder Error", "Parser Error", "Catalog Error",
         "duckdb.", "_duckdb", "File \""]  # the input itself may be echoed in a message
VALID = {"a": "USA", "b": "PRK", "partner": "USA", "from": "2018-01-01", "to": "2019-12-31", "freq": "month",
         "limit": "10", "q": "talks", "code": "04", "quad": "1", "direction": "USA->PRK", "sort": "date",
         "order": "desc", "page": "1", "size": "25"}


@pytest.fixture(scope="module")
def served_db(shared_data, tmp_path_factory) -> Path:
    """Real events, one coded document, and a secret no route may show."""
    path = tmp_path_factory.mktemp("served") / "served.duckdb"
    with Store(path) as store:
        for dataset, rel in [("icews", "icews/events.2018.sample.tab"), ("gdelt", "gdelt-v2/20191024143000.export.CSV")]:
            assert import_file(store, dataset, shared_data / "formats" / rel).rejected == 0
        text = f"Internal note {SECRET}: not news."
        article = Article(text=text, source_id="secret", origin="/home/analyst/private/notes.txt")
        store.write_batch([article], [Sentence(article.doc_id, 0, 0, len(text), text)], [])
        store.run(f"CREATE TABLE secret_table AS SELECT '{SECRET}' AS value")
        store.run("CHECKPOINT")
    return path


@pytest.fixture(scope="module")
def pristine(served_db) -> tuple[str, int, int]:
    """The store file's digest, size and modification time before the server opens it."""
    return _fingerprint(served_db)


@pytest.fixture(scope="module")
def server(served_db, pristine):
    """`bilateral serve --port 0` as a user runs it; yields (base URL, its start line, its port)."""
    env = {**command_env(), "BILATERAL_BLOCK_SOCKETS": "0", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "bilateral", "serve", "--port", "0", "--db", str(served_db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    banner = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
    if not match:
        proc.kill()
        pytest.fail(f"no address in the start line: {banner!r} {proc.stderr.read()[-2000:]}")
    url = match.group(0).rstrip("/")
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(300):
            try:
                client.get("/api/codes")
                break
            except httpx.HTTPError:
                time.sleep(0.1)
    yield url, banner, int(match.group(1))
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server[0], timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def routes(client) -> dict[str, list[dict]]:
    """GET routes and their parameters, from the app's own OpenAPI description."""
    spec = client.get("/openapi.json").json()
    found = {path: ops["get"].get("parameters", []) for path, ops in spec["paths"].items() if "get" in ops}
    assert len(found) >= 10 and any("{a}" in p for p in found), sorted(found)
    return found


def _url(path: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: quote(values[m.group(1)], safe=""), path)


def _cases(routes: dict) -> list[tuple[str, dict, str, str]]:
    """(url, query, hostile parameter, hostile value) for every parameter of every route."""
    cases = []
    for path, params in routes.items():
        for param, bad in itertools.product(params, HOSTILE):
            values = {p["name"]: VALID.get(p["name"], "1") for p in params}
            values[param["name"]] = bad
            query = {p["name"]: values[p["name"]] for p in params if p["in"] == "query"}
            cases.append((_url(path, values), query, param["name"], bad))
    return cases


def test_server_binds_loopback_and_says_so(server):
    url, banner, port = server
    assert "127.0.0.1" in banner and "this machine only" in banner
    listening = _listening_addresses(port)
    assert listening and all(addr == "0100007F" for addr in listening), listening  # 127.0.0.1, nothing else


def _listening_addresses(port: int) -> list[str]:
    """Local addresses (hex, as the kernel lists them) of sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            pytest.skip("needs Linux /proc/net/tcp")
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


def test_server_hostile_values_in_every_parameter(client, routes):
    cases = _cases(routes)
    assert len(cases) >= 20 * len(HOSTILE)
    honest = client.get("/api/dyad/USA/PRK/events", params={"size": 200}).json()["total"]
    for url, query, name, bad in cases:
        response = client.get(url, params=query)
        assert response.status_code < 500, (url, query, response.text[:300])
        for leak in LEAKS:
            assert leak not in response.text, (leak, url, query)
        if response.status_code >= 400:
            assert _message(response), (url, query)
        elif url == "/api/dyad/USA/PRK/events":
            total = response.json()["total"]
            assert total <= honest, (name, bad, total)  # an injected filter never widens the selection
            if name == "q" and re.search(r"OR|UNION|DROP", bad):
                assert total == 0, (bad, total)  # searched literally: no sentence holds these strings


def _message(response: httpx.Response) -> str:
    if "json" in response.headers.get("content-type", ""):
        return response.json().get("detail", "")
    return response.text


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2fapp.py", "/static/..%2f..%2fstore%2fschema.sql",
    "/static/..%2f..%2f..%2f..%2fpyproject.toml", "/static/%00", "/api/..%2f..%2fetc%2fpasswd",
    "/dyad/USA/..%2f..%2f..%2fetc%2fpasswd.json", "/%2e%2e/%2e%2e/etc/passwd",
])
def test_server_path_traversal_reads_no_file(client, path):
    response = httpx.get(str(client.base_url) + path)  # sent as written, not normalised by a client
    assert 400 <= response.status_code < 500, (path, response.status_code)
    for leak in ("root:x:0", "create_app", "CREATE TABLE", "[project]"):
        assert leak not in response.text


@pytest.mark.parametrize("path, params, fragment", [
    ("/api/dyad/XX/PRK", {}, "3 letters"),
    ("/api/dyad/USA/QQQ", {}, "unknown country"),
    ("/api/dyad/USA/USA", {}, "two different"),
    ("/api/dyad/USA/PRK", {"from": "2020-02-30"}, "calendar date"),
    ("/api/dyad/USA/PRK", {"from": "00000000"}, "ISO date"),
    ("/api/dyad/USA/PRK", {"from": "9999-01-01"}, "out of range"),
    ("/api/dyad/USA/PRK", {"from": "2020-01-01", "to": "2019-01-01"}, "after"),
    ("/api/dyad/USA/PRK/events", {"size": "0"}, "size"),
    ("/api/dyad/USA/PRK/events", {"size": "100000"}, "size"),
    ("/api/dyad/USA/PRK/events", {"page": "0"}, "page"),
    ("/api/dyad/USA/PRK/events", {"page": "99999999"}, "page"),
    ("/api/dyad/USA/PRK/events", {"page": "-5"}, "page"),
    ("/api/dyad/USA/PRK/events", {"page": "abc"}, "page"),
    ("/api/dyad/USA/PRK/events", {"sort": "date; DROP TABLE events"}, "sort"),
    ("/api/dyad/USA/PRK/events", {"code": "19' OR '1'='1"}, "code"),
    ("/api/pairs", {"limit": "1000000"}, "limit"),
])
def test_server_bad_parameters_get_4xx_with_a_message(client, path, params, fragment):
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert fragment in _message(response)


def test_server_responses_are_bounded(client):
    page = client.get("/api/dyad/USA/PRK/events", params={"size": 200}).json()
    assert len(page["rows"]) == min(200, page["total"]) and page["total"] > 200
    assert client.get("/api/dyad/USA/PRK/events", params={"size": 201}).status_code == 400
    assert len(client.get("/api/pairs", params={"limit": 100}).json()["pairs"]) <= 100
    assert client.get("/api/dyad/USA/PRK/events", params={"q": "x" * 201}).status_code == 400
    download = client.get("/api/dyad/USA/PRK/events.csv")
    assert download.status_code == 200 and len(download.text.splitlines()) == page["total"] + 1  # header + rows


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
def test_server_refuses_every_method_but_get_and_head(client, routes, method):
    for path in routes:
        url = _url(path, VALID)
        response = client.request(method, url, content=b"DROP TABLE events")
        assert response.status_code in (400, 404, 405), (method, url, response.status_code)
        head = client.head(url)
        assert (head.status_code < 400 or head.status_code == 405) and not head.content


def test_server_store_unchanged_after_hammering(served_db, pristine, client, routes):
    """No route writes: the store's bytes and times are as before the server started (last test here)."""
    for url, query, _, _ in _cases(routes)[:: max(1, len(HOSTILE) // 4)]:
        client.get(url, params=query)
    for path in routes:
        client.get(_url(path, VALID), params={k: v for k, v in VALID.items() if k not in ("a", "b")})
        client.post(_url(path, VALID))
    assert _fingerprint(served_db) == pristine
    assert not served_db.with_name(served_db.name + ".wal").exists()


def _fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns
