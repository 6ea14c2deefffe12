"""Sources to documents, and documents through the extractor into the store."""

from pactwatch.ingest.readers import read_file, read_paths
from pactwatch.ingest.service import IngestReport, ingest_documents

__all__ = ["IngestReport", "ingest_documents", "read_file", "read_paths"]
