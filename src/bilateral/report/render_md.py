"""The report as Markdown, its charts as PNG files in a folder beside it (``report-IRN-RUS_files/``).

Text from the store is escaped for Markdown (HTML-significant characters become entities,
Markdown punctuation is backslash-escaped), so an event's sentence can neither inject
markup nor break a table.
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bilateral.report.charts import to_png
from bilateral.report.prose import CITATION, environment

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)([#+\->=]|\d+(?=[.)]))")


def md_escape(text: object) -> str:
    """Text safe to place in Markdown: entities for & < >, backslashes before Markdown punctuation, one line."""
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = re.sub(r"\s+", " ", _MD_SPECIAL.sub(r"\\\1", value))
    # not a heading, list or quote: "\#", "\-", "1\." (a backslash only escapes punctuation)
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2).isdigit() else "\\" + m.group(2)), value)


def md_cites(text: str) -> str:
    """Escape prose and turn its ``[n, m]`` markers into links to the evidence anchors."""
    def link(match) -> str:
        return "[" + ", ".join(f"[{n}](#ev-{n})" for n in match.group(1).split(", ")) + "]"

    parts, last = [], 0
    for match in CITATION.finditer(text):
        parts += [md_escape(text[last:match.start()]), link(match)]
        last = match.end()
    parts.append(md_escape(text[last:]))
    return "".join(parts).strip()


def files_dir(path: Path) -> Path:
    """The folder for a Markdown report's images: ``NAME_files`` beside ``NAME.md``."""
    return path.with_name(f"{path.stem}_files")


def write_charts(report: dict, folder: Path, workers: int = 2) -> dict[str, str]:
    """Render every chart to ``folder/<id>.png``; returns chart id -> path relative to the report."""
    charts = [block for section in report["sections"] for block in section["blocks"] if block["kind"] == "chart"]
    folder.mkdir(parents=True, exist_ok=True)

    def one(block: dict) -> str:
        (folder / f"{block['id']}.png").write_bytes(to_png(block["spec"]))
        return f"{folder.name}/{block['id']}.png"

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip((b["id"] for b in charts), pool.map(one, charts)))


def render_md(report: dict, images: dict[str, str]) -> str:
    """The report dict as Markdown; ``images`` maps chart ids to relative PNG paths."""
    env = environment()
    env.filters.setdefault("md", md_escape)
    env.filters.setdefault("md_cites", md_cites)
    return env.get_template("report.md.j2").render(report=report, images=images)


def write_md(report: dict, path: str | Path) -> Path:
    """Write ``path`` (.md) and its chart images in ``<stem>_files/`` beside it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    images = write_charts(report, files_dir(path))
    path.write_text(render_md(report, images), encoding="utf-8")
    return path
