"""Citation numbering: one number per event, in first-cited order."""
from bilateral.report.citations import Citations, marker


def test_citations_number_in_first_cited_order_and_reuse_numbers():
    cites = Citations()
    assert cites.cite(["e1", "e2"]) == [1, 2]
    assert cites.cite(["e3", "e1", None, ""]) == [3, 1]
    assert cites.number("e2") == 2 and cites.number("missing") is None
    assert cites.event_ids == ["e1", "e2", "e3"] and len(cites) == 3


def test_citations_limit_counts_distinct_numbers():
    cites = Citations()
    assert cites.cite(["a", "a", "b", "c"], limit=2) == [1, 2]
    assert cites.event_ids == ["a", "b"]  # c was never cited, so it has no number


def test_citations_marker():
    assert marker([1, 4]) == "[1, 4]"
    assert marker([]) == ""
