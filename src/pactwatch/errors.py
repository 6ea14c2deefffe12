"""The one base class for every error pactwatch reports to its user."""

from __future__ import annotations


class PactwatchError(Exception):
    """An error whose message names what went wrong and how to fix it."""


class InputError(PactwatchError):
    """An input file or record could not be read; the message names the file and the fix."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
