"""Bundled knowledge as data: states, organisations, people with dated roles, weapons.

Each CSV row cites its public source. The loaders turn rows into records for
the extractor's gazetteer; nothing here matches text itself.
"""

from pactwatch.kb.actors import (
    ActorEntry,
    WeaponEntry,
    demo_corpus_path,
    load_actor_entries,
    load_waters,
    load_weapons,
)
from pactwatch.kb.codes import load_code_aliases, load_transnational_codes
from pactwatch.kb.treaties import Areas, load_areas, load_treaties, treaty_by_id

__all__ = [
    "ActorEntry",
    "Areas",
    "WeaponEntry",
    "demo_corpus_path",
    "load_actor_entries",
    "load_areas",
    "load_code_aliases",
    "load_transnational_codes",
    "load_treaties",
    "load_waters",
    "load_weapons",
    "treaty_by_id",
]
