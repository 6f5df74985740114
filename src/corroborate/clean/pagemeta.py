"""Page metadata the clean stage uses (title, author, URL, date, site name), read by trafilatura's own
functions in the order `trafilatura.metadata.extract_metadata` applies them, without the parts nothing
here reads (categories, tags, licence, hostname), which cost about a fifth of the extraction time."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

# Parameters for htmldate: the original publication date, no extensive search.
DATE_PARAMS: dict[str, Any] = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}


def page_metadata(tree: Any, url: str | None) -> Any:
    """A trafilatura Document carrying title, author, url, date and sitename of the parsed page `tree`."""
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # trafilatura tolerates any failure of its JSON-LD reader the same way
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    metadata.date = find_date(tree, **{**DATE_PARAMS, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata
