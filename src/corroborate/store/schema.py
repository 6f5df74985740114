"""Tables (SQLAlchemy Core), identical on SQLite and PostgreSQL, and the versioned migrations."""

from __future__ import annotations

import sqlalchemy as sa

from corroborate.store.coltypes import CleanText, UTCDateTime

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", CleanText, primary_key=True),
    sa.Column("content_hash", sa.String(128), unique=True),  # NULL when the cleaner gave none
    sa.Column("title", CleanText),
    sa.Column("url", CleanText),
    sa.Column("outlet", CleanText),
    sa.Column("authors", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("published", UTCDateTime),
    sa.Column("published_precision", sa.String(16)),
    sa.Column("lang", sa.String(16)),
    sa.Column("lang_confidence", sa.Float),
    sa.Column("text", CleanText, nullable=False),
    sa.Column("removed", sa.Text, nullable=False, default="[]"),  # JSON list of dropped boilerplate
    sa.Column("origin", CleanText, nullable=False, default=""),
    sa.Column("ingested_at", UTCDateTime, nullable=False),
    sa.Index("ix_articles_published", "published", "id"),
    sa.Index("ix_articles_outlet", "outlet"),
    sa.Index("ix_articles_lang", "lang"),
)

analyses = sa.Table(
    "analyses",
    metadata,
    sa.Column("article_id", CleanText, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("json", sa.Text, nullable=False),  # the Analysis without its embedding
    sa.Column("embedding", sa.LargeBinary),  # little-endian float64 vector (codec.pack_floats)
    sa.Column("analyzer_version", sa.String(32)),  # scale: ANALYZER_VERSION that made it; NULL = before v2
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", CleanText, primary_key=True),
    sa.Column("title", CleanText),
    sa.Column("first_published", UTCDateTime),
    sa.Column("last_published", UTCDateTime),
    sa.Column("related", sa.Text, nullable=False, default="[]"),  # JSON list of RelatedLink
    # summary columns, refreshed by write_batch from the assignments and the dossier
    sa.Column("n_articles", sa.Integer, nullable=False, default=0),
    sa.Column("n_sources", sa.Integer, nullable=False, default=0),
    sa.Column("languages", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("where_name", CleanText),
    sa.Column("event_type", sa.String(64)),
    sa.Column("has_conflict", sa.Boolean, nullable=False, default=False),
    # casefolded "\n"-separated lines for portable case-insensitive matching (SQLite's lower() is ASCII only)
    sa.Column("search_text", CleanText, nullable=False, default=""),
    sa.Column("places_text", CleanText, nullable=False, default=""),
    # million (schema v7): the outlets of the story's articles as "\n"-separated lines, exactly as stored
    sa.Column("outlets_text", CleanText, nullable=False, default="", server_default=""),
    sa.Column("updated_at", UTCDateTime),
    sa.Index("ix_stories_last_published", "last_published"),
    sa.Index("ix_stories_n_articles", "n_articles"),
)

story_articles = sa.Table(
    "story_articles",
    metadata,
    sa.Column("article_id", CleanText, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id"), nullable=False),
    sa.Column("score", sa.Float),
    sa.Index("ix_story_articles_story_id", "story_id"),
)

story_states = sa.Table(
    "story_states",
    metadata,
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("state", sa.LargeBinary, nullable=False),
)

dossiers = sa.Table(
    "dossiers",
    metadata,
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("json", sa.Text, nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("key", CleanText, primary_key=True),
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("name", CleanText, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("variants", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("article_ids", sa.Text, nullable=False, default="[]"),  # JSON list
    sa.Column("search_text", CleanText, nullable=False, default=""),
    # schema v9: the story's last_published, kept by writer.refresh_summaries, so that an entity's newest
    # stories are one index range (key, last_published) instead of a walk over every story by recency
    sa.Column("last_published", UTCDateTime),
    sa.Index("ix_entities_story_id", "story_id"),
)

# schema v9: each article's framing item of its story's dossier, with the article's outlet, written with the
# dossier: an outlet's page reads its own items instead of decoding the dossiers of its newest stories
framing = sa.Table(
    "framing",
    metadata,
    sa.Column("story_id", CleanText, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),  # the item's place in the dossier's framing list
    sa.Column("article_id", CleanText, nullable=False),
    sa.Column("outlet", CleanText),
    sa.Column("json", sa.Text, nullable=False),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("origin", CleanText, nullable=False),
    sa.Column("message", CleanText, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
)


# --------------------------------------------------------------------------- watch and alerts (schema v4)

watch_feeds = sa.Table(
    "watch_feeds",
    metadata,
    sa.Column("url", CleanText, primary_key=True),
    sa.Column("interval_s", sa.Float, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("etag", CleanText),
    sa.Column("last_modified", CleanText),
    sa.Column("next_poll", UTCDateTime),
    sa.Column("last_polled", UTCDateTime),
    sa.Column("errors", sa.Integer, nullable=False, default=0),  # consecutive failed polls (backoff)
    sa.Column("last_error", CleanText),
    sa.Column("title", CleanText),
)

watch_items = sa.Table(
    "watch_items",
    metadata,
    sa.Column("key", CleanText, primary_key=True),  # normalised URL, or "feed-url#entry-id" without a link
    sa.Column("feed_url", CleanText, nullable=False),
    sa.Column("url", CleanText),  # the page to fetch; NULL when the entry has no link
    sa.Column("entry", sa.Text, nullable=False, default="{}"),  # JSON: the feed entry's metadata and summary
    sa.Column("state", sa.String(16), nullable=False),  # pending | ingested | duplicate | failed
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_try", UTCDateTime),
    sa.Column("article_id", CleanText),
    sa.Column("message", CleanText),
    sa.Column("first_seen", UTCDateTime, nullable=False),
    sa.Column("done_at", UTCDateTime),
    sa.Index("ix_watch_items_state", "state", "next_try"),
)

alert_watches = sa.Table(
    "alert_watches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("query", CleanText),
    sa.Column("lang", sa.String(16)),
    sa.Column("place", CleanText),
    sa.Column("event_type", sa.String(64)),
    sa.Column("min_killed", sa.Integer),
    sa.Column("events", sa.Text, nullable=False),  # comma-separated event kinds
    sa.Column("webhook", CleanText),
    sa.Column("secret", CleanText),
    sa.Column("jsonl", CleanText),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

alert_log = sa.Table(
    "alert_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("uid", sa.String(64), nullable=False, unique=True),  # sha1 of watch id + event key
    sa.Column("watch_id", sa.Integer, sa.ForeignKey("alert_watches.id", ondelete="CASCADE"), nullable=False),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("story_id", CleanText, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),  # the JSON delivered
    sa.Column("webhook_state", sa.String(16), nullable=False),  # none | pending | delivered | failed
    sa.Column("webhook_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("jsonl_state", sa.String(16), nullable=False),  # none | pending | delivered
    sa.Index("ix_alert_log_watch", "watch_id", "id"),
)

WATCH_TABLES = (watch_feeds, watch_items, alert_watches, alert_log)

# former versions of articles: one row per version replaced by a re-ingest with new content, or deleted
article_history = sa.Table(
    "article_history",
    metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", CleanText, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),  # 1 = the first version stored
    sa.Column("content_hash", sa.String(128)),
    sa.Column("title", CleanText),
    sa.Column("url", CleanText),
    sa.Column("outlet", CleanText),
    sa.Column("published", UTCDateTime),
    sa.Column("lang", sa.String(16)),
    sa.Column("text", CleanText, nullable=False),
    sa.Column("story_id", CleanText),  # the story it was in
    sa.Column("ingested_at", UTCDateTime),
    sa.Column("replaced_at", UTCDateTime, nullable=False),
    sa.Column("reason", sa.String(16), nullable=False),  # "updated" | "deleted"
    sa.Index("ix_article_history_article_id", "article_id", "version"),
)

# other outlets that carried a stored article's text word for word (syndicated wire copies, schema v6): one
# row per carrying outlet; a copy is no article of its own (no analysis, no claims, one source with it)
article_carriers = sa.Table(
    "article_carriers",
    metadata,
    sa.Column("article_id", CleanText, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("carrier_key", CleanText, primary_key=True),  # the copy's URL, else its outlet name, else origin
    sa.Column("outlet", CleanText),
    sa.Column("url", CleanText),
    sa.Column("published", UTCDateTime),
    sa.Column("origin", CleanText, nullable=False, default=""),
    sa.Column("ingested_at", UTCDateTime, nullable=False),
)
