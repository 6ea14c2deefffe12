"""The treaty knowledge base: well-formed rows, known codes and areas, agreement with ATOP."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pactwatch.analyse.treaties import in_force_on, members_on
from pactwatch.kb import load_actor_entries, load_areas, load_treaties
from pactwatch.model import PROVISION_TYPES

ATOP_FLAGS = {
    "defense": "defense",
    "offense": "offense",
    "neutrality": "neutral",
    "nonaggression": "nonagg",
    "consultation": "consul",
}
STATE_CODES = {e.code for e in load_actor_entries() if e.kind == "state"}


def test_at_least_thirty_treaties_each_citing_a_source() -> None:
    treaties = load_treaties()
    assert len(treaties) >= 30
    for treaty in treaties:
        assert treaty.source, treaty.id
        assert treaty.signed, treaty.id
        assert all(m.source for m in treaty.members), treaty.id
        assert all(p.source for p in treaty.provisions), treaty.id


def test_rows_use_known_codes_types_and_areas() -> None:
    areas = load_areas()
    for treaty in load_treaties():
        assert {m.code for m in treaty.members} <= STATE_CODES, treaty.id
        for p in treaty.provisions:
            assert p.type in PROVISION_TYPES
            assert set(p.obligor) <= set(treaty.parties) and set(p.beneficiary) <= set(treaty.parties)
            for condition in p.conditions:
                if condition.startswith("location:"):
                    assert areas.regions_of_area(condition.split(":", 1)[1]) is not None, (treaty.id, condition)
    assert set(areas.regions) <= STATE_CODES


def test_member_spells_follow_accession_and_exit() -> None:
    nato = next(t for t in load_treaties() if t.id == "nato-1949")
    assert "FIN" not in members_on(nato, "2023-04-03") and "FIN" in members_on(nato, "2023-04-04")
    assert "SWE" in members_on(nato, "2025-01-01")
    old = next(t for t in load_treaties() if t.id == "rus-prk-2000")
    assert in_force_on(old, "2020-01-01") and not in_force_on(old, "2024-12-04")


def _atop_rows(shared: Path) -> dict[str, dict[str, str]]:
    path = shared / "refdata" / "atop4_01" / "atop-alliance-level.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["atopid"]: row for row in csv.DictReader(handle)}


def test_provision_types_agree_with_atop(shared: Path) -> None:
    atop = _atop_rows(shared)
    agree = total = 0
    misses: list[str] = []
    for treaty in load_treaties():
        if not treaty.atopid:
            continue
        row = atop[treaty.atopid]
        coded = {p.type for p in treaty.provisions}
        for kind, flag in ATOP_FLAGS.items():
            total += 1
            if (kind in coded) == (row[flag] == "1"):
                agree += 1
            else:
                misses.append(f"{treaty.id}:{kind}")
    share = agree / total
    print(f"ATOP agreement: {agree}/{total} treaty x type cells = {share:.1%}; differences: {misses}")
    assert total >= 30 * len(ATOP_FLAGS)
    assert share >= 0.95
