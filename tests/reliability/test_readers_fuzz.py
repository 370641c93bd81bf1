"""Issue 7 item 1: property tests and a fuzz run over every document reader.

Each example writes one file mixing good records (real demo-corpus paragraphs) with bad
ones (invalid UTF-8, mixed encodings, NUL bytes, truncated JSON, wrong column counts,
dates such as 00000000 and 99999999, scripts-only pages, deep nesting, broken XML) and
reads it through ``read_documents``. The properties: reading never raises; every record
ends up once, as an article or as a reject naming the file and its line; records built
to be bad are rejected and records built to be good are read. Reduced example counts run
in `make test`; `--robustness-full` runs many more (marked slow).
"""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import strategies as st

from bilateral.sources import read_documents
from bilateral.sources.rejects import EMPTY_FILE, Rejects

from reliability_helpers import fuzz

pytestmark = pytest.mark.slow

BAD_DATES = ["00000000", "99999999", "2021-02-30", "2023-13-01", "0000-00-00", "1066-10-14"]
JUNK = [b"\xff", b"\xfe\xfe", b"\x81", b"\xc3\x28", b"\xe2\x82", b"\x00", b"\x80\x80\x80"]
ACCENTED = ["é", "ü", "ñ", "ç"]


def _read(path: Path) -> tuple[list, Rejects]:
    rejects = Rejects()
    articles = list(read_documents([path], rejects))
    for reject in rejects:
        assert reject.path == str(path) and reject.reason.strip(), reject
    return articles, rejects


def _in_temp(name: str, data: bytes, check) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        check(path)


# -- JSON Lines -------------------------------------------------------------
def _jsonl_line(draw, texts: list[str]) -> tuple[bytes, str]:
    """One line of a JSONL file and what it must become: 'good', 'bad' or 'either'."""
    text = draw(st.sampled_from(texts))
    record = {"id": draw(st.text(max_size=8)), "text": text}
    if draw(st.booleans()):
        record["date"] = draw(st.dates().map(lambda d: d.isoformat()).filter(lambda d: "1900" <= d[:4] <= "2100"))
    kind = draw(st.sampled_from(["good", "latin1", "nul", "junk_in_text", "truncated", "not_object",
                                 "no_text", "bad_date", "random", "blank"]))
    good = json.dumps(record).encode()
    if kind == "good":
        return good, "good"
    if kind == "latin1":  # another encoding on this line (mixed encodings in one file)
        accented = {**record, "text": draw(st.sampled_from(ACCENTED)) + " " + text}
        return json.dumps(accented, ensure_ascii=False).encode("cp1252", "replace"), "good"
    if kind == "nul":
        cut = draw(st.integers(0, len(good)))
        return good[:cut] + b"\x00" + good[cut:], "good"
    if kind == "junk_in_text":
        marked = json.dumps({**record, "text": "@@JUNK@@ " + text}).encode()
        return marked.replace(b"@@JUNK@@", draw(st.sampled_from(JUNK[:-2]))), "good"
    if kind == "truncated":
        return good[: draw(st.integers(1, len(good) - 1))], "bad"
    if kind == "not_object":
        return json.dumps(draw(st.sampled_from([[text], text, 42, None, True]))).encode(), "bad"
    if kind == "no_text":
        value = draw(st.sampled_from([None, "", "   ", 17, ["a"], {"t": text}]))
        return json.dumps({**record, "text": value}).encode(), "bad"
    if kind == "bad_date":
        return json.dumps({**record, "date": draw(st.sampled_from(BAD_DATES))}).encode(), "bad"
    if kind == "blank":
        return draw(st.sampled_from([b"", b"   ", b"\t"])), "blank"
    raw = draw(st.binary(min_size=1, max_size=200).map(lambda b: b.replace(b"\n", b" ")))
    return b"x" + raw, "either"


@st.composite
def jsonl_files(draw, texts):
    return [_jsonl_line(draw, texts) for _ in range(draw(st.integers(0, 12)))]


def test_readers_jsonl_every_line_read_or_rejected_once(scale, demo_texts):
    @fuzz(scale.examples, jsonl_files(demo_texts))
    def check(lines):
        data = b"".join(raw + b"\n" for raw, _ in lines)
        _in_temp("input.jsonl", data, lambda path: _check_lines(path, lines, first_line=1))

    check()


def _check_lines(path: Path, lines: list[tuple[bytes, str]], first_line: int) -> None:
    articles, rejects = _read(path)
    read_at = [a.line for a in articles]
    rejected_at = [r.line for r in rejects]
    assert len(set(read_at)) == len(read_at) and len(set(rejected_at)) == len(rejected_at)
    assert not set(read_at) & set(rejected_at), "a line both read and rejected"
    expected = {n for n, (_, kind) in enumerate(lines, start=first_line) if kind != "blank"}
    if not expected:  # nothing but blank lines: the file itself is the one reject
        assert not articles and [(r.line, r.reason) for r in rejects] == [(None, EMPTY_FILE)]
        return
    assert set(read_at) | set(rejected_at) == expected, "every record is read or rejected, once"
    for n, (_, kind) in enumerate(lines, start=first_line):
        if kind == "good":
            assert n in read_at, (n, [str(r) for r in rejects])
        elif kind == "bad":
            assert n in rejected_at, n
    for article in articles:
        assert article.text.strip() and "\x00" not in article.text


# -- CSV --------------------------------------------------------------------
@st.composite
def csv_files(draw, texts):
    """A CSV (id,text,date) as (bytes, [(first line, last line, kind) per row])."""
    out, rows, line = io.StringIO(), [], 2
    out.write("id,text,date\r\n")
    for _ in range(draw(st.integers(0, 12))):
        text = draw(st.sampled_from(texts))
        kind = draw(st.sampled_from(["good", "multiline", "nul", "extra_field", "missing_field", "bad_date",
                                     "empty_text", "junk"]))
        fields = [draw(st.text("abc123", max_size=5)), text, draw(st.sampled_from(["", "2020-05-17", "20191024"]))]
        expect = "bad"
        if kind in ("good", "nul"):
            expect = "good"
            fields[1] = text if kind == "good" else text[:10] + "\x00" + text[10:]
        elif kind == "multiline":
            expect = "good"
            fields[1] = text.replace(". ", ".\n", 1)
        elif kind == "extra_field":
            fields.append("surplus")
        elif kind == "missing_field":
            fields = fields[:2]
        elif kind == "bad_date":
            fields[2] = draw(st.sampled_from(BAD_DATES))
        elif kind == "empty_text":
            fields[1] = draw(st.sampled_from(["", "  "]))
        else:  # junk: no quotes or line breaks, any number of fields
            expect = "either"
            junk = draw(st.text(st.characters(blacklist_characters='"\r\n', blacklist_categories=["Cs"]), min_size=1, max_size=60))
            fields = ["j" + junk]
        buffer = io.StringIO()
        if kind == "junk":
            buffer.write(fields[0] + "\r\n")
        else:
            csv.writer(buffer).writerow(fields)
        physical = buffer.getvalue().count("\n")
        rows.append((line, line + physical - 1, expect))
        line += physical
        out.write(buffer.getvalue())
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig"]))
    return out.getvalue().encode(encoding, "surrogatepass"), rows


def test_readers_csv_every_row_read_or_rejected_once(scale, demo_texts):
    @fuzz(scale.examples, csv_files(demo_texts))
    def check(file):
        data, rows = file

        def on(path):
            articles, rejects = _read(path)
            read_at, rejected_at = [a.line for a in articles], [r.line for r in rejects]
            assert not set(read_at) & set(rejected_at)
            if not rows:  # a header and nothing else: one reject for the file
                assert not articles and [r.line for r in rejects] == [1]
                return
            # csv counts a record's line where the record ends
            assert sorted(read_at + rejected_at) == [last for _, last, _ in rows]
            for _, last, expect in rows:
                assert expect != "good" or last in read_at, (last, [str(r) for r in rejects])
                assert expect != "bad" or last in rejected_at, last

        _in_temp("input.csv", data, on)

    check()


def test_readers_csv_stray_carriage_returns_and_junk_never_raise(scale):
    @fuzz(scale.examples, st.binary(max_size=3000), st.sampled_from([b"text\n", b"id,text,date\r\n", b""]))
    def check(body, header):
        _in_temp("input.csv", header + body, _read)

    check()


# -- plain text -------------------------------------------------------------
@st.composite
def text_files(draw, texts):
    """A .txt file's bytes and whether it must be read ('good'), rejected ('bad') or either."""
    kind = draw(st.sampled_from(["good", "cp1252", "nul", "junk", "empty", "whitespace", "binary"]))
    text = draw(st.sampled_from(texts))
    if kind == "good":
        return text.encode(), "good"
    if kind == "cp1252":
        return (draw(st.sampled_from(ACCENTED)) + " " + text).encode("cp1252", "replace"), "good"
    if kind == "nul":
        return text.encode().replace(b" ", b" \x00", 3), "good"
    if kind == "junk":
        return draw(st.sampled_from(JUNK)) + text.encode() + draw(st.sampled_from(JUNK)), "good"
    if kind == "empty":
        return b"", "bad"
    if kind == "whitespace":
        return draw(st.sampled_from([b"\n\n", b"   \r\n\t", b"\x00\x00"])), "bad"
    return draw(st.binary(max_size=3000)), "either"


def test_readers_text_file_read_or_rejected(scale, demo_texts):
    @fuzz(scale.examples, text_files(demo_texts))
    def check(file):
        data, expect = file

        def on(path):
            articles, rejects = _read(path)
            assert len(articles) + len(rejects) == 1
            assert expect != "good" or articles, [str(r) for r in rejects]
            assert expect != "bad" or rejects

        _in_temp("story.txt", data, on)

    check()


# -- HTML -------------------------------------------------------------------
@st.composite
def html_pages(draw, texts):
    """An HTML page's bytes and whether it must be rejected ('bad') or may go either way."""
    text = draw(st.sampled_from(texts))
    kind = draw(st.sampled_from(["article", "scripts_only", "nested", "truncated", "charset", "nul", "binary"]))
    body = f"<h1>{text[:40]}</h1><p>{text}</p><p>{text}</p>"
    if kind == "scripts_only":
        scripts = "".join(f"<script>var x{i} = '{text[:30]}';</script>" for i in range(draw(st.integers(1, 5))))
        return f"<html><head>{scripts}</head><body>{scripts}</body></html>".encode(), "bad"
    if kind == "nested":
        depth = draw(st.integers(1, 3000))
        body = "<div>" * depth + body + "</div>" * draw(st.integers(0, depth))
    page = f"<html><head><title>{text[:30]}</title></head><body>{body}</body></html>"
    if kind == "charset":
        name = draw(st.sampled_from(["utf-8", "windows-1251", "iso-8859-1", "no-such-charset", "utf-16", "koi8-r"]))
        page = page.replace("<head>", f'<head><meta charset="{name}">')
        return page.encode("utf-8") + draw(st.sampled_from(JUNK)), "either"
    raw = page.encode()
    if kind == "truncated":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif kind == "nul":
        raw = raw.replace(b"<p>", b"<p>\x00", 1)
    elif kind == "binary":
        raw = draw(st.binary(max_size=2000))
    return raw, "either"


def test_readers_html_page_read_or_rejected(scale, demo_texts):
    @fuzz(scale.examples, html_pages(demo_texts))
    def check(page):
        data, expect = page

        def on(path):
            articles, rejects = _read(path)
            assert len(articles) + len(rejects) == 1
            assert expect != "bad" or rejects
            for article in articles:
                assert "<script" not in article.text and "\x00" not in article.text

        _in_temp("page.html", data, on)

    check()


# -- RSS --------------------------------------------------------------------
@st.composite
def feeds(draw, texts):
    """An RSS feed and, per item, 'good' or 'bad'; the feed may be cut short (then anything goes)."""
    items, kinds = [], []
    for i in range(draw(st.integers(0, 8))):
        text = draw(st.sampled_from(texts)).replace("&", "&amp;").replace("<", "&lt;")
        kind = draw(st.sampled_from(["good", "good", "bad_date", "empty", "nul"]))
        date = {"bad_date": draw(st.sampled_from(["00000000", "99999999", "Mon, 99 Foo 2023"]))}.get(kind, "Mon, 06 Mar 2023 09:30:00 GMT")
        title, body = ("", "") if kind == "empty" else (text[:50], text)
        if kind == "nul":
            body = body[:20] + "\x00" + body[20:]
        items.append(f"<item><title>{title}</title><link>https://wire.example.org/{i}</link><guid>g{i}</guid>"
                     f"<pubDate>{date}</pubDate><description>{body}</description></item>")
        kinds.append("bad" if kind in ("bad_date", "empty") else "good")
    feed = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title>\n'
            + "\n".join(items) + "\n</channel></rss>\n").encode()
    cut = draw(st.one_of(st.none(), st.integers(0, len(feed))))
    return (feed if cut is None else feed[:cut]), kinds, cut is None


def test_readers_rss_every_entry_read_or_rejected(scale, demo_texts):
    @fuzz(scale.examples, feeds(demo_texts))
    def check(feed):
        data, kinds, whole = feed

        def on(path):
            articles, rejects = _read(path)
            entry_rejects = [r for r in rejects if r.reason.startswith("entry ")]
            if whole and "\x00" not in data.decode():
                assert len(articles) == kinds.count("good"), [str(r) for r in rejects]
                assert len(entry_rejects) == kinds.count("bad")
            if not articles:
                assert rejects, "a feed that gave nothing says why"

        _in_temp("wire.rss", data, on)

    check()


@pytest.fixture(scope="module")
def demo_texts(demo_records) -> list[str]:
    """Real paragraphs that every reader keeps when they arrive intact."""
    return [r["text"] for r in demo_records[:80]]
