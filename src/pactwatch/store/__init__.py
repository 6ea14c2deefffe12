"""The only package that speaks SQL: SQLite by default, PostgreSQL for teams."""

from pactwatch.store.db import EventFilter, Source, Store, StoredEvent, default_db_url, resolve_db_url

__all__ = ["EventFilter", "Source", "Store", "StoredEvent", "default_db_url", "resolve_db_url"]
