"""pactwatch: an evidence-linked, time-aware graph of military alliances from text."""

__version__ = "0.1.0"
