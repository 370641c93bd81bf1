"""The report dict: every section present, numbers equal to the store's, every citation resolvable."""
import json
import re

import pytest

from bilateral.report import build_report
from bilateral.report.sections import SECTION_IDS
from bilateral.store import Store

PAIR = ("((source_country = 'IRN' AND target_country = 'RUS') OR (source_country = 'RUS' AND target_country = 'IRN'))")


def _blocks(report: dict, kind: str | None = None):
    for section in report["sections"]:
        for block in section["blocks"]:
            if kind is None or block["kind"] == kind:
                yield section["id"], block


def _texts(report: dict) -> list[str]:
    texts = []
    for _, block in _blocks(report):
        if block["kind"] in ("paragraph", "note"):
            texts.append(block["text"])
        elif block["kind"] == "list":
            texts += [item["text"] for item in block["items"]]
    return texts


def test_build_has_every_section_in_order(synthetic_report):
    assert tuple(s["id"] for s in synthetic_report["sections"]) == SECTION_IDS
    for section in synthetic_report["sections"]:
        assert section["blocks"], section["id"]


def test_build_counts_in_meta_and_summary_equal_the_store(synthetic_report, synthetic_con):
    total, ab, ba, docs = synthetic_con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE source_country = 'IRN'), count(*) FILTER (WHERE source_country = 'RUS'), "
        f"count(DISTINCT doc_id) FROM events WHERE {PAIR}").fetchone()
    meta = synthetic_report["meta"]
    assert (meta["events"], meta["events_ab"], meta["events_ba"], meta["documents"]) == (total, ab, ba, docs)
    standing = next(b for _, b in _blocks(synthetic_report, "paragraph"))["text"]
    assert f"{total} coded events" in standing and f"{docs} source documents" in standing
    assert f"{ab} by Iran toward Russia and {ba} in the other direction" in standing


def test_build_names_the_current_phase_as_the_engine_found_it(synthetic_report):
    standing = next(b for _, b in _blocks(synthetic_report, "paragraph"))["text"]
    phases = [b["text"] for sid, b in _blocks(synthetic_report, "heading") if sid == "phases"]
    assert phases, "one heading per phase"
    last_label = phases[-1].split(". ", 1)[1].split(",")[0].lower()
    assert f"now in an {last_label} phase" in standing or f"now in a {last_label} phase" in standing
    assert last_label == "aligned"  # the synthetic pair cooperates from 2021 on


def test_build_every_citation_resolves_to_one_evidence_row(synthetic_report):
    evidence = synthetic_report["evidence"]
    assert [e["n"] for e in evidence] == list(range(1, len(evidence) + 1))
    assert len({e["event_id"] for e in evidence}) == len(evidence)
    used = set()
    for text in _texts(synthetic_report):
        for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text):
            used |= {int(n) for n in group.split(", ")}
    for _, table in _blocks(synthetic_report, "table"):
        for column in (c for c in table["columns"] if c["kind"] == "cites"):
            for row in table["rows"]:
                used |= set(row[column["key"]])
    assert used and used <= set(range(1, len(evidence) + 1))
    assert used == set(range(1, len(evidence) + 1)), "every evidence row is cited somewhere"


def test_build_paragraph_cites_match_their_markers(synthetic_report):
    for _, block in _blocks(synthetic_report, "paragraph"):
        found = [int(n) for g in re.findall(r"\[(\d+(?:, \d+)*)\]", block["text"]) for n in g.split(", ")]
        assert sorted(set(found)) == sorted(block["cites"])


def test_build_tensions_count_conflict_inside_cooperative_phases(synthetic_report, synthetic_con):
    aligned = [b["text"] for sid, b in _blocks(synthetic_report, "paragraph") if sid == "tensions" and "aligned phase" in b["text"]]
    assert aligned, "the synthetic pair has criticism inside its aligned phase"
    start, end = re.search(r"\((\w+ \d{4}) to (\w+ \d{4})\)", aligned[0]).groups()
    conflict = synthetic_con.execute(
        f"SELECT count(*) FROM events WHERE {PAIR} AND quad_class IN (3, 4) AND date >= DATE '2021-01-01'").fetchone()[0]
    assert start == "January 2021" and end == "December 2023"
    assert aligned[0].split(" of its ")[0].endswith(f", {conflict}")


def test_build_geography_table_matches_the_store(synthetic_report, synthetic_con):
    table = next(b for sid, b in _blocks(synthetic_report, "table") if sid == "geography")
    expected = dict(synthetic_con.execute(f"SELECT location, count(*) FROM events WHERE {PAIR} AND location IS NOT NULL GROUP BY ALL").fetchall())
    assert {r["place"]: r["events"] for r in table["rows"]} == expected
    assert any(b["id"] == "chart-map" for _, b in _blocks(synthetic_report, "chart"))


def test_build_context_finds_the_shared_adversary_and_partner(synthetic_report):
    table = next(b for sid, b in _blocks(synthetic_report, "table") if sid == "context")
    roles = {r["country"]: r["role"] for r in table["rows"]}
    assert roles["United States"] == "shared adversary"
    assert roles["China"] == "shared partner"


def test_build_is_json_serialisable_and_stable(synthetic_report, synthetic_db):
    text = json.dumps(synthetic_report, allow_nan=False)
    with Store(synthetic_db, read_only=True) as store:
        again = build_report(store.con, "IRN", "RUS")
    again["meta"]["generated"] = synthetic_report["meta"]["generated"]
    assert json.dumps(again, allow_nan=False) == text


def test_build_period_bounds_are_respected(synthetic_db):
    with Store(synthetic_db, read_only=True) as store:
        report = build_report(store.con, "IRN", "RUS", "2022-01-01", "2022-12-31", "quarter")
    assert report["meta"]["start"] == "2022-01-01" and report["meta"]["end"] == "2022-12-31"
    assert all("2022-01-01" <= e["date"] <= "2022-12-31" for e in report["evidence"])


@pytest.mark.parametrize("pair", [("IRN", "ISR"), ("FRA", "DEU")])
def test_build_pair_without_events_says_so(synthetic_db, pair):
    with Store(synthetic_db, read_only=True) as store:
        report = build_report(store.con, *pair)
    assert report["meta"]["events"] == 0 and report["evidence"] == []
    assert tuple(s["id"] for s in report["sections"]) == SECTION_IDS
    assert "no event" in report["sections"][0]["blocks"][0]["text"]
