"""Places, communities and domestic organisations in the actor knowledge base.

Places are coded by the state they lie in and communities by their home state
(sector CVL), as CAMEO/PLOVER coders do. Every alias must name one state only,
or the gazetteer would code the same word two ways.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from importlib import resources

import pytest

from pactwatch.extract import Extractor
from pactwatch.extract.gazetteer import Gazetteer, pick_entry
from pactwatch.kb import ActorEntry, load_actor_entries, load_weapons
from pactwatch.model import Document
from pactwatch.ontology.lexicon import load_sector_nouns

# Aliases that already named two codes before places and communities were added:
# people whose dated roles span two codes (a national leader who later headed an
# IGO, or a leader of a state and of its successor).
KNOWN_COLLISIONS = {
    "Anders Fogh Rasmussen",
    "Blix",  # IAEA head, then UNMOVIC (the UN)
    "Hans Blix",
    "Antonio Costa",
    "Antonio Guterres",
    "António Costa",
    "António Guterres",
    "Ban Ki Moon",
    "Ban Ki-moon",
    "Charles Michel",
    "Donald Tusk",
    "Eduard Shevardnadze",
    "Federica Mogherini",
    "Fogh Rasmussen",
    "Guterres",
    "Havel",
    "Jens Stoltenberg",
    "Kaja Kallas",
    "Kallas",
    "Kostunica",
    "Koštunica",
    "Kurt Waldheim",
    "Mark Rutte",
    "Milosevic",
    "Milošević",
    "Mogherini",
    "Rutte",
    "Shevardnadze",
    "Slobodan Milosevic",
    "Slobodan Milošević",
    "Stoltenberg",
    "Tusk",
    "Ursula von der Leyen",
    "Vaclav Havel",
    "Vojislav Kostunica",
    "Vojislav Koštunica",
    "Von der Leyen",
    "Václav Havel",
    "Waldheim",
    "von der Leyen",
}
# Kept although a KB person bears the name: Lagos (Ricardo Lagos) is far more often the city.
PERSON_NAME_PLACES = {"Lagos"}
# Kept although a weapon name contains it: the Voronezh radar is Russian, as the city is.
WEAPON_NAME_PLACES = {"Voronezh"}
PLACE_KINDS = {"city", "province", "region", "site"}
NEW_KINDS = {"place", "community"}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("pactwatch.kb").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _aliases(row: dict[str, str]) -> list[str]:
    return [row["name"], *(a for a in row["aliases"].split("|") if a)]


STATE_CODES = {row["code"] for row in _rows("countries.csv")}
PLACES = _rows("places.csv")
COMMUNITIES = _rows("communities.csv")
ORGS = _rows("organisations.csv")
NEW_ALIASES = {(a, r["code"]) for r in PLACES + COMMUNITIES for a in _aliases(r)}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def _entry(alias: str) -> ActorEntry:
    return next(e for e in load_actor_entries() if e.alias == alias)


def test_loaders_return_places_and_communities() -> None:
    assert len(PLACES) >= 400 and len(COMMUNITIES) >= 50
    assert _entry("Basra") == ActorEntry("Basra", "IRQ", None, "Basra", "place")
    assert _entry("Kharkov") == ActorEntry("Kharkov", "UKR", None, "Kharkiv", "place")
    assert _entry("Chechens") == ActorEntry("Chechens", "RUS", "CVL", "Chechens", "community")
    assert _entry("Uighurs") == ActorEntry("Uighurs", "CHN", "CVL", "Uyghurs", "community")


def test_new_organisations_are_loaded() -> None:
    assert _entry("LTTE") == ActorEntry("LTTE", "LKA", "REB", "Liberation Tigers of Tamil Eelam", "armed_group")
    assert _entry("RSF").code == "SDN"
    assert _entry("KLA").code == "XKX"
    assert _entry("UNITA").code == "AGO"


@pytest.mark.parametrize(
    ("text", "alias", "code", "sector"),
    [
        ("Militias shelled Basra overnight.", "Basra", "IRQ", None),
        ("Chechens rallied in Grozny.", "Chechens", "RUS", "CVL"),
        ("Police met Bosnian Serbs near Srebrenica.", "Bosnian Serbs", "BIH", "CVL"),
        ("Talks on Nagorno-Karabakh resumed.", "Nagorno-Karabakh", "AZE", None),
    ],
)
def test_gazetteer_resolves_places_and_communities(
    gazetteer: Gazetteer, text: str, alias: str, code: str, sector: str | None
) -> None:
    hit = next(h for h in gazetteer.actor_hits(text) if h.text == alias)
    entry = pick_entry(hit, "2024-01-01")
    assert entry is not None and (entry.code, entry.sector) == (code, sector)


def test_place_is_coded_by_its_state_in_events(extractor: Extractor) -> None:
    doc = Document(id="p", text="Russian forces shelled Kharkiv on Monday.", published="2024-05-06")
    events = extractor.extract(doc).events
    assert any(e.type == "ASSAULT" and [a.code for a in e.target] == ["UKR"] for e in events)


def test_community_is_a_civilian_target_in_events(extractor: Extractor) -> None:
    doc = Document(id="c", text="Chinese police detained Uyghurs in Xinjiang.", published="2024-05-06")
    events = extractor.extract(doc).events
    assert any(e.type == "COERCE" and [(a.code, a.sector) for a in e.target] == [("CHN", "CVL")] for e in events)


def test_every_alias_names_one_code_across_the_kb() -> None:
    codes: dict[str, set[str]] = defaultdict(set)
    for entry in load_actor_entries():
        codes[entry.alias].add(entry.code)
    unexpected = sorted(a for a, c in codes.items() if len(c) > 1 and a not in KNOWN_COLLISIONS)
    assert unexpected == []


def test_new_aliases_do_not_repeat_older_ones() -> None:
    """A capital or state alias must not come back as a place (Kabul is already Afghanistan's)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for entry in load_actor_entries():
        kinds[entry.alias].add(entry.kind)
    assert sorted(a for a, _ in NEW_ALIASES if kinds[a] - NEW_KINDS) == []


def test_each_new_alias_matches_whole_and_as_its_own_code(gazetteer: Gazetteer) -> None:
    """Through the real matcher: no longer alias swallows it, no demonym plural shadows it."""
    wrong = []
    for alias, code in sorted(NEW_ALIASES):
        hits = gazetteer.actor_hits(alias)
        if len(hits) != 1 or hits[0].text != alias or {e.code for e in hits[0].entries} != {code}:
            wrong.append((alias, code, [(h.text, sorted({e.code for e in h.entries})) for h in hits]))
    assert wrong == []


def test_no_new_alias_is_a_known_persons_name() -> None:
    """A surname alias would steal a person's later short mentions ("Medina" after "Danilo Medina")."""
    parts: set[str] = set()
    for row in _rows("people.csv"):
        for name in _aliases(row):
            parts |= set(re.findall(r"[A-Z][\w'-]{2,}", name))
    clashes = sorted({a for a, _ in NEW_ALIASES if a in parts} - PERSON_NAME_PLACES)
    assert clashes == []


def test_no_new_alias_hides_inside_a_weapon_name() -> None:
    """A fighter named "Chengdu J-20" must not add China as an actor wherever it is named."""
    weapons = [w.alias for w in load_weapons()]
    inside = set()
    for alias, _ in NEW_ALIASES:
        word = re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)")
        inside |= {alias for w in weapons if word.search(w)}
    assert sorted(inside - WEAPON_NAME_PLACES) == []


@pytest.mark.parametrize(("name", "rows"), [("places.csv", PLACES), ("communities.csv", COMMUNITIES)])
def test_rows_cite_a_source_and_use_a_state_code(name: str, rows: list[dict[str, str]]) -> None:
    bad = [r["name"] for r in rows if not r["source"].startswith("https://") or r["code"] not in STATE_CODES]
    assert bad == [], name
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)), name


def test_place_kinds_are_known() -> None:
    assert {r["kind"] for r in PLACES} <= PLACE_KINDS


def test_organisation_rows_are_well_formed() -> None:
    sectors = set(load_sector_nouns().values())
    for row in ORGS:
        assert row["source"].startswith("https://"), row["name"]
        assert row["sector"] in sectors, row["name"]
        # NGOs (ICRC, HRW) and transnational armed groups (AQ, ISIL) keep their own code;
        # every other organisation belongs to a state.
        own = row["sector"] == "NGO" or row["kind"] == "transnational_armed_group"
        assert own or row["code"] in STATE_CODES, row["name"]
        assert row["kind"] != "transnational_armed_group" or row["code"] not in STATE_CODES, row["name"]
    names = [r["name"] for r in ORGS]
    assert len(names) == len(set(names))
