"""The web app factory: a read-only FastAPI app over one store, its pages and its JSON API.

Security is built in: only GET routes, parameters checked before any query, bound SQL
parameters, a strict Content-Security-Policy (no inline script, nothing from other
hosts), optional Host checking against DNS rebinding, and errors that never leak a
traceback (unexpected ones are logged and answered with a plain 500).
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from bilateral.errors import BilateralError, StoreBusyError, StoreError
from bilateral.web import api, pages
from bilateral.web.access import StoreAccess
from bilateral.web.deps import ResultCache

log = logging.getLogger("bilateral.web")
STATIC = Path(__file__).parent / "static"
RETRY_AFTER_SECONDS = 5
WORKER_THREADS = 8
# Pages load only the app's own script, styles and fetches; SVG charts are drawn in the page.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(db_path: str | Path, allowed_hosts: list[str] | None = None) -> FastAPI:
    """A FastAPI app serving the store at ``db_path`` read-only.

    Args:
        db_path: the DuckDB store; it must exist (StoreError otherwise).
        allowed_hosts: Host header values to accept (e.g. ``["127.0.0.1", "localhost"]``
            for a local server); None accepts any.
    """
    store = StoreAccess(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Few worker threads: DuckDB releases the GIL while it queries, and forty threads
        # fighting for the GIL on a small machine answer more slowly than eight.
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        yield
        store.close()

    app = FastAPI(
        title="bilateral",
        version=pages.VERSION,
        description="Read-only API over a bilateral event store: countries, pairs, series, analysis and evidence.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /openapi.json stays
        lifespan=lifespan,
    )
    app.state.access = store
    app.state.cache = ResultCache()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    return app


class SecurityHeaders:
    """ASGI middleware adding security headers (a route's own CSP is kept)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in _SECURITY_HEADERS:
                    if name not in present:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_SECURITY_HEADERS = [
    (b"content-security-policy", PAGE_CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json"


def _error(request: Request, status: int, message: str, headers: dict | None = None):
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return HTMLResponse(pages.error_page(request, status, message), status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors()]
        return _error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StoreBusyError)
    async def busy(request: Request, exc: StoreBusyError):
        message = "the store is being written by another bilateral process; retry in a few seconds"
        return _error(request, 503, message, {"Retry-After": str(RETRY_AFTER_SECONDS)})

    @app.exception_handler(StoreError)
    async def unavailable(request: Request, exc: StoreError):
        log.error("store unavailable: %s", exc)
        return _error(request, 503, "the event store cannot be opened; see the server log", {"Retry-After": str(RETRY_AFTER_SECONDS)})

    @app.exception_handler(BilateralError)
    async def refused(request: Request, exc: BilateralError):
        return _error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error; the server log has the details")
