"""Treaties read from ingested texts: write them once, read them back as model records.

The bundled knowledge base lives in ``kb/data`` and is never copied here; the
store holds only what the user ingested. A treaty's id is a hash of its
document's id, so ingesting the same text twice stores one treaty.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from pactwatch.model import Clause, Evidence, Membership, Provision, Treaty, hash_id
from pactwatch.store import schema
from pactwatch.store.db import Store

EXTRACTOR = "pactwatch-treaty"


def _insert(store: Store, table: Any) -> Any:
    dialect = postgresql if store.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def add_treaty(store: Store, treaty: Treaty) -> bool:
    """Store a treaty with its members and provisions; False if it was there already."""
    with store.writer() as conn:
        # RETURNING, not rowcount: psycopg reports -1 for an insert that may do nothing
        stmt = _insert(store, schema.treaties).values(_treaty_row(treaty)).returning(schema.treaties.c.id)
        inserted = conn.execute(stmt).first() is not None
        if not inserted:
            return False
        _write_members(store, conn, treaty)
        rows = [_provision_row(treaty.id, i, p) for i, p in enumerate(treaty.provisions)]
        if rows:
            conn.execute(_insert(store, schema.treaty_provisions), rows)
    return True


def _write_members(store: Store, conn: Connection, treaty: Treaty) -> None:
    spells = treaty.members or tuple(Membership(code, treaty.start) for code in treaty.parties)
    rows = [
        {"treaty_id": treaty.id, "code": m.code, "seq": i, "joined_on": m.joined, "left_on": m.left}
        for i, m in enumerate(spells)
    ]
    if rows:
        conn.execute(_insert(store, schema.treaty_members), rows)


def _treaty_row(t: Treaty) -> dict[str, Any]:
    return {
        "id": t.id,
        "doc_id": t.doc_id,
        "kb_id": t.kb_id,
        "title": t.title,
        "signed": t.signed,
        "place": t.place,
        "in_force": t.in_force,
        "ended": t.ended,
        "source": t.source,
        "clauses_json": json.dumps([c.to_json() for c in t.clauses], ensure_ascii=False),
        "extractor": EXTRACTOR,
        "stored_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _provision_row(treaty_id: str, seq: int, p: Provision) -> dict[str, Any]:
    ev = p.evidence
    return {
        "id": "tp-" + hash_id(treaty_id, seq, p.type, p.article, "|".join(p.conditions)),
        "treaty_id": treaty_id,
        "seq": seq,
        "type": p.type,
        "article": p.article,
        "conditions_json": json.dumps(list(p.conditions)),
        "strength_json": json.dumps(list(p.strength)),
        "obligor_json": json.dumps(list(p.obligor)),
        "beneficiary_json": json.dumps(list(p.beneficiary)),
        "ev_start": ev.start if ev else None,
        "ev_end": ev.end if ev else None,
        "ev_text": ev.text if ev else None,
    }


def stored_treaties(store: Store) -> list[Treaty]:
    """Every treaty in the store, with its members and provisions, oldest signature first."""
    t, m, p = schema.treaties, schema.treaty_members, schema.treaty_provisions
    with store.engine.connect() as conn:
        rows = conn.execute(select(t).order_by(t.c.signed, t.c.id)).mappings().all()
        members = conn.execute(select(m).order_by(m.c.treaty_id, m.c.seq)).mappings().all()
        provisions = conn.execute(select(p).order_by(p.c.treaty_id, p.c.seq)).mappings().all()
    spells: dict[str, list[Membership]] = defaultdict(list)
    for r in members:
        spells[r["treaty_id"]].append(Membership(r["code"], r["joined_on"], r["left_on"]))
    coded: dict[str, list[Provision]] = defaultdict(list)
    for r in provisions:
        coded[r["treaty_id"]].append(_provision_from_row(r))
    return [_treaty_from_row(r, spells[r["id"]], coded[r["id"]]) for r in rows]


def treaty_count(store: Store) -> int:
    """How many treaties the store holds."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.treaties)).scalar_one())


def _provision_from_row(r: Any) -> Provision:
    evidence = Evidence(r["ev_text"], r["ev_start"], r["ev_end"]) if r["ev_text"] is not None else None
    return Provision(
        type=r["type"],
        article=r["article"],
        conditions=tuple(json.loads(r["conditions_json"])),
        strength=tuple(json.loads(r["strength_json"])),
        obligor=tuple(json.loads(r["obligor_json"])),
        beneficiary=tuple(json.loads(r["beneficiary_json"])),
        evidence=evidence,
    )


def _clause_from_json(data: dict[str, Any]) -> Clause:
    ev = data.get("evidence")
    evidence = Evidence(ev["text"], ev["start"], ev["end"]) if ev else None
    return Clause(data["kind"], data.get("article"), data.get("value"), evidence)


def _treaty_from_row(r: Any, spells: list[Membership], provisions: list[Provision]) -> Treaty:
    return Treaty(
        id=r["id"],
        title=r["title"],
        parties=tuple(dict.fromkeys(m.code for m in spells)),
        signed=r["signed"],
        place=r["place"],
        in_force=r["in_force"],
        ended=r["ended"],
        doc_id=r["doc_id"],
        kb_id=r["kb_id"],
        source=r["source"],
        members=tuple(spells),
        provisions=tuple(provisions),
        clauses=tuple(_clause_from_json(c) for c in json.loads(r["clauses_json"])),
    )
