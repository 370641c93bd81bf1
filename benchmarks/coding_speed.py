"""Coding speed on the Reuters-21578 newswire: bilateral end to end against plain spaCy.

    .venv/bin/python benchmarks/coding_speed.py [--docs N] [--workers N] [--compare-docs N]

Five measurements in one run (``make bench-speed``):

1. end to end: the SGML stories (read in place from ../shared, never copied) through
   ``bilateral.pipeline.code_articles`` into a fresh store with the default worker processes:
   cleaning, splitting, pre-scan, parse, coding, one transaction per batch;
2. the baseline: the plain spaCy pipeline (every component, every sentence) over the same
   texts with the same number of processes, and in one process on a slice to give the per-core rate;
3. peak memory: the largest sum of resident set sizes over this process and its children,
   sampled every 0.1 s during each run;
4. the floor: bilateral's coder in one process on the baseline's slice, and how much of its
   CPU is the model's parse of the kept sentences (the rate no other saving can pass);
5. no events lost: a sample of Reuters stories and Guardian articles coded with the pre-scan
   and with every sentence parsed; the event rows must be identical.

Sentences per second count the sentences bilateral stores, for both runs (same texts, so the
same denominator). Results are printed and appended to benchmarks/RESULTS.md with the date,
the commit and the load average (other work on this machine slows every number).
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data" / "corpora"
REUTERS = SHARED / "reuters21578"
GUARDIAN = SHARED / "guardian-syria-articles-2017-2019.csv"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
TARGET_RATE, TARGET_RATIO, TARGET_MEMORY_MB = 3000, 3.0, 1536


class PeakMemory:
    """Samples the summed RSS of this process and all its descendants in a thread."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.peak_kb = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in _tree(os.getpid())))
            self._stop.wait(self.interval)


def _tree(root: int) -> list[int]:
    """The process and its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (workers, once shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def end_to_end(docs: int | None, workers: int, db: Path) -> dict:
    """Raw SGML to events in a fresh store, as `bilateral code` runs."""
    from bilateral.pipeline import code_articles
    from bilateral.scale.samples import reuters_articles

    start, cpu = time.perf_counter(), cpu_seconds()
    with PeakMemory() as memory:
        report = code_articles(reuters_articles(REUTERS, limit=docs), db, workers=workers)
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu,
            "peak_mb": memory.peak_mb, "documents": report.documents_stored, "sentences": report.sentences,
            "events": report.events_stored}


def baseline(texts: list[str], workers: int) -> dict:
    """The plain spaCy pipeline over every text, in ``workers`` spawned processes (1: here)."""
    batches = [texts[i:i + 64] for i in range(0, len(texts), 64)]
    start, cpu = time.perf_counter(), cpu_seconds()
    with PeakMemory() as memory:
        if workers == 1:
            _init_plain()
            sentences = sum(map(_parse_plain, batches))
        else:
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_plain) as pool:
                sentences = sum(pool.map(_parse_plain, batches))
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu, "peak_mb": memory.peak_mb,
            "parser_sentences": sentences}


_PLAIN = None


def _init_plain() -> None:
    global _PLAIN
    import spacy

    from bilateral.coding.nlp import MODEL_NAMES

    for name in MODEL_NAMES:
        try:
            _PLAIN = spacy.load(name)
            return
        except OSError:
            continue
    raise SystemExit("no English spaCy pipeline installed (make venv)")


def _parse_plain(texts: list[str]) -> int:
    return sum(len(list(doc.sents)) for doc in _PLAIN.pipe(texts, batch_size=64))


def compare(reuters_docs: int, guardian_docs: int) -> dict:
    """Events with the pre-scan against events with every sentence parsed, on the same articles."""
    from bilateral.coding import Coder
    from bilateral.pipeline import clean_article
    from bilateral.scale.samples import guardian_articles, reuters_articles
    from bilateral.scale.sentences import SentenceCoder

    raw = list(reuters_articles(REUTERS, limit=reuters_docs)) + list(guardian_articles(GUARDIAN, limit=guardian_docs))
    articles = [a for a in map(clean_article, raw) if a is not None]
    coder = Coder()
    scanning, everything = SentenceCoder(coder), SentenceCoder(coder, prescan=False)
    everything.code_batch(articles[:64])  # warm both (lemma and rule caches) before timing
    rows, cpu = [], []
    for sentence_coder in (scanning, everything):
        start = time.process_time()
        coded = [c for i in range(0, len(articles), 64) for c in sentence_coder.code_batch(articles[i:i + 64])]
        cpu.append(time.process_time() - start)
        rows.append([e.as_row() for c in coded for e in c.events])
    counts = scanning.prescan.counts
    return {"articles": len(articles), "sentences": counts.sentences, "kept": counts.kept,
            "events_scan": len(rows[0]), "events_all": len(rows[1]),
            "identical": rows[0] == rows[1], "cpu_scan": cpu[0], "cpu_all": cpu[1]}


def parse_share(articles: list) -> dict:
    """bilateral in one process on the baseline's slice, and the part of it that is the model's parse.

    The parse of the kept sentences is the floor of the design: even with every other stage
    free, the model's parse alone bounds the rate.
    """
    from bilateral.coding import Coder
    from bilateral.scale.sentences import SentenceCoder, SentenceCounts
    from threadpoolctl import threadpool_limits

    sentence_coder = SentenceCoder(Coder())
    threadpool_limits(1)  # as in the workers
    sentence_coder.code_batch(articles[:64])  # warm the caches
    parse, timed = sentence_coder._parse, [0.0]

    def timed_parse(sentences):
        start = time.process_time()
        try:
            return parse(sentences)
        finally:
            timed[0] += time.process_time() - start

    sentence_coder._parse = timed_parse
    sentence_coder.counts = SentenceCounts()  # count the timed batches only
    start = time.process_time()
    for i in range(0, len(articles), 64):
        sentence_coder.code_batch(articles[i:i + 64])
    counts = sentence_coder.counts
    return {"cpu": time.process_time() - start, "parse_cpu": timed[0], "sentences": counts.sentences,
            "parsed": counts.parsed}


def stored_sentences(db: Path, doc_ids: list[str]) -> int:
    """Sentences bilateral stored for these documents (the denominator of the sliced baseline)."""
    from bilateral.store import Store

    with Store(db, read_only=True) as store:
        return store.run("SELECT count(*) FROM sentences WHERE doc_id IN (SELECT unnest(?))", [doc_ids])[0][0]


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src/bilateral/scale", "src/bilateral/pipeline.py",
                            "src/bilateral/coding"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return done.stdout.strip() + (" (+ uncommitted changes)" if dirty else "")


def report(ours: dict, plain: dict, single: dict, single_docs: int, check: dict, workers: int, load: tuple,
           share: dict) -> str:
    rate = ours["sentences"] / ours["seconds"]
    plain_rate = ours["sentences"] / plain["seconds"]
    single_rate = single["sentences"] / single["seconds"]
    memory = max(ours["peak_mb"], plain["peak_mb"])
    verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    lines = [
        f"## coding_speed: {datetime.now():%Y-%m-%d %H:%M}, commit {commit()}",
        "",
        f"Reuters-21578 (../shared, read in place): {ours['documents']:,} stories, {ours['sentences']:,} sentences; "
        f"{workers} worker processes on {os.cpu_count()} cores; load average {load[0]:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end (other work on the machine slows every number).",
        "",
        "| run | wall s | sentences/s | CPU s | sentences per CPU s | peak RSS (tree) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        _row("bilateral end to end (SGML to store, pre-scan)", ours, ours["sentences"]),
        _row(f"plain spaCy, every sentence, {workers} processes", plain, ours["sentences"]),
        _row(f"plain spaCy, every sentence, 1 process ({single_docs:,} stories)", single, single["sentences"]),
        "",
        f"- events found: {ours['events']:,}",
        f"- speed: {rate:,.0f} sentences/s (target {TARGET_RATE:,}: {verdict(rate >= TARGET_RATE)})",
        f"- ratio to the baseline on the same {workers} processes: {rate / plain_rate:.2f}x in wall time, "
        f"{plain['cpu'] / ours['cpu']:.2f}x in CPU time; to one process: {rate / single_rate:.2f}x "
        f"(target {TARGET_RATIO:.0f}x on the same processes: {verdict(rate / plain_rate >= TARGET_RATIO)})",
        f"- one process, the same {single_docs:,} stories: bilateral's coder (split, pre-scan, parse, code; no reading "
        f"or store) {1000 * share['cpu'] / share['sentences']:.2f} ms CPU per sentence, plain spaCy {1000 * single['cpu'] / single['sentences']:.2f} ms; of bilateral's, the model's "
        f"parse of the {share['parsed'] / share['sentences']:.0%} of sentences kept is "
        f"{1000 * share['parse_cpu'] / share['sentences']:.2f} ms ({1000 * share['parse_cpu'] / share['parsed']:.2f} ms "
        f"per parsed sentence). Floor: with every other stage free, {workers} processes would code at most "
        f"{workers * share['sentences'] / share['parse_cpu']:,.0f} sentences/s",
        f"- peak memory: {memory:,.0f} MB (target < {TARGET_MEMORY_MB:,} MB: {verdict(memory < TARGET_MEMORY_MB)})",
        f"- pre-scan on {check['articles']} articles (Reuters + Guardian): kept {check['kept']:,} of "
        f"{check['sentences']:,} sentences ({check['kept'] / max(check['sentences'], 1):.0%}), "
        f"events {check['events_scan']:,} with the pre-scan, "
        f"{check['events_all']:,} parsing every sentence: {'identical' if check['identical'] else 'DIFFERENT'}; "
        f"coding CPU {check['cpu_scan']:.1f} s with the pre-scan, {check['cpu_all']:.1f} s parsing every sentence "
        f"({check['cpu_all'] / check['cpu_scan']:.2f}x, one process, same coder)",
    ]
    return "\n".join(lines)


def _row(name: str, run: dict, sentences: int) -> str:
    return (f"| {name} | {run['seconds']:.1f} | {sentences / run['seconds']:,.0f} | {run['cpu']:.1f} | "
            f"{sentences / run['cpu']:,.0f} | {run['peak_mb']:,.0f} MB |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="Reuters stories to code (default: all)")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--single-docs", type=int, default=1000, help="stories for the one-process baseline")
    parser.add_argument("--compare-docs", type=int, default=400, help="Reuters stories in the no-loss check")
    parser.add_argument("--guardian-docs", type=int, default=40, help="Guardian articles in the no-loss check")
    parser.add_argument("--no-save", action="store_true", help="print only; do not append to RESULTS.md")
    args = parser.parse_args()
    if not REUTERS.is_dir():
        print(f"skipped: {REUTERS} is not there (../shared beside the repository)", file=sys.stderr)
        return 0
    from bilateral.pipeline import clean_article
    from bilateral.scale.samples import reuters_articles
    from bilateral.scale.workers import default_workers

    workers = args.workers or default_workers()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        ours = end_to_end(args.docs, workers, db)
        print(f"end to end: {ours}", flush=True)
        articles = [a for a in map(clean_article, reuters_articles(REUTERS, limit=args.docs)) if a is not None]
        plain = baseline([a.text for a in articles], workers)
        print(f"baseline, {workers} processes: {plain}", flush=True)
        sliced = articles[:args.single_docs]
        single = baseline([a.text for a in sliced], 1)
        single["sentences"] = stored_sentences(db, [a.doc_id for a in sliced])
        print(f"baseline, 1 process: {single}", flush=True)
    share = parse_share(sliced)
    print(f"bilateral, 1 process: {share}", flush=True)
    check = compare(args.compare_docs, args.guardian_docs)
    print(f"no-loss check: {check}", flush=True)
    text = report(ours, plain, single, len(sliced), check, workers, load, share)
    print(text)
    if not args.no_save:
        if not RESULTS.exists():
            RESULTS.write_text("# Benchmark results\n\nEach benchmark appends a dated section with the git commit it ran on.\n")
        with RESULTS.open("a", encoding="utf-8") as fh:  # append: never rewrite others' sections
            fh.write("\n" + text + "\n")
    return 0 if check["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
