"""Relationship dynamics of a country pair: series, turning points, phases and more.

Every function takes an open store connection (``Store.con``), an events DataFrame, or a
:class:`Dyad` built from one, and returns DataFrames or frozen result records whose
``to_dict()`` is plain JSON data. Claims carry the ids of the events behind them.
:func:`analyse` runs everything at once. ruptures and statsmodels are imported when a
method first needs them, so importing this package stays quick.
"""
from bilateral.dynamics.analysis import DyadAnalysis, analyse
from bilateral.dynamics.context import ContextActor, context, context_series
from bilateral.dynamics.dimensions import DIMENSIONS, code_dimension, dimension_series, dimension_shares, event_dimensions, key_events
from bilateral.dynamics.dyad import FREQUENCIES, dyad_events, dyad_table
from bilateral.dynamics.index import PRIOR_MASS, coop_index, index_of_goldstein, smoothed_index
from bilateral.dynamics.outlook import Outlook, outlook
from bilateral.dynamics.phases import LABELS, PHASE_SCALE, Phase, phase_label, phases
from bilateral.dynamics.reciprocity import Reciprocity, reciprocity
from bilateral.dynamics.results import EventRef
from bilateral.dynamics.series import SERIES_COLUMNS, combined, directed, dyad_series
from bilateral.dynamics.source import Dyad
from bilateral.dynamics.turning_points import TurningPoint, breakpoints, turning_points
from bilateral.dynamics.words_deeds import words_deeds

__all__ = [
    "DIMENSIONS", "FREQUENCIES", "LABELS", "PHASE_SCALE", "PRIOR_MASS", "SERIES_COLUMNS",
    "ContextActor", "Dyad", "DyadAnalysis", "EventRef", "Outlook", "Phase", "Reciprocity", "TurningPoint",
    "analyse", "breakpoints", "code_dimension", "combined", "context", "context_series", "coop_index",
    "dimension_series", "dimension_shares", "directed", "dyad_events", "dyad_series", "dyad_table",
    "event_dimensions", "index_of_goldstein", "key_events", "outlook", "phase_label", "phases",
    "reciprocity", "smoothed_index", "turning_points", "words_deeds",
]
