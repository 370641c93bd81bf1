"""Accuracy of the event coder on every gold set in ../shared/data/gold (run: make bench-accuracy).

Prints one table and appends a dated section with the git commit to benchmarks/RESULTS.md
(``--dry-run`` prints only; ``--sets NAME...`` scores some sets and only prints).
Scores (see each function): record exact match, event-triple P/R/F1, root-code F1 and
country-dyad F1 (PETRARCH and UD-PETRARCH unit suites, with their validation dictionaries
loaded as the actor dictionary), PLOVER event-type accuracy and actor-country F1 (PLOVER
GSR), five-class macro-F1 (ConfliBERT, rules and the learned classifier by 5-fold CV), and
country/sector accuracy of actor resolution (NGEC actor tests), and PLOVER type accuracy and
coverage on the PLOVER synthetic headlines (../shared/data/reference/plover; most in Title Case).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
GOLD = (REPO / ".." / "shared" / "data" / "gold").resolve()
REFERENCE = (REPO / ".." / "shared" / "data" / "reference").resolve()
RESULTS = REPO / "benchmarks" / "RESULTS.md"
HEADER = "# Benchmark results\n\nEach section is appended by a benchmark script with its date and git commit.\n"
# The GSR was coded with an earlier PLOVER draft; these names are the 2021 table's for the same types.
PLOVER_VERSIONS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def read_jsonl(name: str) -> list[dict]:
    with (GOLD / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def set_counts(pairs: list[tuple[set, set]]) -> tuple[int, int, int]:
    """Summed true positives, false positives and false negatives over (predicted, expected) sets."""
    tp = sum(len(p & e) for p, e in pairs)
    return tp, sum(len(p) for p, _ in pairs) - tp, sum(len(e) for _, e in pairs) - tp


def iso(value: str | None) -> str | None:
    if not value or value.lower() == "today":
        return dt.date.today().isoformat()
    from bilateral.text.dates import to_iso_date

    return to_iso_date(value)


def primary(events: list) -> list:
    """The events a one-event record is about: those sharing the most confident event's code."""
    if not events:
        return []
    top = max(events, key=lambda e: e.confidence)
    return [e for e in events if e.cameo == top.cameo]


def score_unit_suite(name: str, dictionary) -> dict:
    """PETRARCH-style unit suite: exact record match, triple P/R/F1, root F1 and dyad F1."""
    from bilateral.coding import Coder
    from bilateral.ontology import is_known, normalise_code

    coder = Coder(actors=dictionary)
    records = [r for r in read_jsonl(name) if r["active_in_original_run"] and not r["expected_error"]]
    exact, triples, roots, dyads = 0, [], [], []
    for record in records:
        events = coder.code_sentence(record["text"], iso(record["date"]))
        got = {(e.source, e.target, e.cameo) for e in events}
        want = {(x["source"], x["target"], normalise_code(x["code"]) if is_known(x["code"]) else x["code"])
                for x in record["expected_events"]}
        exact += got == want
        triples.append((got, want))
        roots.append(({(s[:3], t[:3], c[:2]) for s, t, c in got}, {(s[:3], t[:3], c[:2]) for s, t, c in want}))
        dyads.append(({(s[:3], t[:3]) for s, t, _ in got}, {(s[:3], t[:3]) for s, t, _ in want}))
    p, r, f = prf(*set_counts(triples))
    return {"records": len(records), "exact": exact / len(records), "triple_p": p, "triple_r": r,
            "triple_f1": f, "root_f1": prf(*set_counts(roots))[2], "dyad_f1": prf(*set_counts(dyads))[2]}


# The GSR keeps a few older CAMEO country codes; the dictionary uses ISO 3166 (CAMEO's TMP for Timor-Leste).
GSR_CODES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM", "TLS": "TMP"}
NON_STATE_ROOTS = ("IGO", "NGO", "NGM", "IMG", "MNC")


def _actor_root(code: str, country: str | None) -> str | None:
    """The country (or organisation root) an event actor belongs to; None for a bare agent ("MIL")."""
    if country:
        return country
    return code[:3] if code.startswith(NON_STATE_ROOTS) else None


def score_plover_gsr(coder) -> dict:
    """PLOVER GSR: event-type accuracy of the primary event, actor-country F1 over records.

    Countries are those of the primary event's actors (organisations by their root, IGO/NGO/...);
    a bare agent without a country ("troops") names no country and is not counted.
    """
    records = read_jsonl("plover_gsr.jsonl")
    right, countries = 0, []
    for record in records:
        events = primary(coder.code_sentence(record["text"], None))
        want = record["expected_events"][0]
        got_type = events[0].plover if events else None
        right += got_type is not None and PLOVER_VERSIONS.get(want["plover"], want["plover"]) == got_type
        expected = {GSR_CODES.get(c[:3], c[:3]) for c in want["source"] + want["target"] if c}
        predicted = {c for e in events for c in (_actor_root(e.source, e.source_country),
                                                  _actor_root(e.target, e.target_country)) if c}
        countries.append((predicted, expected))
    return {"records": len(records), "plover_acc": right / len(records),
            "actor_country_f1": prf(*set_counts(countries))[2]}


# Synthetic headlines have slots; each record fills them with the next of these real places in turn.
HEADLINE_PLACES = [("Iran", "Russia", "Turkey", "Tabriz"), ("France", "Germany", "Italy", "Lyon"),
                   ("India", "Pakistan", "China", "Lahore"), ("Brazil", "Argentina", "Chile", "Recife")]


def score_synthetic_headlines(coder) -> dict:
    """PLOVER synthetic headlines (reference/plover, NGEC): PLOVER type of the most confident event.

    Not a gold set of real news but the one labelled set of headlines, most in Title Case;
    a headline with no event counts as wrong.
    """
    import csv

    with (REFERENCE / "plover" / "synthetic_headlines.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    right = coded = 0
    for i, row in enumerate(rows):
        first, second, third, city = HEADLINE_PLACES[i % len(HEADLINE_PLACES)]
        text = row["title"].format(country_1=first, country_2=second, country_3=third, city=city).strip()
        events = coder.code_sentence(text, "2024-01-01")
        top = max(events, key=lambda e: e.confidence) if events else None
        coded += top is not None
        right += top is not None and top.plover == PLOVER_VERSIONS.get(row["event"], row["event"])
    return {"records": len(rows), "plover_acc": right / len(rows), "coverage": coded / len(rows)}


def macro_f1(gold: list[int], predicted: list[int]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, predicted, average="macro", labels=sorted(set(gold))))


def conflibert_class(event) -> int:
    """The event's five-way class as the ConfliBERT annotators drew it: they put CAMEO 16 (reduce
    relations) in verbal conflict, where our penta_class, following the root ranges, has material."""
    return 3 if event.cameo.startswith("16") else event.penta_class


def score_conflibert(coder) -> dict:
    """ConfliBERT five-class: the rules' primary event class, and the learned classifier by 5-fold CV."""
    records = read_jsonl("conflibert_cameo_train.jsonl")
    gold = [r["pentaclass"] for r in records]
    rules = []
    for record in records:
        events = primary(coder.code_sentence(record["text"], None))
        rules.append(conflibert_class(events[0]) if events else -1)
    out = {"records": len(records), "penta_macro_f1_rules": macro_f1(gold, rules),
           "rules_coverage": sum(r >= 0 for r in rules) / len(rules)}
    try:
        from bilateral.coding.classifier import cross_validate
    except ImportError:
        return out
    out["penta_macro_f1"] = cross_validate([r["text"] for r in records], gold, coder=coder)
    return out


def score_ngec(coder) -> dict:
    """NGEC actor tests: country (and first sector) of the mention that heads the phrase."""
    records = [r for r in read_jsonl("ngec_actor_tests.jsonl")
               if r["method"] in {"agent_to_code", "short_text_to_agent", "search_nat"}]
    right_country = scored_country = right_sector = scored_sector = 0
    for record in records:
        text, expected = record["input"]["text"], record["expected"]
        doc = coder.nlp(text)
        mentions = coder.resolver.find(doc, date=iso(record["input"].get("query_date")))
        mention = _phrase_mention(doc, mentions)
        country = _country(mention)
        want_country = expected.get("country", expected.get("cc"))
        if want_country is not None:
            scored_country += 1
            right_country += country == want_country
        if "code_1" in expected:
            scored_sector += 1
            got_sector = mention.sector if mention and mention.sector else ""
            right_sector += expected["code_1"] in NGEC_SECTORS.get(got_sector, {got_sector})
    return {"records": len(records), "ngec_country_acc": right_country / scored_country,
            "ngec_sector_acc": right_sector / scored_sector}


def _phrase_mention(doc, mentions):
    """The mention on the phrase's root, else the most certain mention with a country."""
    if not mentions:
        return None
    root = next(iter(doc.sents)).root
    for mention in mentions:
        if mention.start <= root.i < mention.end:
            return mention
    return max(mentions, key=lambda m: (m.country is not None, m.certainty, m.end - m.start))


# NGEC's conventions for the same things: UN bodies are UNO, EU bodies EUR, Kosovo XKX (CAMEO: KSV).
NGEC_CODES = {"IGOUNO": "UNO", "IGOEUR": "EUR", "KSV": "XKX"}
# NGEC's sector names are the PLOVER agents file's: medical staff MED, journalists JRN. CAMEO writes
# health HLH and media MED, so the same three letters mean different things; the tests also use HLH
# once (for the WHO), so health is right under either name.
NGEC_SECTORS = {"HLH": {"HLH", "MED"}, "MED": {"JRN"}}
# Conventions where NGEC and the coder disagree on the facts coded, left as they are (so they score
# as misses): a capital alone is the bare country (CAMEO/PETRARCH; NGEC: government), a party's first
# sector block is GOV or OPP (CAMEO's GOVPTY/OPPPTY; NGEC: PTY), breakaway states are SEP (NGEC: PRE),
# protesters OPP (NGEC: CVL), and 'Congolese' is the DR Congo (Phoenix, newswire usage; NGEC: COG).


def _country(mention) -> str:
    """The country (or organisation root) of a mention in NGEC's conventions."""
    if mention is None:
        return ""
    for prefix, ngec in NGEC_CODES.items():
        if mention.code.startswith(prefix):
            return ngec
    if mention.code[:3] in {"IGO", "NGO", "NGM", "IMG", "MNC"}:
        return mention.code[:3]
    return mention.country or ""


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


COLUMNS = ("records", "coverage", "exact", "triple_p", "triple_r", "triple_f1", "root_f1", "dyad_f1", "penta_macro_f1",
           "penta_macro_f1_rules", "plover_acc", "actor_country_f1", "ngec_country_acc", "ngec_sector_acc")


def table(results: dict[str, dict]) -> str:
    """A Markdown table: one row per gold set, '' where a score does not apply."""
    lines = ["| gold set | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for name, scores in results.items():
        cells = [f"{scores[c]:.3f}" if isinstance(scores.get(c), float) else str(scores.get(c, "")) for c in COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def append_results(text: str) -> None:
    existing = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    RESULTS.write_text(existing.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


SCORERS = {
    "plover_gsr": lambda coder: score_plover_gsr(coder),
    "conflibert_cameo": lambda coder: score_conflibert(coder),
    "ngec_actor_tests": lambda coder: score_ngec(coder),
    "plover_synthetic_headlines": lambda coder: score_synthetic_headlines(coder),
    "petrarch_unittest": lambda coder: score_unit_suite("petrarch_unittest.jsonl", _validation_dictionary(
        REFERENCE / "petrarch-dictionaries", "PETR.Validate.actors.txt", "PETR.Validate.agents.txt")),
    "udpetrarch_validate_2_02": lambda coder: score_unit_suite("udpetrarch_validate_2_02.jsonl", _validation_dictionary(
        GOLD / "udpetrarch_validate_dictionaries", "PETR_Validate_actors_2_02.txt", "PETR_Validate_agents_2_02.txt")),
}


def _validation_dictionary(folder: Path, actors: str, agents: str):
    from petr_dictionary import read_validation_dictionary

    return read_validation_dictionary(folder / actors, folder / agents)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=sorted(SCORERS), default=list(SCORERS),
                        help="gold sets to score (default: all)")
    parser.add_argument("--dry-run", action="store_true", help="print only; do not append to RESULTS.md")
    options = parser.parse_args()
    if not GOLD.is_dir():
        print(f"{GOLD}: not found; put ../shared beside the repository", file=sys.stderr)
        return 1
    from bilateral.coding import Coder

    started = time.perf_counter()
    coder = Coder()
    results = {name: SCORERS[name](coder) for name in options.sets}
    body = table(results)
    print(body)
    if options.dry_run or len(options.sets) < len(SCORERS):  # development runs: print only
        return 0
    section = (f"## Event coder accuracy, {dt.date.today().isoformat()}, commit {commit()}\n\n"
               f"`benchmarks/accuracy.py`, {time.perf_counter() - started:.0f} s. PLOVER types are compared after "
               "mapping the GSR's draft names to the 2021 table's (DEMAND=REQUEST, DISAPPROVE/INVESTIGATE=ACCUSE, "
               "FIGHT=ASSAULT).\n\n" + body)
    append_results(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
