"""HTTP for the watcher: conditional GET, a minimum delay between two requests to one host, a size cap.

No retries here: the watcher backs off a failing feed or page across cycles (state in the database)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from corroborate.model import ReadError
from corroborate.read.fetch import USER_AGENT
from corroborate.read.limits import MAX_DOCUMENT_BYTES, too_big


@dataclass
class Fetched:
    status: int  # 200 or 304 (other statuses come back as ReadError)
    url: str  # after redirects
    content_type: str
    data: bytes
    etag: str | None
    last_modified: str | None
    fetched: datetime


class PoliteClient:
    """GETs with at least `host_delay` seconds between two requests to the same host (`sleep` and
    `monotonic` are injectable for tests)."""

    def __init__(self, client: httpx.Client | None = None, host_delay: float = 1.0, timeout: float = 20.0,
                 max_bytes: int = MAX_DOCUMENT_BYTES, sleep: Callable[[float], None] = time.sleep,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._own = client is None
        self.client = client or httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=True)
        self.host_delay = host_delay
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.monotonic = monotonic
        self._last: dict[str, float] = {}

    def close(self) -> None:
        if self._own:
            self.client.close()

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            pause = last + self.host_delay - self.monotonic()
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.monotonic()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched | ReadError:
        """The body (200) or an empty 304 when the validators still match; a ReadError naming the problem
        otherwise (`message` starts with 'HTTP <status>' for HTTP errors)."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for_host(url)
        try:
            with self.client.stream("GET", url, headers=headers, timeout=self.timeout, follow_redirects=True) as resp:
                if resp.status_code == 304:
                    return self._fetched(resp, b"", etag, last_modified)
                if resp.status_code >= 400:
                    return ReadError(url, f"HTTP {resp.status_code} {resp.reason_phrase}")
                return self._read(url, resp)
        except httpx.TimeoutException:
            return ReadError(url, f"timed out after {self.timeout:g} s")
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return ReadError(url, f"invalid URL ({exc})")
        except httpx.HTTPError as exc:
            return ReadError(url, f"connection failed ({exc.__class__.__name__}: {exc})")

    def _read(self, url: str, resp: httpx.Response) -> Fetched | ReadError:
        declared = resp.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return ReadError(url, too_big(int(declared), self.max_bytes, what="response"))
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                return ReadError(url, too_big(None, self.max_bytes, what="response"))
            chunks.append(chunk)
        return self._fetched(resp, b"".join(chunks), None, None)

    @staticmethod
    def _fetched(resp: httpx.Response, data: bytes, etag: str | None, modified: str | None) -> Fetched:
        headers: Mapping[str, str] = resp.headers
        return Fetched(resp.status_code, str(resp.url), headers.get("Content-Type", ""), data,
                       headers.get("ETag") or etag, headers.get("Last-Modified") or modified, datetime.now(UTC))
