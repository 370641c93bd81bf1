"""Issue 7 item 1: bad files through the real `bilateral code` command, one run per document reader.

Each run mixes good documents (demo-corpus paragraphs) with the bad inputs the issue names
(invalid UTF-8 and mixed encodings, NUL bytes, a single 5 MB line (50 MB under
--robustness-full), empty files of every kind, truncated JSON, wrong column counts, dates
00000000 and 99999999, a scripts-only page, 100,000 nested divs, a broken feed, a CSV with
only its header). The run must finish, name every bad file and line on stderr, store every
good document, count read = stored + duplicate + rejected (the store agrees) and exit with
2 because something was rejected.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from reliability_helpers import summary_counts

pytestmark = pytest.mark.slow


def _long_text(size: int) -> str:
    unit = "Iran and Russia signed an agreement in Moscow on Monday. "
    return (unit * (size // len(unit) + 1))[:size]


def _text_inputs(folder: Path, texts: list[str], size: int) -> dict:
    (folder / "good.txt").write_text(texts[0], encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(("Café talks: " + texts[1]).encode("cp1252", "replace"))
    (folder / "nul.txt").write_bytes(texts[2].encode().replace(b" ", b" \x00", 5))
    (folder / "good_copy.txt").write_text(texts[0], encoding="utf-8")  # sorted after good.txt
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"\n \t\r\n")
    (folder / "long.txt").write_text(_long_text(size), encoding="utf-8")
    return {"stored": {"good", "cp1252", "nul"}, "duplicate": 1,
            "rejected": ["empty.txt:", "blank.txt:", "long.txt:"], "read": 7}


def _html_inputs(folder: Path, texts: list[str], size: int, divs: int) -> dict:
    def page(body: str, head: str = "") -> str:
        return f"<html><head><title>Wire</title>{head}</head><body>{body}</body></html>"

    article = f"<article><h1>{texts[3][:50]}</h1><p>{texts[3]}</p><p>{texts[4]}</p></article>"
    (folder / "good.html").write_text(page(article), encoding="utf-8")
    other = f"<article><p>{texts[5]}</p><p>{texts[6]}</p></article>"
    (folder / "windows1251.html").write_bytes(page(other, '<meta charset="windows-1251">').encode("cp1251", "replace"))
    (folder / "nul.html").write_bytes(page(f"<article><p>{texts[7]}</p><p>{texts[8]}</p></article>").encode().replace(b"<p>", b"<p>\x00"))
    (folder / "scripts.html").write_text(page("<script>var a = 1;</script>" * 50, "<script>track()</script>"))
    nested = "<div>" * divs + f"<p>{texts[9]}</p>" + "</div>" * divs
    (folder / "nested.html").write_text(page(nested))
    (folder / "empty.html").write_bytes(b"")
    (folder / "long.html").write_text(page(f"<p>{_long_text(size)}</p>"))
    return {"stored": {"good", "windows1251", "nul"}, "duplicate": 0,
            "rejected": ["scripts.html:", "nested.html:", "empty.html:", "long.html:"], "read": 7}


def _jsonl_inputs(folder: Path, texts: list[str], size: int) -> dict:
    def line(**record) -> bytes:
        return json.dumps(record, ensure_ascii=False).encode()

    lines = [
        line(id="good", text=texts[10], date="2019-05-04"),
        line(id="latin1", text="Café " + texts[11]).decode().encode("cp1252", "replace"),
        line(id="nul", text=texts[12]).replace(b'"text": "', b'"text": "\x00'),
        line(id="junk", text="@@ " + texts[13]).replace(b"@@", b"\xff\xfe\x81"),
        line(id="copy", text=texts[10]),
        line(id="zeros", text=texts[14], date="00000000"),
        line(id="nines", text=texts[15], date="99999999"),
        line(id="truncated", text=texts[16])[:40],
        line(id="notext", title="no text here"),
        b"",
        b'["an", "array"]',
        line(id="long", text=_long_text(size)),
    ]
    (folder / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "empty.jsonl").write_bytes(b"")
    (folder / "blank.jsonl").write_bytes(b"\n\n  \n")
    return {"stored": {"good", "latin1", "nul", "junk"}, "duplicate": 1,
            "rejected": [f"feed.jsonl:{n}:" for n in (6, 7, 8, 9, 11, 12)] + ["empty.jsonl:", "blank.jsonl:"], "read": 13}


def _csv_inputs(folder: Path, texts: list[str], size: int) -> dict:
    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    rows = [
        "id,text,date",
        f"good,{quoted(texts[17])},2020-01-02",
        f"nul,{quoted(texts[18][:20] + chr(0) + texts[18][20:])},2020-01-03",
        f"multi,{quoted(texts[19].replace('. ', '.' + chr(10), 1))},",
        f"copy,{quoted(texts[17])},2020-01-02",
        f"extra,{quoted(texts[20])},2020-01-04,surplus",
        f"missing,{quoted(texts[21])}",
        f"zeros,{quoted(texts[22])},00000000",
        f"nines,{quoted(texts[23])},99999999",
        f"long,{quoted(_long_text(size))},2020-01-05",
    ]
    rows.append("bad\udcff,\udcfe\udcfe,\x00")  # invalid UTF-8 and a NUL: decoded with replacement
    (folder / "table.csv").write_bytes(("\n".join(rows) + "\n").encode("utf-8", "surrogateescape"))
    (folder / "empty.csv").write_bytes(b"")
    (folder / "header.csv").write_text("id,text,date\n")
    ends = [sum(row.count("\n") + 1 for row in rows[: i + 1]) for i in range(len(rows))]  # a record's last line
    return {"stored": {"good", "nul", "multi"}, "duplicate": 1,
            "rejected": [f"table.csv:{ends[i]}:" for i in (5, 6, 7, 8, 9, 10)] + ["empty.csv:", "header.csv:1:"], "read": 12}


def _rss_inputs(folder: Path, texts: list[str], size: int) -> dict:
    def item(guid: str, text: str, date: str = "Mon, 06 Mar 2023 09:30:00 GMT") -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;")
        return f"<item><title>{text[:60]}</title><guid>{guid}</guid><pubDate>{date}</pubDate><description>{text}</description></item>"

    items = [item("good", texts[24]), item("zeros", texts[25], "00000000"), item("empty", ""),
             item("long", _long_text(size)), item("second", texts[26])]
    head = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title>\n'
    (folder / "wire.rss").write_text(head + "\n".join(items) + "\n</channel></rss>\n", encoding="utf-8")
    cut = item("cut", texts[27])[:-30]  # the feed stops in the middle of its last entry
    (folder / "broken.xml").write_text(head + item("other", texts[28]) + "\n" + cut, encoding="utf-8")
    (folder / "empty.rss").write_bytes(b"")
    # read: 5 entries of wire.rss, the malformed-feed report, 2 entries of broken.xml, the empty feed
    return {"stored": {"good", "second", "other"}, "duplicate": 0,
            "rejected": ["wire.rss:4:", "wire.rss:5:", "wire.rss:6:", "broken.xml:", "empty.rss:"], "read": 9}


BUILDERS = {"text": _text_inputs, "html": _html_inputs, "jsonl": _jsonl_inputs, "csv": _csv_inputs, "rss": _rss_inputs}


@pytest.mark.parametrize("reader", list(BUILDERS))
def test_readers_bad_files_through_the_cli(reader, tmp_path, cli, scale, demo_records):
    texts = [r["text"] for r in demo_records]
    folder = tmp_path / "inputs"
    folder.mkdir()
    args = (folder, texts, scale.long_line_bytes) + ((scale.nested_divs,) if reader == "html" else ())
    expected = BUILDERS[reader](*args)
    db = tmp_path / "store.duckdb"
    done = cli("code", folder, "--db", db, "--rejects", tmp_path / "rejects.jsonl")
    assert done.returncode == 2, done.stderr[-2000:]  # 2: finished, something was rejected
    assert "Traceback" not in done.stderr
    read, stored, duplicate, rejected = summary_counts(done.stdout)
    assert read == stored + duplicate + rejected
    if expected["read"] is not None:
        assert read == expected["read"], done.stdout
    assert duplicate == expected["duplicate"], done.stdout
    assert rejected == len(expected["rejected"]), done.stderr
    for where in expected["rejected"]:
        assert f"rejected {folder / where}" in done.stderr.replace("\n", "") or where in done.stderr, (where, done.stderr)
    written = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert len(written) == rejected and all(r["path"] and r["reason"] for r in written)
    with duckdb.connect(str(db), read_only=True) as con:
        ids = {r[0] for r in con.execute("SELECT source_id FROM documents").fetchall()}
    assert len(ids) == stored
    assert expected["stored"] <= ids, (ids, done.stderr)


def test_readers_clean_input_exits_zero(tmp_path, cli, demo_records):
    """The exit code tells the two cases apart: nothing rejected is 0."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for i, record in enumerate(demo_records[:3]):
        (folder / f"story{i}.txt").write_text(record["text"], encoding="utf-8")
    done = cli("code", folder, "--db", tmp_path / "store.duckdb")
    assert done.returncode == 0, done.stderr
    assert summary_counts(done.stdout) == (3, 3, 0, 0)
