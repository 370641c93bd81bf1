"""Tests for bilateral.ontology.cameo: the shipped CAMEO table against real GDELT and ICEWS rows."""
from __future__ import annotations

import csv
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bilateral.errors import UnknownCodeError
from bilateral.ontology import (
    PROFILES,
    cameo_table,
    goldstein,
    is_known,
    lookup,
    normalise_code,
    ontology_frame,
    penta_class,
    plover,
    quad_class,
    root,
)
from bilateral.ontology.cameo import TABLE_PATH

REPO = Path(__file__).resolve().parents[2]
ROOTS = [f"{r:02d}" for r in range(1, 21)]


def read_tsv(path: Path, **kwargs) -> pd.DataFrame:
    """A tab-separated file with every field kept as text, exactly as written."""
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False,
                       quoting=csv.QUOTE_NONE, **kwargs)


# --- the shipped table on its own -------------------------------------------------

def test_table_has_over_300_unique_codes_including_every_root():
    codes = cameo_table()["code"]
    assert len(codes) >= 300
    assert codes.is_unique
    assert set(ROOTS) <= set(codes)
    assert all(re.fullmatch(r"\d{2,4}", c) for c in codes)


def test_every_code_starts_with_its_root_and_has_a_name():
    table = cameo_table()
    assert all(code.startswith(r) for code, r in zip(table["code"], table["root"]))
    assert set(table["root"]) == set(ROOTS)
    assert all(name.strip() for name in table["name"])


@pytest.mark.parametrize("root_code", ROOTS)
def test_quad_and_penta_class_follow_the_root(root_code):
    r = int(root_code)
    expected_quad = 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4
    expected_penta = 0 if r == 1 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4
    table = cameo_table()
    rows = table[table["root"] == root_code]
    assert set(rows["quad_class"]) == {expected_quad}
    assert set(rows["penta_class"]) == {expected_penta}


def test_csv_holds_short_facts_and_an_attribution_header():
    text = TABLE_PATH.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    body = [line for line in text.splitlines() if not line.startswith("#")]
    for source in ("GDELT", "andybega/icews", "MIT", "openeventdata/PLOVER", "CC BY-SA 4.0"):
        assert any(source in line for line in header), source
    rows = list(csv.reader(body))
    assert rows[0] == ["code", "name", "root", "quad_class", "penta_class", "goldstein_gdelt",
                       "goldstein_icews", "plover", "plover_mode", "plover_context"]
    assert max(len(field) for row in rows for field in row) <= 120
    assert {len(row) for row in rows} == {10}


def test_goldstein_weights_lie_on_the_scale():
    table = cameo_table()
    for profile in PROFILES:
        assert table[f"goldstein_{profile}"].between(-10, 10).all()


def test_profiles_differ_exactly_on_the_four_known_codes():
    table = cameo_table().set_index("code")
    differ = table.index[table["goldstein_gdelt"] != table["goldstein_icews"]]
    assert set(differ) == {"016", "022", "164", "165"}
    # the published weights, from the GDELT and ICEWS lookup tables
    assert (goldstein("016"), goldstein("016", "icews")) == (-2.0, -5.0)
    assert (goldstein("022"), goldstein("022", "icews")) == (3.2, 3.4)
    assert (goldstein("164"), goldstein("164", "icews")) == (-7.0, -6.5)
    assert (goldstein("165"), goldstein("165", "icews")) == (-6.5, -7.0)


# --- normalisation and lookup --------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("042", "042"), ("42", "042"), (42, "042"), (42.0, "042"), ("42.0", "042"),
    (" 0211 ", "0211"), (211, "0211"), ("1823", "1823"), ("1", "01"), ("01", "01"), ("21", "021"),
    ("10", "10"), ("010", "010"), (10, "10"), ("20", "20"), ("020", "020"),
])
def test_normalise_code_restores_a_lost_leading_zero(raw, expected):
    assert normalise_code(raw) == expected


def test_every_table_code_normalises_to_itself_and_from_its_integer():
    codes = set(cameo_table()["code"])
    for code in codes:
        assert normalise_code(code) == code
        if code.lstrip("0") not in codes:  # "010" as int 10 is the root "10" instead
            assert normalise_code(int(code)) == code


@pytest.mark.parametrize("bad", ["999", "0001", "29", "abc", "", None, -42, 4.2, True, float("nan")])
def test_unknown_codes_raise_a_key_error_naming_the_code(bad):
    assert not is_known(bad)
    with pytest.raises(KeyError) as caught:
        lookup(bad)
    assert isinstance(caught.value, UnknownCodeError)
    assert repr(bad) in str(caught.value)


def test_lookup_returns_a_frozen_record_agreeing_with_the_helpers():
    table = cameo_table()
    for row in table.to_dict("records"):
        record = lookup(row["code"])
        assert record.quad_class == quad_class(row["code"]) == row["quad_class"]
        assert record.penta_class == penta_class(row["code"]) == row["penta_class"]
        assert record.root == root(row["code"]) == row["root"]
        assert record.goldstein("icews") == goldstein(row["code"], "icews") == row["goldstein_icews"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lookup("010").name = "changed"


def test_unknown_profile_is_rejected():
    with pytest.raises(ValueError, match="gdelt"):
        goldstein("010", profile="phoenix")
    with pytest.raises(ValueError):
        ontology_frame("acled")


def test_cameo_table_is_a_copy():
    table = cameo_table()
    table.loc[table["code"] == "190", "goldstein_gdelt"] = 99.0
    assert goldstein("190") != 99.0


def test_plover_is_empty_for_statements_and_appeals_and_set_from_root_03_on():
    table = cameo_table()
    dropped = table["root"].isin(["01", "02"])
    assert table.loc[dropped, "plover"].isna().all()
    assert table.loc[~dropped, "plover"].notna().all()
    assert plover("0211") == (None, None)
    assert plover("0841") == (lookup("0841").plover, lookup("0841").plover_mode)


@pytest.mark.parametrize("profile", PROFILES)
def test_ontology_frame_has_one_goldstein_column_per_profile(profile):
    frame = ontology_frame(profile)
    assert list(frame.columns) == ["code", "root", "quad_class", "penta_class",
                                   "goldstein", "plover", "plover_mode"]
    expected = cameo_table()[f"goldstein_{profile}"]
    assert frame["goldstein"].tolist() == expected.tolist()


# --- against real GDELT, ICEWS and PLOVER files ---------------------------------------

def check_rows(codes: pd.Series, weights: pd.Series, profile: str) -> int:
    """Assert every row's code has its weight under the profile; return the row count."""
    assert len(codes) > 0
    mismatches = [(c, w, goldstein(c, profile)) for c, w in zip(codes, weights)
                  if goldstein(c, profile) != float(w)]
    assert mismatches == []
    return len(codes)


@pytest.mark.shared
def test_gdelt_v2_rows_carry_gdelt_goldstein_quad_class_and_root(shared_data):
    names = pd.read_csv(shared_data / "formats/gdelt-samples/schema/"
                        "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")["tableId"]
    events = read_tsv(shared_data / "formats/gdelt-v2/20191024143000.export.CSV", header=None)
    assert events.shape[1] == len(names) == 61
    events.columns = list(names)
    assert check_rows(events["EventCode"], events["GoldsteinScale"], "gdelt") == 2111
    assert [quad_class(c) for c in events["EventCode"]] == events["QuadClass"].astype(int).tolist()
    assert [root(c) for c in events["EventCode"]] == events["EventRootCode"].tolist()


@pytest.mark.shared
def test_gdelt_v1_rows_of_both_layouts_carry_gdelt_goldstein(shared_data):
    folder = shared_data / "formats/gdelt-v1"
    names = (folder / "events_column_names.csv").read_text().strip().split("\t")
    with (folder / "events-mixed-57-58.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {len(row) for row in rows} == {57, 58}  # the back-file layout lacks SOURCEURL
    events = pd.DataFrame([dict(zip(names, row)) for row in rows])
    check_rows(events["eventcode"], events["goldsteinscale"], "gdelt")
    assert [quad_class(c) for c in events["eventcode"]] == events["quadclass"].astype(int).tolist()


@pytest.mark.shared
@pytest.mark.parametrize("name, code_col, weight_col", [
    ("events.2018.sample.tab", "CAMEO Code", "Intensity"),
    ("icews_sample_normalised.tsv", "cameo_code", "intensity"),
])
def test_icews_rows_carry_icews_goldstein(shared_data, name, code_col, weight_col):
    events = read_tsv(shared_data / "formats/icews" / name)
    check_rows(events[code_col], events[weight_col], "icews")


@pytest.mark.shared
def test_icews_rows_join_the_ontology_frame_in_duckdb(shared_data):
    events = read_tsv(shared_data / "formats/icews/events.2018.sample.tab")
    events["code"] = events["CAMEO Code"].map(normalise_code)
    events["intensity"] = events["Intensity"].astype(float)
    frame = ontology_frame("icews")
    joined = duckdb.sql(
        "SELECT count(*) AS n, count(*) FILTER (WHERE o.goldstein <> e.intensity) AS wrong "
        "FROM events e JOIN frame o USING (code)"
    ).fetchall()
    assert joined == [(len(events), 0)]


@pytest.mark.shared
def test_weights_match_the_gdelt_and_icews_lookup_tables(shared_data):
    reference = shared_data / "reference/cameo"
    gdelt = read_tsv(reference / "gdelt/CAMEO.goldsteinscale.txt")
    icews = pd.read_csv(reference / "cameo-codes.icews.csv", encoding="latin-1", dtype={"code": str})
    assert len(gdelt) >= 300 and len(icews) >= 300
    check_rows(gdelt["CAMEOEVENTCODE"], gdelt["GOLDSTEINSCALE"], "gdelt")
    check_rows(icews["code"], icews["goldstein"], "icews")


# The PLOVER manual's own text where the 2021 table differs: eased curfews and emergencies and
# declared ceasefires are CONCEDE (verbal concessions), not RETREAT.
MANUAL_OVER_TABLE = {"0813": "CONCEDE", "0814": "CONCEDE", "0871": "CONCEDE"}


@pytest.mark.shared
def test_plover_types_match_the_cameo2plover_table_except_where_the_manual_is_explicit(shared_data):
    listed: dict[str, str] = {}
    text = (shared_data / "reference/plover/CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    for match in re.finditer(r"^(\d{2,4}):\s*([A-Z]+)", text, flags=re.MULTILINE):
        listed.setdefault(match[1], match[2])
    table = cameo_table().set_index("code")
    shared_codes = sorted(set(listed) & set(table.index))
    assert len(shared_codes) >= 250
    assert all(listed[c] != MANUAL_OVER_TABLE[c] for c in MANUAL_OVER_TABLE)  # each is a real override
    expected = {c: MANUAL_OVER_TABLE.get(c, listed[c]) for c in shared_codes}
    assert {c: table.at[c, "plover"] for c in shared_codes} == expected


@pytest.mark.shared
def test_build_script_reproduces_the_shipped_csv(shared_data, tmp_path):
    out = tmp_path / "cameo.csv"
    subprocess.run([sys.executable, str(REPO / "tools/build_ontology.py"),
                    "--reference", str(shared_data / "reference"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == TABLE_PATH.read_bytes()
