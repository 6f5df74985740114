"""Alerts: events from dossier versions, filters, the log (no alert twice), signed webhook delivery with retries,
the JSON lines target and the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from corroborate.alerts import (
    SIGNATURE_HEADER,
    AlertHook,
    Deliverer,
    add_watch,
    alerts_of,
    pending,
    sign,
    story_events,
    verify,
    wants,
)
from corroborate.cli import app
from corroborate.model import (
    AlertWatch,
    ArticleRef,
    Consensus,
    Dossier,
    Entity,
    EventInfo,
    Fact,
    FactClaim,
    WhenInfo,
    WhereInfo,
)
from corroborate.pipeline import BatchOutcome, IngestReport
from corroborate.store import Store
from corroborate.store.codec import dumps
from corroborate.store.engine import write_tx

runner = CliRunner()


def _claim(value: int, article: str, source: str) -> FactClaim:
    return FactClaim(value=value, article=article, source=source, attributed_to=None, quote=f"{value} killed", lang="en")


def dossier(claims: list[FactClaim], langs: list[str] | None = None) -> Dossier:
    values = [c.value for c in claims]
    status = "single-source" if len(claims) == 1 else "conflicting" if len(set(values)) > 1 else "corroborated"
    refs = [ArticleRef(c.article, f"Quarry collapse near Dellmoor ({c.source})", c.source, "en", None, None) for c in claims]
    return Dossier(
        id="s1", title="Quarry collapse near Dellmoor", languages=langs or ["en"], articles=refs,
        event=EventInfo("accident", WhenInfo(None, None, None), [WhereInfo("Dellmoor", "XX", None, None)]),
        entities=[Entity("Ilse Brandvik", "person", ["Ilse Brandvik"], [refs[0].id])],
        facts=[Fact("killed", {}, status, Consensus(max(values, key=values.count), min(values), max(values)), claims)],
    )


def test_story_events() -> None:
    one = dossier([_claim(4, "a1", "alpha")])
    assert [e.event for e in story_events(None, one)] == ["new-story"]
    assert story_events(one, one) == []
    two = dossier([_claim(4, "a1", "alpha"), _claim(6, "a2", "beta")])
    events = {e.event: e for e in story_events(one, two)}
    assert set(events) == {"conflict", "new-source"}
    assert events["conflict"].detail["claimed"] == [4, 6] and events["new-source"].detail["source"] == "beta"
    three = dossier([_claim(4, "a1", "alpha"), _claim(6, "a2", "beta"), _claim(6, "a3", "gamma")], ["en", "sv"])
    events = {e.event: e for e in story_events(two, three)}
    assert set(events) == {"revised", "new-language", "new-source"}  # still conflicting: no new conflict
    assert events["revised"].detail["before"]["value"] == 4 and events["revised"].detail["value"] == 6
    assert events["new-language"].detail["lang"] == "sv"


def test_filters() -> None:
    story = dossier([_claim(4, "a1", "alpha")])
    watch = AlertWatch(id=1, events=["new-story"])
    assert wants(watch, story)
    assert wants(replace(watch, query="brandvik"), story)  # an entity name, any case
    assert wants(replace(watch, query="QUARRY"), story) and not wants(replace(watch, query="flood"), story)
    assert wants(replace(watch, lang="EN"), story) and not wants(replace(watch, lang="de"), story)
    assert wants(replace(watch, place="dellmoor"), story) and not wants(replace(watch, place="Dell"), story)
    assert wants(replace(watch, event_type="Accident"), story) and not wants(replace(watch, event_type="flood"), story)
    assert wants(replace(watch, min_killed=4), story) and not wants(replace(watch, min_killed=5), story)


def test_signature() -> None:
    body = b'{"event":"new-story"}'
    header = sign(body, "k3y")
    assert header.startswith("sha256=") and len(header) == 7 + 64
    assert verify(body, "k3y", header)
    assert not verify(body + b" ", "k3y", header) and not verify(body, "other", header) and not verify(body, "k3y", None)


def _raise(store: Store, hook: AlertHook, before: Dossier | None, after: Dossier) -> None:
    """Run the hook on a batch that turns `before` into `after` (the store holds `before`'s dossier)."""
    from corroborate.store.schema import dossiers, stories

    with write_tx(store.engine) as conn:
        conn.execute(stories.delete())
        if before is not None:
            conn.execute(stories.insert().values(id=before.id))
            conn.execute(dossiers.insert().values(story_id=before.id, json=dumps(before)))
        outcome = BatchOutcome([], [], IngestReport(), [after], [])
        hook.in_transaction(conn, outcome)
    hook.after_commit(outcome)


def test_hook_logs_once_and_webhook_retries(tmp_path: Path) -> None:
    calls: list[httpx.Request] = []
    answers = [503, 503, 503, 204, 204, 204]

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(answers[len(calls) - 1] if len(calls) <= len(answers) else 204)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    out = tmp_path / "alerts.jsonl"
    with Store(str(tmp_path / "a.db")) as store:
        watch = add_watch(store, AlertWatch(id=0, events=["new-story", "conflict"], query="dellmoor",
                                            webhook="http://hooks.invalid/x", secret="s3cret", jsonl=str(out)))
        add_watch(store, AlertWatch(id=0, events=["revised"]))  # nothing to do with these events
        hook = AlertHook(store, Deliverer(store, retries=2, backoff=0.01, sleep=lambda _: None, client=client))
        one = dossier([_claim(4, "a1", "alpha")])
        _raise(store, hook, None, one)
        assert len(calls) == 3  # three tries (2 retries), all 503: the alert stays pending
        assert [(a.webhook_state, a.webhook_attempts, a.jsonl_state) for a in alerts_of(store, watch.id)] == [
            ("pending", 1, "delivered")]
        _raise(store, hook, None, one)  # the same event again: not logged twice, the pending one delivered
        assert len(calls) == 4 and pending(store) == []
        two = dossier([_claim(4, "a1", "alpha"), _claim(6, "a2", "beta")])
        _raise(store, hook, one, two)
        assert len(calls) == 5
        logged = alerts_of(store, watch.id)
        assert [a.event for a in logged] == ["conflict", "new-story"] and hook.raised == 2
        for request in calls[3:]:
            assert verify(request.content, "s3cret", request.headers[SIGNATURE_HEADER])
            assert request.headers["X-Corroborate-Alert"] == json.loads(request.content)["id"]
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [line["event"] for line in lines] == ["new-story", "conflict"]
        assert lines[1]["summary"].startswith("Conflict on killed: sources say 4, 6")


def test_webhook_refused_is_not_retried_in_the_round(tmp_path: Path) -> None:
    calls: list[httpx.Request] = []
    client = httpx.Client(transport=httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(410)))
    with Store(str(tmp_path / "a.db")) as store:
        add_watch(store, AlertWatch(id=0, events=["new-story"], webhook="http://hooks.invalid/y"))
        hook = AlertHook(store, Deliverer(store, retries=3, sleep=lambda _: None, client=client))
        _raise(store, hook, None, dossier([_claim(2, "a1", "alpha")]))
        assert len(calls) == 1 and SIGNATURE_HEADER not in calls[0].headers  # no secret: unsigned
        assert len(pending(store)) == 1


def test_alerts_cli(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    added = runner.invoke(app, ["--db", db, "alerts", "add", "--query", "dellmoor", "--min-killed", "3", "--on",
                                "new-story,revised", "--webhook", "http://127.0.0.1:9/hook", "--secret", "x"])
    assert added.exit_code == 0 and "alert 1 saved" in added.output and "/feeds/alerts/1.atom" in added.output
    assert runner.invoke(app, ["--db", db, "alerts", "add", "--jsonl", "-"]).exit_code == 0
    listed = runner.invoke(app, ["--db", db, "alerts", "list", "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [r["id"] for r in rows] == [1, 2] and rows[0]["events"] == ["new-story", "revised"]
    assert rows[0]["signed"] is True and "secret" not in rows[0] and rows[1]["events"] == ["new-story", "conflict", "revised"]
    bad = runner.invoke(app, ["--db", db, "alerts", "add", "--on", "new-story,earthquake"])
    assert bad.exit_code == 2 and "earthquake" in bad.output
    assert runner.invoke(app, ["--db", db, "alerts", "add", "--webhook", "ftp://x"]).exit_code == 2
    assert runner.invoke(app, ["--db", db, "alerts", "remove", "1"]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "alerts", "remove", "1"]).exit_code == 2
    assert runner.invoke(app, ["--db", db, "alerts", "log", "7"]).exit_code == 2
    assert "2  on new-story,conflict,revised  all stories" in runner.invoke(app, ["--db", db, "alerts", "list"]).output
    delivered = runner.invoke(app, ["--db", db, "alerts", "deliver"])
    assert delivered.exit_code == 0 and "0 delivered, 0 still pending" in delivered.output


@pytest.mark.parametrize("events", ["", ",", "conflict,,revised"])
def test_parse_events(events: str) -> None:
    from corroborate.alerts import parse_events

    if events == "conflict,,revised":
        assert parse_events(events) == ["conflict", "revised"]
    else:
        with pytest.raises(ValueError, match="choose from"):
            parse_events(events)


def test_atom_document_is_well_formed_whatever_the_titles() -> None:
    from datetime import UTC, datetime

    import feedparser
    from lxml import etree

    from corroborate.web.feeds import atom_feed

    hostile = "Bell\x07 & <script>alert(1)</script> \u201cquoted\u201d ]]>"
    data = atom_feed("urn:x:1", "T", "http://h/feeds/x.atom", "http://h/", [
        {"id": "urn:x:e1", "title": hostile, "updated": datetime(2031, 1, 2, tzinfo=UTC), "link": "http://h/s?a=1&b=2",
         "summary": hostile, "content": '{"a": "<b>"}'},
        {"id": "urn:x:e2", "title": "undated", "updated": None, "link": "http://h/t", "summary": ""}])
    root = etree.fromstring(data)
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.findtext(f"{atom}updated") == "2031-01-02T00:00:00+00:00"
    assert [e.findtext(f"{atom}title") for e in root.iter(f"{atom}entry")] == [hostile.replace("\x07", ""), "undated"]
    parsed = feedparser.parse(data)
    assert not parsed.bozo and parsed.entries[0].link == "http://h/s?a=1&b=2"


def test_api_ingest_does_not_wait_for_a_slow_webhook(tmp_path: Path) -> None:
    """The webhook receiver holds its answer until the test lets it go: the ingest request has already
    answered by then, and the alert is delivered afterwards, in the background."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from fastapi.testclient import TestClient

    from corroborate.web import create_app

    release, received = threading.Event(), threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers["Content-Length"]))
            received.set()
            release.wait(30)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with Store(str(tmp_path / "w.db")) as store:
            add_watch(store, AlertWatch(id=0, events=["new-story"],
                                        webhook=f"http://127.0.0.1:{server.server_port}/hook"))
            app = create_app(store=store, ingest_token="t0ken")
            with TestClient(app) as client:
                article = {"id": "q1", "title": "Quarry collapse near Dellmoor",
                           "text": "Four workers were killed when a quarry wall collapsed near Dellmoor on Tuesday."}
                r = client.post("/api/articles", json=article, headers={"Authorization": "Bearer t0ken"})
                assert r.status_code == 200 and r.json()["ingested"] == 1
                assert received.wait(30)  # the receiver has the alert and still holds its answer
                assert [a.webhook_state for a in alerts_of(store, 1)] == ["pending"]
                release.set()
                app.state.alert_hook.wait(30)
                assert [a.webhook_state for a in alerts_of(store, 1)] == ["delivered"]
    finally:
        release.set()
        server.shutdown()
