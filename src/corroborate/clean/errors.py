"""The error `clean` raises when a document yields no usable article."""

from __future__ import annotations


class CleanError(ValueError):
    """Nothing usable remained after cleaning (empty input, only boilerplate, undecodable bytes)."""
