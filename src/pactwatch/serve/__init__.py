"""The web UI and JSON API (``pactwatch serve``): FastAPI over the same library calls as the CLI."""

from pactwatch.serve.app import create_app

__all__ = ["create_app"]
