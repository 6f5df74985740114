"""Web UI and JSON API: `create_app(db)` for an ASGI app, `serve(db)` to run it."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
