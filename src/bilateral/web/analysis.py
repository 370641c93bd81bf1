"""The dynamics engine's analysis of a pair, as JSON, computed once per store state and request."""
from __future__ import annotations

import logging

from fastapi import HTTPException, Request

from bilateral.web.deps import access, cached

log = logging.getLogger("bilateral.web")


def analysis_for(request: Request, a: str, b: str, start: str | None, end: str | None, freq: str) -> dict:
    """``bilateral.dynamics.analyse(...).to_dict()`` for the pair, cached until the store changes."""
    store = access(request)

    def compute() -> dict:
        analyse = _engine()
        with store.cursor() as con:
            try:
                result = analyse(con, a, b, start, end, freq)
            except ValueError as exc:  # the engine's way of saying the arguments cannot be analysed
                raise HTTPException(status_code=422, detail=f"cannot analyse {a}-{b}: {exc}") from exc
        return result.to_dict()

    return cached(request, ("analysis", a, b, start, end, freq), compute)


def _engine():
    try:
        from bilateral.dynamics import analyse
    except ImportError as exc:  # the engine ships with bilateral; a partial install lacks it
        log.error("the dynamics engine is not importable: %s", exc)
        raise HTTPException(status_code=501, detail="the dynamics engine (bilateral.dynamics.analyse) is not available") from exc
    return analyse
