"""Schema versions: a version-1 store upgrades in place and reads the same events (store/migrations.py)."""
from __future__ import annotations

import duckdb
import pytest

from bilateral.errors import StoreError
from bilateral.model import Article, Event, Sentence, event_id_for
from bilateral.ontology import cameo_table
from bilateral.sources.importer import import_file
from bilateral.store import Store
from bilateral.store.migrations import CAMEO_COLUMNS, SCHEMA_VERSION, sync_cameo_codes

GDELT = "formats/gdelt-v2/20191024143000.export.CSV"
ICEWS = "formats/icews/events.2018.sample.tab"


def _coded_batch():
    text = "Iran and Russia signed an agreement."
    doc = Article(text=text, date="2025-01-17")
    event = Event(
        event_id=event_id_for(doc.doc_id, 0), doc_id=doc.doc_id, date="2025-01-17", source="IRNGOV", target="RUSGOV",
        source_country="IRN", target_country="RUS", cameo="057", root="05", quad_class=1, penta_class=1,
        goldstein=8.0, sentence=text, char_start=0, char_end=len(text),
    )
    return [doc], [Sentence(doc.doc_id, 0, 0, len(text), text)], [event]


def _all_events(con) -> list[tuple]:
    return con.execute("SELECT * FROM events ORDER BY event_id").fetchall()


def _as_version_1(source, target) -> None:
    """A version-1 store: one `events` table holding coded and imported events alike."""
    con = duckdb.connect(str(target))
    con.execute(f"ATTACH '{source}' AS new (READ_ONLY)")
    con.execute("CREATE TABLE schema_migrations (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute("INSERT INTO schema_migrations (version) VALUES (1)")
    for table in ("documents", "sentences", "ingest_log", "events"):
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM new.{table}")
    con.close()


def test_migrations_version_1_store_upgrades_and_reads_the_same_events(shared_data, tmp_path):
    made = tmp_path / "made.duckdb"
    with Store(made) as store:
        store.write_batch(*_coded_batch())
        for dataset, rel in (("gdelt", GDELT), ("icews", ICEWS)):
            assert import_file(store, dataset, shared_data / rel).stored > 0
        before = _all_events(store.con)
        imported = store.count("dataset_events")
    old = tmp_path / "old.duckdb"
    _as_version_1(made, old)
    with Store(old) as store:
        assert {r[0] for r in store.run("SELECT version FROM schema_migrations")} == {1, SCHEMA_VERSION}
        assert _all_events(store.con) == before
        assert (store.count("coded_events"), store.count("dataset_events")) == (1, imported)
        again = import_file(store, "gdelt", shared_data / GDELT)
        assert (again.stored, again.duplicates) == (0, 2111)  # moved rows still count as stored
    with Store(old, read_only=True) as store:
        assert _all_events(store.con) == before


def test_migrations_store_from_a_newer_bilateral_is_refused(db_path):
    with Store(db_path) as store:
        store.run("INSERT INTO schema_migrations (version) VALUES (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="newer bilateral"):
        Store(db_path)


def test_migrations_cameo_codes_follow_the_ontology(store):
    wanted = len(cameo_table())
    assert store.count("cameo_codes") == wanted
    store.run("DELETE FROM cameo_codes WHERE code = '057'")
    store.run("UPDATE cameo_codes SET root = '99' WHERE code = '010'")
    sync_cameo_codes(store.con)
    assert store.count("cameo_codes") == wanted
    frame = cameo_table().set_index("code")
    for code in ("057", "010"):
        [row] = store.run(f"SELECT {', '.join(CAMEO_COLUMNS)} FROM cameo_codes WHERE code = ?", [code])
        assert row[1:4] == (frame.at[code, "root"], frame.at[code, "quad_class"], frame.at[code, "penta_class"])
