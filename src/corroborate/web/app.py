"""The FastAPI application: JSON API, HTML pages, local static assets and security headers."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import api, feeds, pages
from .cache import WebCache

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI sets style attributes from its bundle; scripts stay 'self' only.
DOCS_CSP = PAGE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
DEFAULT_THREADS = 4  # threads for the listing endpoints; more only interleave CPU-bound work under the GIL
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds the security headers to every response, and `Server-Timing: app;dur=<ms>` (the time from the
    parsed request to the response headers). Plain ASGI: no extra task or body copy per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._page = _encode({**SECURITY_HEADERS, "Content-Security-Policy": PAGE_CSP})
        self._docs = _encode({**SECURITY_HEADERS, "Content-Security-Policy": DOCS_CSP})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self._docs if scope["path"] == "/docs" else self._page
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in extra if name not in present)
                took = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={took:.1f}".encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


def create_app(
    db: str | None = None, ingest_token: str | None = None, *, store: Any = None, threads: int | None = None,
    watch: list[Any] | None = None,
) -> FastAPI:
    """The web app over the database `db` (path or URL; None = $CORROBORATE_DB or ./corroborate.db).

    `ingest_token` enables POST /api/articles for clients sending `Authorization: Bearer <token>`.
    `store` injects an already-open Store (tests); the app then leaves closing it to the caller.
    `threads` caps the worker threads that run requests (None: the server's default, 40).
    `watch` (a list of watch.Source) runs the feed watcher in a background thread while the app runs.
    """
    if threads is not None and threads < 1:
        raise ValueError(f"threads must be at least 1 (got {threads})")
    owned = store is None
    if store is None:
        from corroborate.store import Store

        store = Store(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if threads is not None:
            # Requests are CPU-bound under the GIL: a few threads serve them first-come first-served,
            # where dozens would interleave them all and make each one slow.
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        pages.warm_up()
        pages.warm_data(app.state.cache, store)
        watching = None
        if watch:
            from .watching import BackgroundWatch

            watching = BackgroundWatch(store, app.state.cache, watch)
            watching.start()
        yield
        if watching is not None:
            watching.stop()
        if owned:
            store.close()

    app = FastAPI(
        title="Corroborate",
        summary="News stories, the facts each source claims, where they agree and where they conflict.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.cache = WebCache(store)
    app.state.ingest_token = ingest_token or None
    # zlib's default level: Starlette's 9 took 2.3x the CPU for 1% smaller bodies (300 API and page
    # responses of a mean 13 KB: 0.36 against 0.16 ms each)
    app.add_middleware(GZipMiddleware, minimum_size=2000, compresslevel=6)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(feeds.router)  # /feeds/*.atom

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((STATIC / "docs.html").read_text(encoding="utf-8"))

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        detail = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "No such page."
        return pages.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "detail": detail}, status_code=exc.status_code
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()
        ]
        if _wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return pages.templates.TemplateResponse(
            request, "error.html", {"status": 422, "detail": detail}, status_code=422
        )

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def serve(
    db: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    ingest_token: str | None = None,
    threads: int | None = DEFAULT_THREADS,
    watch: list[Any] | None = None,
) -> None:
    """Run the app with uvicorn until interrupted. Binds loopback unless `host` says otherwise."""
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: the UI and API are reachable from other machines", host)
    uvicorn.run(create_app(db, ingest_token, threads=threads, watch=watch), host=host, port=port, log_level="info")
