"""The report's sections in reading order; each builder takes a ReportContext and returns a section dict.

Citation numbers are handed out in this order, so the evidence list follows the text.
"""
from __future__ import annotations

from bilateral.report.section_history import phases_section, summary, turning_points_section
from bilateral.report.section_place import geography_section
from bilateral.report.section_risks import outlook_section, tensions_section
from bilateral.report.section_themes import context_section, military_section, partnership_section

SECTIONS = (
    summary,
    phases_section,
    turning_points_section,
    partnership_section,
    military_section,
    context_section,
    geography_section,
    tensions_section,
    outlook_section,
)
SECTION_IDS = ("summary", "phases", "turning-points", "partnership", "military", "context", "geography", "tensions", "outlook")
