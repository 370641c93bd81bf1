"""Text, JSONL and CSV readers: bad rows reported with file and line, the rest read (issues 7 and 8)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.sources import read_documents
from bilateral.sources.documents import read_csv, read_jsonl, read_text
from bilateral.sources.feeds import read_feed
from bilateral.sources.html import read_html
from bilateral.sources.rejects import EMPTY_FILE, Rejects

STORY = "Azerbaijan and Armenia resumed border talks in Brussels on Friday, the two foreign ministries said."


def _jsonl(path: Path, *lines: str | dict) -> Path:
    path.write_bytes(b"".join((json.dumps(l) if isinstance(l, dict) else l).encode("utf-8", "surrogateescape") + b"\n" for l in lines))
    return path


def _read(reader, path: Path) -> tuple[list, Rejects]:
    rejects = Rejects()
    return list(reader(path, rejects)), rejects


def test_documents_jsonl_bad_rows_named_by_line(tmp_path):
    path = _jsonl(
        tmp_path / "mixed.jsonl",
        {"id": "a1", "text": STORY, "date": "2023-05-12", "title": "Talks resume", "url": "https://x.example/a1"},
        '{"id": "a2", "text": "unterminated',
        {"id": "a3", "date": "2023-05-12"},
        {"id": "a4", "text": "   "},
        {"id": "a5", "text": STORY + " More to come.", "date": "the day after"},
        '["a", "list"]',
        "",
        {"id": "a8", "text": "Share this article\nAdvertisement"},
        {"id": "a9", "text": STORY.replace("Friday", "Saturday"), "date": "99999999"},
    )
    articles, rejects = _read(read_jsonl, path)
    assert [a.source_id for a in articles] == ["a1"]
    assert (articles[0].date, articles[0].title, articles[0].line) == ("2023-05-12", "Talks resume", 1)
    assert [(r.line, r.reason.split(" ")[0]) for r in rejects] == [
        (2, "not"), (3, "no"), (4, "no"), (5, "unreadable"), (6, "expected"), (8, "only"), (9, "unreadable"),
    ]
    assert all(r.path == str(path) for r in rejects)


def test_documents_jsonl_nul_bytes_and_invalid_utf8(tmp_path):
    path = tmp_path / "dirty.jsonl"
    path.write_bytes(
        json.dumps({"id": "n", "text": STORY}).replace("Brussels", "Brus\\u0000sels").encode() + b"\n"
        + b'{"id": "c", "text": "Caf\xe9 owners in Baku welcomed the talks on Friday."}\n'
        + b'{"id": "z", "text": "Raw\x00 NUL in the line itself."}\n'
    )
    articles, rejects = _read(read_jsonl, path)
    assert not rejects
    assert [a.text for a in articles] == [STORY, "Caf\u00e9 owners in Baku welcomed the talks on Friday.", "Raw NUL in the line itself."]


def test_documents_csv_bad_rows_named_by_line(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes(
        b"id,date,text\n"
        + f"1,2023-05-12,{STORY!r}\n".replace("'", '"').encode()
        + b"2,2023-05-12,\n"
        + b"3,00000000,Talks went on in Brussels.\n"
        + b"4,2023-05-13,Ministers\x00 met again\xff in Brussels.\n"
    )
    articles, rejects = _read(read_csv, path)
    assert [(a.source_id, a.line) for a in articles] == [("1", 2), ("4", 5)]
    assert articles[1].text == "Ministers met again\ufffd in Brussels."
    assert [(r.line, r.path) for r in rejects] == [(3, str(path)), (4, str(path))]
    assert "no text" in rejects.items[0].reason and "unreadable date" in rejects.items[1].reason


def test_documents_csv_without_text_column_names_the_fix(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\n1,Something happened.\n")
    articles, rejects = _read(read_csv, path)
    assert articles == [] and rejects.items[0].line == 1 and "--text-col" in rejects.items[0].reason


@pytest.mark.parametrize("reader, suffix", [(read_text, ".txt"), (read_jsonl, ".jsonl"), (read_csv, ".csv"), (read_html, ".html"), (read_feed, ".rss")])
@pytest.mark.parametrize("raw", [b"", b"\n \t\r\n", b"\xef\xbb\xbf\x00\n"], ids=["no-bytes", "whitespace", "bom-nul"])
def test_documents_empty_file_is_one_reject(tmp_path, reader, suffix, raw):
    """Every reader: an empty file is rejected once, by name, so read = stored + duplicates + rejected."""
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(raw)
    articles, rejects = _read(reader, path)
    assert articles == []
    assert [(r.path, r.line, r.reason) for r in rejects] == [(str(path), None, EMPTY_FILE)]


def test_documents_csv_header_without_rows_is_rejected(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("id,text,date\n\n")
    articles, rejects = _read(read_csv, path)
    assert articles == [] and [(r.line, r.reason) for r in rejects] == [(1, "a header row and no rows after it")]


def test_documents_csv_blank_first_line_is_not_called_empty(tmp_path):
    path = tmp_path / "late_header.csv"
    path.write_text(f"\ntext\n{STORY}\n")
    articles, rejects = _read(read_csv, path)
    assert articles == [] and rejects.items[0].line == 1 and "header row" in rejects.items[0].reason


def test_documents_text_file_cleaned_and_decoded(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(("Skip to content\r\nBy Jane Example\r\n\r\n" + STORY + "\r\n\r\n\u00a9 2023 Example News").encode("cp1252", "replace") + b"\x00")
    (article,), rejects = _read(read_text, path)
    assert article.text == STORY and article.source_id == "story" and not rejects


def test_documents_same_story_different_boilerplate_is_one_document(tmp_path):
    """Issue 8 item 1: the cleaned text is what is hashed."""
    plain = tmp_path / "plain.txt"
    plain.write_text(STORY)
    noisy = _jsonl(tmp_path / "feed.jsonl", {"id": "x", "text": f"Home | World | Europe\n{STORY}\nShare this article\nReuters"})
    rejects = Rejects()
    first, second = read_documents([plain, noisy], rejects)
    assert first.doc_id == second.doc_id and first.text == second.text == STORY


def test_documents_counts_add_up(tmp_path):
    _jsonl(tmp_path / "a.jsonl", {"text": STORY}, "not json", {"text": STORY + " Later."})
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "c.csv").write_text(f'text,date\n"{STORY}",2023-01-01\n"{STORY}",nonsense\n')
    (tmp_path / "d.jsonl").write_text("\n")
    (tmp_path / "e.csv").write_text("text,date\n")
    rejects = Rejects()
    articles = list(read_documents([tmp_path], rejects))
    assert (len(articles), len(rejects)) == (3, 5)
    assert {Path(r.path).name for r in rejects} == {"a.jsonl", "b.txt", "c.csv", "d.jsonl", "e.csv"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([".jsonl", ".csv", ".txt"]))
def test_documents_never_raise_on_arbitrary_bytes(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(raw)
        rejects = Rejects()
        for article in read_documents([path], rejects):
            assert article.text and "\x00" not in article.text
