"""Kept for imports of `corroborate.read.limits`: the limits live in `corroborate.limits`."""

from corroborate.limits import MAX_DOCUMENT_BYTES, format_size, read_limited, too_big

__all__ = ["MAX_DOCUMENT_BYTES", "format_size", "read_limited", "too_big"]
