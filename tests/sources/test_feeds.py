"""read_feed: RSS/Atom entries as articles; malformed feeds reported, readable entries kept (issues 7 and 8)."""
from __future__ import annotations

import socket
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.sources import DOCUMENT_READERS, read_documents
from bilateral.sources.feeds import read_feed
from bilateral.sources.rejects import Rejects

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def _read(path: Path) -> tuple[list, Rejects]:
    rejects = Rejects()
    return list(read_feed(path, rejects)), rejects


def test_feeds_registered_for_xml_rss_atom():
    assert all(DOCUMENT_READERS[suffix] is read_feed for suffix in (".xml", ".rss", ".atom"))


def test_feeds_rss_entries_become_articles():
    articles, rejects = _read(FEEDS / "gulf_wire.rss")
    assert [a.title for a in articles] == [
        "Oman hosts talks between Iran and Saudi Arabia", "Qatar & Bahrain restore flights", "Kuwait names new oil minister",
    ]
    oman, qatar, kuwait = articles
    assert oman.text.startswith("Envoys from Iran and Saudi Arabia met in Muscat")  # content:encoded beats description
    assert "embassies & resuming" in oman.text and "<p>" not in oman.text
    assert "Share this article" not in oman.text and "appeared first on" not in oman.text
    assert (oman.date, oman.url, oman.source_id) == ("2023-03-06", "https://gulfwire.example.org/2023/03/06/oman-talks", "gulfwire-1001")
    assert qatar.date == "2023-03-05"  # the publisher's local day, not UTC's 6 March
    assert "track()" not in qatar.text
    assert kuwait.text == kuwait.title  # a headline-only entry is coded from its headline
    assert [a.line for a in articles] == [7, 15, 22]


def test_feeds_entry_with_bad_date_rejected_with_line():
    _, rejects = _read(FEEDS / "gulf_wire.rss")
    (reject,) = rejects
    assert (reject.line, "unreadable date" in reject.reason) == (28, True)
    assert reject.path.endswith("gulf_wire.rss")


def test_feeds_atom_entries_and_cross_feed_dedup():
    """Issue 8 item 1: one story in an RSS and an Atom feed with different boilerplate is one document."""
    atom, rejects = _read(FEEDS / "levant_digest.atom")
    rss, _ = _read(FEEDS / "gulf_wire.rss")
    assert [a.title for a in atom] == ["Oman hosts talks between Iran and Saudi Arabia", "Jordan and Syria discuss water sharing"]
    assert atom[0].date == "2023-03-06" and atom[1].date == "2023-03-05"  # `updated` when there is no `published`
    assert atom[0].doc_id == rss[0].doc_id and atom[0].url != rss[0].url
    assert "By Omar Sample" not in atom[0].text and "Advertisement" not in atom[0].text
    assert [r.line for r in rejects] == [21] and "neither a title nor any text" in rejects.items[0].reason


def test_feeds_malformed_feed_keeps_readable_entries():
    articles, rejects = _read(FEEDS / "broken.xml")
    assert [a.title for a in articles] == ["Iraq and Turkey agree on pipeline fees", "Markets & ministers react"]
    malformed = [r for r in rejects if "malformed feed" in r.reason]
    assert len(malformed) == 1 and malformed[0].line == 12


def test_feeds_xml_that_is_not_a_feed_is_rejected():
    articles, rejects = _read(FEEDS / "not_a_feed.xml")
    assert articles == [] and "not an RSS or Atom feed" in rejects.items[0].reason


def test_feeds_counts_add_up_through_read_documents():
    rejects = Rejects()
    articles = list(read_documents([FEEDS], rejects))
    per_file = {f.name: _read(f) for f in FEEDS.iterdir()}
    assert len(articles) == sum(len(a) for a, _ in per_file.values()) == 7
    assert len(rejects) == sum(len(r) for _, r in per_file.values()) == 5


def test_feeds_never_touch_the_network(tmp_path, monkeypatch):
    """A feed file whose whole content is a URL is read as data, not fetched."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = tmp_path / "url.xml"
    path.write_text("https://feeds.example.org/world.rss")
    articles, rejects = _read(path)
    assert articles == [] and len(rejects) == 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | st.text(alphabet="<>/=\"' rssitemtlenry&;#x0\n", max_size=2000).map(str.encode))
def test_feeds_never_raise_on_arbitrary_bytes(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.xml"
        path.write_bytes(raw)
        articles, rejects = _read(path)
        assert articles or len(rejects) >= 1
