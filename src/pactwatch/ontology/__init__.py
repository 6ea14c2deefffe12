"""The PLOVER event ontology: types, trigger lexicon and modality cues, as data files."""

from pactwatch.ontology.lexicon import (
    PERSON_MARK,
    PLACE_MARK,
    ModalityCue,
    TriggerRule,
    load_modality_cues,
    load_sector_nouns,
    load_triggers,
)

__all__ = [
    "PERSON_MARK",
    "PLACE_MARK",
    "ModalityCue",
    "TriggerRule",
    "load_modality_cues",
    "load_sector_nouns",
    "load_triggers",
]
