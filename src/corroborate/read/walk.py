"""Expand the paths a user names into the files to read, sorted, with include/exclude patterns.

Folders are walked recursively in name order. Hidden entries (".name") and obvious non-articles
(images, media, archives) inside folders are skipped; a path named explicitly is always read.
Unreadable paths (missing, permission denied, broken links, directory symlink loops) become
ReadErrors in the stream instead of exceptions.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from corroborate.model import ReadError
from corroborate.read.sniff import is_non_article, listed_for_folders


@dataclass(frozen=True)
class Found:
    """A file to read; `relative` is its path below the folder it was found in (its name if named)."""

    path: Path
    relative: str


def _matches(relative: str, name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch(relative, p) or fnmatch(name, p) for p in patterns)


def os_error(path: Path, exc: OSError) -> ReadError:
    if exc.errno == errno.ELOOP:
        return ReadError(str(path), "symbolic link loop (the link points, directly or not, at itself); "
                         "remove or fix the link")
    if isinstance(exc, PermissionError):
        return ReadError(str(path), "permission denied; make it readable (chmod) or leave it out")
    if isinstance(exc, FileNotFoundError):
        return ReadError(str(path), "no such file or directory; check the path")
    return ReadError(str(path), f"cannot be read ({exc.strerror or exc}); check the path")


def broken_link_error(path: Path) -> ReadError:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return ReadError(str(path), f"broken symbolic link (points to '{target}', which does not exist); "
                     "fix or remove the link")


def expand(paths: Sequence[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = (),
           report_skipped: bool = False) -> Iterator[Found | ReadError]:
    """Yield every file to read under `paths`, in order, and a ReadError for each unreadable path."""
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError as exc:
            if path.is_symlink() and isinstance(exc, FileNotFoundError):
                yield broken_link_error(path)
            else:
                yield os_error(path, exc)
            continue
        if os.path.isdir(path):
            yield from _walk(path, "", include, exclude, report_skipped, ((st.st_dev, st.st_ino),))
        else:
            yield Found(path, path.name)


def _walk(folder: Path, prefix: str, include: Sequence[str], exclude: Sequence[str], report_skipped: bool,
          ancestors: tuple[tuple[int, int], ...]) -> Iterator[Found | ReadError]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield os_error(folder, exc)
        return
    for entry in entries:
        path = Path(entry.path)
        relative = f"{prefix}{entry.name}"
        if entry.name.startswith("."):
            if report_skipped:
                yield ReadError(str(path), "skipped: hidden file or folder; name it explicitly to read it")
            continue
        if exclude and _matches(relative, entry.name, exclude):
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks
            st = entry.stat() if is_dir else None
        except OSError as exc:
            yield os_error(path, exc)
            continue
        if is_dir and st is not None:
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield ReadError(str(path), f"directory symlink loop (leads back to '{os.path.realpath(path)}');"
                                " skipped; remove the link or exclude it")
                continue
            yield from _walk(path, f"{relative}/", include, exclude, report_skipped, (*ancestors, key))
            continue
        if entry.is_symlink():
            try:
                os.stat(path)
            except FileNotFoundError:
                yield broken_link_error(path)
                continue
            except OSError as exc:
                yield os_error(path, exc)
                continue
        if include and not _matches(relative, entry.name, include):
            continue
        if is_non_article(path):
            if report_skipped:
                yield ReadError(str(path), f"skipped: '{path.suffix}' files are not articles")
            continue
        if not include and not listed_for_folders(path):
            if report_skipped:
                yield ReadError(str(path), f"skipped: '{path.suffix}' is not an article extension; "
                                "take such files with --include GLOB")
            continue
        yield Found(path, relative)
