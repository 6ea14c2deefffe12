"""Find known actors and weapons in text with one Aho-Corasick pass each.

Matches are case-sensitive, on word boundaries, longest first; an alias whose
role is not valid on the document's date (a leader out of office) is not
taken for his state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from pactwatch.kb import ActorEntry, WeaponEntry, load_actor_entries, load_waters, load_weapons


@dataclass(frozen=True)
class Hit:
    """A gazetteer match: the span and the entries that share the alias."""

    start: int
    end: int
    text: str
    entries: tuple[ActorEntry, ...] | tuple[WeaponEntry, ...]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _plural(alias: str) -> str | None:
    if alias.endswith(("s", "ese", "sh", "ch", "x", "z")) or not alias[-1:].isalpha():
        return None
    return alias + "s"


class _Automaton:
    def __init__(self, keyed: dict[str, list[object]]) -> None:
        self._auto = ahocorasick.Automaton()
        for alias, entries in keyed.items():
            self._auto.add_word(alias, (alias, tuple(entries)))
        if keyed:
            self._auto.make_automaton()
        self._empty = not keyed

    def hits(self, text: str) -> list[Hit]:
        if self._empty:
            return []
        found: list[Hit] = []
        for end_index, (alias, entries) in self._auto.iter(text):
            start, end = end_index - len(alias) + 1, end_index + 1
            if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(alias[0]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(alias[-1]):
                continue
            found.append(Hit(start, end, alias, entries))
        return _longest_first(found)


def _longest_first(hits: list[Hit]) -> list[Hit]:
    chosen: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if any(hit.start < e and s < hit.end for s, e in taken):
            continue
        chosen.append(hit)
        taken.append((hit.start, hit.end))
    return sorted(chosen, key=lambda h: h.start)


_FIRST_OF_PAIR = re.compile(r"\b([A-Z][a-z]+) and $")  # "North and " before "South Korea"
WATER = "water"  # the entry of a sea's name: no actor
SURNAME_MIN_LENGTH = 4  # "Kim", "Lee", "Un": too short to stand for one person
NEAR_MIN_LENGTH = 7  # shorter names are too close to each other ("Iran"/"Iraq") to forgive a slip


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_slip(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one inserted, dropped, changed or swapped letter, and the slip
    leaves every word's first letter alone ("Bouteflicka", "Ethopia"; not "Prussia"/"Russia"
    or "John Berry"/"John Kerry", which are other names)."""
    if a == b or abs(len(a) - len(b)) > 1 or len(a.split()) != len(b.split()):
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if i == 0 or a[i - 1] == " ":
        return False  # a word's first letter differs
    if len(a) == len(b):
        same = a[i + 1 :] == b[i + 1 :]
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        return same or swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


class _NearIndex:
    """Names reachable by one slip of spelling, found through their one-letter deletions."""

    def __init__(self, aliases: Iterable[str]) -> None:
        self._keys: dict[str, set[str]] = {}
        for alias in aliases:
            if len(alias) >= NEAR_MIN_LENGTH:
                for key in (alias, *_deletions(alias)):
                    self._keys.setdefault(key, set()).add(alias)

    def near(self, text: str) -> list[str]:
        if len(text) < NEAR_MIN_LENGTH:
            return []
        found: set[str] = set()
        for key in (text, *_deletions(text)):
            found |= self._keys.get(key, set())
        return sorted(a for a in found if _one_slip(text, a))


class Gazetteer:
    """Actor and weapon matchers built once from the knowledge base."""

    def __init__(
        self, actors: Iterable[ActorEntry], weapons: Iterable[WeaponEntry], waters: Iterable[str] = ()
    ) -> None:
        actor_keys: dict[str, list[object]] = {}
        for water in waters:  # matched so that a longer sea's name hides the state inside it
            actor_keys.setdefault(water, []).append(WATER)
        for entry in actors:
            actor_keys.setdefault(entry.alias, []).append(entry)
            plural = _plural(entry.alias) if entry.kind == "demonym" else None
            if plural:
                actor_keys.setdefault(plural, []).append(entry)
        weapon_keys: dict[str, list[object]] = {}
        for weapon in weapons:
            weapon_keys.setdefault(weapon.alias, []).append(weapon)
        self._actors = _Automaton(actor_keys)
        self._weapons = _Automaton(weapon_keys)
        self._actor_keys = actor_keys
        self._near: _NearIndex | None = None
        self._surnames: dict[str, list[ActorEntry]] | None = None

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the bundled knowledge base."""
        return cls(load_actor_entries(), load_weapons(), load_waters())

    def actor_hits(self, text: str) -> list[Hit]:
        """Every known actor alias in ``text``, with the first of two names that share their
        last words ("North and South Korea", "East and West Germany")."""
        hits = self._actors.hits(text)
        return sorted([*hits, *(h for hit in hits for h in self._shared_tail(text, hit))], key=lambda h: h.start)

    def _shared_tail(self, text: str, hit: Hit) -> list[Hit]:
        words = hit.text.split(" ")
        if len(words) < 2:
            return []
        before = _FIRST_OF_PAIR.search(text, max(0, hit.start - 40), hit.start)  # the words just before
        if before is None:
            return []
        whole = " ".join([before.group(1), *words[1:]])
        entries = [e for e in self._actor_keys.get(whole, []) if isinstance(e, ActorEntry)]
        return [Hit(before.start(1), before.end(1), before.group(1), tuple(entries))] if entries else []

    def near_entries(self, text: str) -> tuple[ActorEntry, ...]:
        """The entries of the one known name ``text`` misspells by a single letter
        ("Ethopia", "Abdelaziz Bouteflicka"); empty when none or several names are that close."""
        if self._near is None:  # built on first use: most documents spell every name right
            self._near = _NearIndex(self._actor_keys)
        names = self._near.near(text)
        entries = [e for name in names for e in self._actor_keys[name] if isinstance(e, ActorEntry)]
        return tuple(entries) if len({e.code for e in entries}) == 1 else ()

    def surname_entries(self, word: str, day: str | None) -> tuple[ActorEntry, ...]:
        """The entries of the one known person in office on ``day`` whose name ends in
        ``word`` ("Sharon" in 2002 is Ariel Sharon); empty when the date is unknown, or when
        nobody or several people then in office bear that name ("Kim", "Clinton" in 2010)."""
        if day is None or " " in word or len(word) < SURNAME_MIN_LENGTH or not word.istitle():
            return ()
        if self._surnames is None:  # built on first use
            self._surnames = _surname_index(self._actor_keys)
        bearers = [e for e in self._surnames.get(word, []) if e.valid_on(day)]
        return tuple(bearers) if len({e.name for e in bearers}) == 1 else ()

    def weapon_aliases(self, text: str) -> list[str]:
        """The weapon names as written in ``text``."""
        return [hit.text for hit in self._weapons.hits(text)]

    def weapon_names(self, text: str) -> list[str]:
        """Canonical names of the weapons named in ``text``, in order of first mention; a class
        ("drones") is left out when a system of that class is named ("Shahed-136 drones")."""
        found: list[WeaponEntry] = []
        for hit in self._weapons.hits(text):
            found.extend(e for e in hit.entries if isinstance(e, WeaponEntry))
        systems = {e.weapon_class for e in found if e.name != e.weapon_class}
        names: list[str] = []
        for entry in found:
            generic = entry.name == entry.weapon_class
            if entry.name not in names and not (generic and entry.weapon_class in systems):
                names.append(entry.name)
        return names


def _surname_index(keyed: dict[str, list[object]]) -> dict[str, list[ActorEntry]]:
    """Known office holders by the last word of their name."""
    index: dict[str, list[ActorEntry]] = {}
    # (government office holders only: a serving general's surname is no one's short name for him)
    people = [e for entries in keyed.values() for e in entries if isinstance(e, ActorEntry) and e.kind == "person"]
    people = [e for e in people if e.sector == "GOV"]
    for person in people:
        for last in _surnames_of(person.name):
            index.setdefault(last, []).append(person)
    return index


def _surnames_of(name: str) -> set[str]:
    """The last word of a person's name, and that word without an article ("al-Assad" -> "Assad")."""
    last = name.split(" ")[-1]
    return {last, re.sub(r"^(?:al|el|ad|as|ash|ar)-", "", last)}


def last_spell(hit: Hit, day: str | None) -> ActorEntry | None:
    """The spell of a person that ended last by ``day`` (a leader since ousted; a spell is
    half-open, so on its last day he is already out)."""
    ended = [
        e
        for e in hit.entries
        if isinstance(e, ActorEntry) and e.kind == "person" and day and e.valid_until and e.valid_until <= day
    ]
    return max(ended, key=lambda e: e.valid_until or "", default=None)


def pick_entry(hit: Hit, day: str | None) -> ActorEntry | None:
    """The entry of ``hit`` valid on ``day``; None when every spell lies outside it."""
    actors = [e for e in hit.entries if isinstance(e, ActorEntry)]
    valid = [e for e in actors if e.valid_on(day)]
    if valid:
        return valid[0]
    return None
