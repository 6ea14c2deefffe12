"""Document -> events, mentions (and, later, treaty provisions). No database, no network."""

from pactwatch.extract.pipeline import EXTRACTOR, Extraction, Extractor, default_extractor, extract_batch

__all__ = ["EXTRACTOR", "Extraction", "Extractor", "default_extractor", "extract_batch"]
