"""One store conformance suite, run over every backend (SQLite and PostgreSQL) alike.

Each test takes ``any_store`` / ``any_db`` (tests/conftest.py), parametrised over a
SQLite file and a fresh PostgreSQL database; in CI both must pass.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import text

from pactwatch.model import Actor, Document, Event, Evidence, Membership, Mention, Provision, Treaty
from pactwatch.store import EventFilter, Store
from pactwatch.store.bulk import add_documents
from pactwatch.store.clusters import merged_events
from pactwatch.store.migrations import MIGRATIONS
from pactwatch.store.treaties import add_treaty, stored_treaties


def _doc(i: int) -> Document:
    return Document(id=f"d-{i}", text=f"China sent launcher trucks to North Korea in 2011 (report {i}).",
                    url=f"https://example.org/{i}", published="2013-06-26")  # fmt: skip


def _event(doc: Document, etype: str = "AID", source: str = "CHN", date: str = "2011") -> Event:
    return Event(
        doc_id=doc.id,
        type=etype,
        mode="military",
        source=(Actor(source, source, "GOV", source),),
        target=(Actor("North Korea", "PRK", None, "North Korea"),),
        evidence=Evidence(doc.text, 0, len(doc.text)),
        date=date,
        date_precision="year",
        weapons=("transporter erector launcher",),
    )


def test_migrations_are_recorded_once(any_db: str) -> None:
    Store.open(any_db).close()
    store = Store.open(any_db)
    with store.engine.connect() as conn:
        versions = sorted(r[0] for r in conn.execute(text("SELECT version FROM schema_migrations")))
    store.close()
    assert versions == [m.version for m in MIGRATIONS]


def test_document_round_trips_and_is_idempotent(any_store: Store) -> None:
    doc = _doc(1)
    mention = Mention(doc.id, 0, 5, "China", "state", "CHN", None, "China")
    assert any_store.add_document(doc, [_event(doc)], [mention]) is True
    assert any_store.add_document(doc, [_event(doc), _event(doc, "AGREE")], [mention]) is False
    assert any_store.has_document(Document(id="other", text=doc.text))
    stored = any_store.events()
    assert [s.event for s in stored] == [_event(doc)]
    assert stored[0].to_json()["sources"][0]["url"] == doc.url
    assert any_store.counts() == {"documents": 1, "events": 1, "mentions": 1}
    assert any_store.documents() == [doc]


def test_event_filters(any_store: Store) -> None:
    docs = [_doc(i) for i in range(3)]
    any_store.add_document(docs[0], [_event(docs[0], "AID", "CHN", "2011")])
    any_store.add_document(docs[1], [_event(docs[1], "SANCTION", "USA", "2017-09")])
    any_store.add_document(docs[2], [_event(docs[2], "AID", "RUS", "2024-06-19")])

    def types(**kw: str) -> list[str]:
        return [s.event.type + ":" + s.event.source[0].code for s in any_store.events(EventFilter(**kw))]  # type: ignore[operator]

    assert types(actor="prk") == ["AID:CHN", "SANCTION:USA", "AID:RUS"]
    assert types(actor="USA") == ["SANCTION:USA"]
    assert types(type="aid") == ["AID:CHN", "AID:RUS"]
    assert types(since="2017", until="2024") == ["SANCTION:USA"]


def test_bulk_writes_skip_stored_documents(any_store: Store) -> None:
    docs = [_doc(i) for i in range(5)]
    assert add_documents(any_store, [(d, [_event(d)]) for d in docs[:3]]) == [True] * 3
    flags = add_documents(any_store, [(d, [_event(d)]) for d in docs])
    assert flags == [False, False, False, True, True]
    assert any_store.counts()["events"] == 5


def test_treaties_round_trip(any_store: Store) -> None:
    treaty = Treaty(
        id="tr-1", title="Treaty on Comprehensive Strategic Partnership", parties=("RUS", "PRK"), signed="2024-06-19",
        provisions=(Provision("defense", "4", ("armed attack",)),),
        members=(Membership("RUS", "2024-12-04"), Membership("PRK", "2024-12-04")),
    )  # fmt: skip
    assert add_treaty(any_store, treaty) is True
    assert add_treaty(any_store, treaty) is False
    (back,) = stored_treaties(any_store)
    assert back.parties == ("RUS", "PRK") or set(back.parties) == {"RUS", "PRK"}
    assert [p.type for p in back.provisions] == ["defense"]


def test_merged_events_read_on_every_backend(any_store: Store) -> None:
    doc = _doc(1)
    any_store.add_document(doc, [_event(doc)])
    assert [e.to_json()["type"] for e in merged_events(any_store)] == ["AID"]


def _writer(db: str, start: int) -> None:
    store = Store.open(db)
    for i in range(start, start + 30):
        doc = _doc(i)
        store.add_document(doc, [_event(doc)], [Mention(doc.id, 0, 5, "China", "state", "CHN", None, "China")])
    add_documents(store, [(_doc(i), [_event(_doc(i))]) for i in range(start, start + 40)])
    store.close()


def test_concurrent_writers_from_several_processes(any_db: str) -> None:
    Store.open(any_db).close()  # migrate once, as the first command on a new database does
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(any_db, start)) for start in (0, 10, 20, 30)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    store = Store.open(any_db)
    # writers overlap: documents 0..69, each stored once with its one event; a mention is kept
    # only when its document was first stored by add_document (not by a bulk write), so <= 60
    counts = store.counts()
    assert (counts["documents"], counts["events"]) == (70, 70)
    assert 30 <= counts["mentions"] <= 60
    assert sorted(int(s.event.doc_id[2:]) for s in store.events()) == list(range(70))
    store.close()


def test_sqlite_file_is_created_where_asked(tmp_path: Path) -> None:
    Store.open(str(tmp_path / "sub" / "x.db")).close()
    assert (tmp_path / "sub" / "x.db").exists()


def test_replace_extraction_keeps_the_document_and_imported_events(any_store: Store) -> None:
    from dataclasses import replace

    from pactwatch.analyse.merge import merge_store
    from pactwatch.store.clusters import merge_due

    doc = _doc(7)
    old = replace(_event(doc, "AGREE"), extractor="pactwatch-rules/0.0.1", id="")
    imported = replace(_event(doc, "AID", date="2012"), extractor="import:sipri", id="")
    mention = Mention(doc.id, 0, 5, "China", "state", "CHN", None, "China")
    assert any_store.add_document(doc, [old, imported], [mention])
    merge_store(any_store)
    new = replace(_event(doc, "AID"), trigger="sent", extractor="pactwatch-rules/9.9.9", id="")
    assert any_store.stored_id(Document(id="elsewhere", text=doc.text)) == doc.id
    assert any_store.replace_extraction(doc.id, [new], []) == 1
    kept = sorted((s.event.type, s.event.extractor) for s in any_store.events(EventFilter()))
    assert kept == [("AID", "import:sipri"), ("AID", "pactwatch-rules/9.9.9")]
    assert any_store.counts() == {"documents": 1, "events": 2, "mentions": 0}
    assert merge_due(any_store)  # the old clusters are gone: the next merge sees the new events
    assert merge_store(any_store).mentions == 2
    assert not merge_due(any_store)
    assert any_store.replace_extraction(doc.id, [new], []) == 1  # again: nothing doubles
    assert any_store.counts()["events"] == 2
