"""Bundled knowledge as data: states, organisations, people with dated roles, weapons.

Each CSV row cites its public source. The loaders turn rows into records for
the extractor's gazetteer; nothing here matches text itself.
"""

from pactwatch.kb.actors import (
    ActorEntry,
    WeaponEntry,
    demo_corpus_path,
    load_actor_entries,
    load_weapons,
)

__all__ = [
    "ActorEntry",
    "WeaponEntry",
    "demo_corpus_path",
    "load_actor_entries",
    "load_weapons",
]
