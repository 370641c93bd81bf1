"""The streaming `code` pipeline: same results for any number of workers, bounded memory, resume."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bilateral.pipeline import code_articles, code_inputs

DEMO = Path(__file__).resolve().parents[1] / "src" / "bilateral" / "data" / "demo" / "iran_russia.jsonl"
BATCH = 6


def _table(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _events(db: Path) -> list[tuple]:
    return _table(db, "SELECT * FROM events ORDER BY event_id")


def _newswire(shared_data: Path, limit: int = 30):
    from bilateral.scale.samples import reuters_articles

    return list(reuters_articles(shared_data / "corpora" / "reuters21578", limit=limit))


@pytest.fixture(scope="module")
def one_process(tmp_path_factory, shared_data):
    """The sample coded in this process: the reference every other run must equal."""
    folder = tmp_path_factory.mktemp("one")
    report = code_articles(_newswire(shared_data), folder / "s.duckdb", out=folder / "e.jsonl", batch_size=BATCH, workers=1)
    return folder, report


@pytest.mark.shared
def test_pipeline_two_workers_give_the_same_store_and_rows(tmp_path, shared_data, one_process):
    reference, first = one_process
    pulled, lags = [0], []

    def counted():
        for article in _newswire(shared_data):
            pulled[0] += 1
            yield article

    def progress(documents, sentences, events):
        progress.done += documents
        lags.append(pulled[0] - progress.done)
    progress.done = 0

    report = code_articles(counted(), tmp_path / "s.duckdb", out=tmp_path / "e.jsonl", batch_size=BATCH,
                           workers=2, progress=progress)
    assert first.events > 0 and report.events == first.events and report.sentences == first.sentences
    assert _events(tmp_path / "s.duckdb") == _events(reference / "s.duckdb")
    assert (tmp_path / "e.jsonl").read_bytes() == (reference / "e.jsonl").read_bytes()
    # Bounded: at most 2 batches per worker in flight, plus the one being formed and one peeked.
    assert max(lags) <= (2 * 2 + 2) * BATCH


@pytest.mark.shared
def test_pipeline_resume_after_a_partial_run_equals_an_uninterrupted_run(tmp_path, shared_data, one_process):
    reference, first = one_process
    db = tmp_path / "s.duckdb"
    code_articles(_newswire(shared_data, limit=13), db, batch_size=BATCH, workers=1)
    report = code_articles(_newswire(shared_data), db, out=tmp_path / "e.jsonl", batch_size=BATCH, workers=1)
    assert report.documents_duplicate > 0 and report.documents_stored < first.documents_stored
    assert _events(db) == _events(reference / "s.duckdb")
    assert (tmp_path / "e.jsonl").read_bytes() == (reference / "e.jsonl").read_bytes()


@pytest.mark.slow
def test_pipeline_sigkill_leaves_a_consistent_store_and_the_rerun_completes(tmp_path):
    """Issue 7: kill `bilateral code` mid-run; the store holds whole batches; the rerun finishes it."""
    args = [sys.executable, "-m", "bilateral", "code", str(DEMO), "--batch-size", "8", "--workers", "2"]
    db = tmp_path / "killed.duckdb"
    run = subprocess.Popen([*args, "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_first_commit(db, run)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL
    docs_with_sentences = _table(db, "SELECT count(*) FROM documents d WHERE EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.doc_id)")
    orphans = _table(db, "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = e.doc_id)")
    stored = _table(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < stored and docs_with_sentences[0][0] == stored and orphans[0][0] == 0
    assert subprocess.run([*args, "--db", str(db)], capture_output=True, timeout=900).returncode == 0
    whole = tmp_path / "whole.duckdb"
    assert subprocess.run([*args, "--db", str(whole)], capture_output=True, timeout=900).returncode == 0
    assert _events(db) == _events(whole)
    assert _table(db, "SELECT doc_id, count(*) FROM sentences GROUP BY 1 ORDER BY 1") == \
        _table(whole, "SELECT doc_id, count(*) FROM sentences GROUP BY 1 ORDER BY 1")


def _wait_for_first_commit(db: Path, run: subprocess.Popen, timeout: float = 600) -> None:
    """Wait until the writer has committed a batch: the store grows past its empty schema."""
    deadline = time.monotonic() + timeout
    wal = Path(str(db) + ".wal")
    size = lambda: (wal.stat().st_size if wal.exists() else 0) + (db.stat().st_size if db.exists() else 0)  # noqa: E731
    empty = None
    while time.monotonic() < deadline:
        if run.poll() is not None:
            pytest.fail(f"the run ended before it could be killed: {run.stderr.read().decode()[-500:]}")
        if empty is None and wal.exists():
            time.sleep(1.0)  # the schema is written at once; the model then takes seconds to load
            empty = size()
        elif empty is not None and size() > empty:
            return
        time.sleep(0.02)
    pytest.fail("no batch was committed in time")


def test_pipeline_counts_add_up_and_nothing_new_loads_no_model(tmp_path, monkeypatch):
    """A rerun over stored documents codes nothing, so it must not load the model at all."""
    src = tmp_path / "docs.jsonl"
    src.write_text(DEMO.read_text().splitlines()[0] + "\n" + '{"id": "x", "text": ""}\n')
    db = tmp_path / "s.duckdb"
    first = code_inputs([src], db, out=tmp_path / "first.jsonl", workers=1)
    assert first.documents_read == first.documents_stored + first.documents_duplicate + first.documents_rejected
    import bilateral.scale.workers as workers

    monkeypatch.setattr(workers, "build_coder", lambda *a, **k: pytest.fail("loaded a coder for nothing"))
    again = code_inputs([src], db, out=tmp_path / "again.jsonl", workers=1)
    assert (again.documents_stored, again.documents_duplicate, again.documents_rejected) == (0, 1, 1)
    assert again.events == first.events > 0  # stored events still reach --out


def test_pipeline_progress_bar_only_on_a_terminal(monkeypatch):
    import io

    from bilateral.scale.progress import coding_progress, wanted

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert wanted(Terminal()) and not wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wanted(Terminal())
    with coding_progress(enabled=False) as progress:
        assert progress is None


def test_pipeline_spark_engine_needs_an_output_directory(tmp_path, cli):
    src = tmp_path / "docs.jsonl"
    src.write_text(DEMO.read_text().splitlines()[0] + "\n")
    result = cli("code", src, "--engine", "spark", "--db", tmp_path / "s.duckdb")
    assert result.returncode == 2 and "--out" in result.stderr


def test_clean_article_normalises_the_title_as_the_text():
    from bilateral.model import Article
    from bilateral.pipeline import clean_article

    title = "Iran\u2019s navy seized a tanker".encode("utf-8").decode("latin-1")  # mojibake, as news dumps have it
    article = Article(text=title + "\n\nThe navy said the ship broke the law.", title=title)
    cleaned = clean_article(article)
    assert cleaned.title == "Iran\u2019s navy seized a tanker"
    assert cleaned.text.split("\n")[0] == cleaned.title
    assert clean_article(Article(text="Markets were calm.")).title is None
