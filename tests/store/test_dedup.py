"""Duplicate events: exact copies and same-event-in-a-window, on real GDELT rows (issue 3)."""
from __future__ import annotations

import csv
import datetime as dt

import pytest

from bilateral.sources.importer import import_file

V2 = "formats/gdelt-v2/20191024143000.export.CSV"


def gdelt_rows(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def window_of(sqldate: str, days: int) -> int:
    return (dt.datetime.strptime(sqldate, "%Y%m%d").date() - dt.date(1970, 1, 1)).days // days


@pytest.mark.parametrize("days", [1, 7, 30])
def test_dedup_window_on_the_real_gdelt_file(store, shared_data, days):
    rows = gdelt_rows(shared_data / V2)
    groups: dict[tuple, list[list[str]]] = {}
    for r in rows:
        groups.setdefault((window_of(r[1], days), r[5], r[15], r[26]), []).append(r)
    report = import_file(store, "gdelt", shared_data / V2, window_days=days)
    assert report.adds_up() and report.read == len(rows)
    assert report.stored == len(groups) == store.count("events")
    assert report.duplicates == len(rows) - len(groups)
    # Counts move to the survivor: nothing is lost from the totals.
    sums = store.query("SELECT sum(num_sources), sum(num_articles), sum(num_mentions) FROM events").fetchall()[0]
    assert sums == (sum(int(r[32]) for r in rows), sum(int(r[33]) for r in rows), sum(int(r[31]) for r in rows))
    biggest = max(groups.values(), key=len)
    survivor = store.query(
        "SELECT num_sources FROM events WHERE source IS NOT DISTINCT FROM ? AND target IS NOT DISTINCT FROM ? AND cameo = ?",
        [biggest[0][5] or None, biggest[0][15] or None, biggest[0][26]],
    ).fetchall()
    assert [s for (s,) in survivor if s == sum(int(r[32]) for r in biggest)]


def test_dedup_window_merges_into_events_already_stored(store, shared_data, tmp_path):
    rows = gdelt_rows(shared_data / V2)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("\n".join("\t".join(r) for r in rows[:1000]) + "\n", encoding="utf-8")
    second.write_text("\n".join("\t".join(r) for r in rows[1000:]) + "\n", encoding="utf-8")
    import_file(store, "gdelt", first, window_days=1)
    import_file(store, "gdelt", second, window_days=1)
    keys = {(window_of(r[1], 1), r[5], r[15], r[26]) for r in rows}
    assert store.count("events") == len(keys)
    total = store.query("SELECT sum(num_sources) FROM events").fetchall()[0][0]
    assert total == sum(int(r[32]) for r in rows)


def test_dedup_exact_keeps_the_stored_copy(store, shared_data, tmp_path):
    rows = gdelt_rows(shared_data / V2)[:20]
    import_file(store, "gdelt", _write(tmp_path / "a.csv", rows))
    changed = [r[:] for r in rows[:5]]
    for r in changed:
        r[34] = "99.0"  # same GLOBALEVENTID, another AvgTone: not a new event
    report = import_file(store, "gdelt", _write(tmp_path / "b.csv", changed + changed))
    assert (report.read, report.stored, report.duplicates) == (10, 0, 10)
    assert store.query("SELECT count(*) FROM events WHERE avg_tone = 99.0").fetchall() == [(0,)]
    assert store.count("events") == 20


def test_dedup_exact_within_one_file_keeps_one(store, shared_data, tmp_path):
    rows = gdelt_rows(shared_data / V2)[:10]
    report = import_file(store, "gdelt", _write(tmp_path / "a.csv", rows + rows[:4] + rows[:2]))
    assert (report.read, report.stored, report.duplicates) == (16, 10, 6)
    assert store.query("SELECT count(DISTINCT event_id) FROM events").fetchall() == [(10,)]


def _write(path, rows):
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_dedup_window_reimport_adds_nothing(store, shared_data):
    first = import_file(store, "gdelt", shared_data / V2, window_days=1)
    before = store.query("SELECT event_id, num_sources, num_articles, num_mentions FROM events ORDER BY 1").fetchall()
    again = import_file(store, "gdelt", shared_data / V2, window_days=1)
    assert (again.read, again.stored, again.duplicates) == (first.read, 0, first.read)
    after = store.query("SELECT event_id, num_sources, num_articles, num_mentions FROM events ORDER BY 1").fetchall()
    assert after == before  # absorbed events are remembered, so their sources are not added twice
