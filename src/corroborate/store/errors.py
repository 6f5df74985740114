"""Errors the store raises on purpose (bad URLs, foreign files, inconsistent batches)."""


class StoreError(Exception):
    """A database could not be opened or a write was refused; the message says what to do."""
