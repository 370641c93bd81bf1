"""Relationship dynamics of a country pair: series, turning points, phases and more."""
from bilateral.dynamics.dyad import FREQUENCIES, dyad_events, dyad_table

__all__ = ["FREQUENCIES", "dyad_events", "dyad_table"]
