"""`corroborate watch`: poll RSS/Atom feeds and XML sitemaps, ingest what is new (see README "Watching feeds")."""

from corroborate.watch.sources import DEFAULT_INTERVAL, Source, SourcesError, parse_interval, read_sources
from corroborate.watch.urls import url_key
from corroborate.watch.watcher import CycleReport, WatchConfig, Watcher, WatchHook

__all__ = [
    "DEFAULT_INTERVAL", "CycleReport", "Source", "SourcesError", "WatchConfig", "WatchHook", "Watcher",
    "parse_interval", "read_sources", "url_key",
]
