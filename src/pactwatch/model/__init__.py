"""The centre of pactwatch: frozen records that every layer passes around.

Standard library only. Every fact carries its provenance as offsets into the
text of the document it came from, never as a copy cut loose from its source.
"""

from pactwatch.model.records import (
    EVENT_TYPES,
    MODALITIES,
    PRECISIONS,
    PROVISION_TYPES,
    SECTORS,
    Actor,
    Clause,
    Document,
    Event,
    Evidence,
    Membership,
    Mention,
    Provenance,
    Provision,
    Relation,
    Treaty,
    content_hash,
    hash_id,
)

__all__ = [
    "EVENT_TYPES",
    "MODALITIES",
    "PRECISIONS",
    "PROVISION_TYPES",
    "SECTORS",
    "Actor",
    "Clause",
    "Document",
    "Event",
    "Evidence",
    "Membership",
    "Mention",
    "Provenance",
    "Provision",
    "Relation",
    "Treaty",
    "content_hash",
    "hash_id",
]
