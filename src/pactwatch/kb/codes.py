"""Code aliases (old ISO and CAMEO codes -> ours) and the set of IGO codes."""

from __future__ import annotations

from functools import cache

from pactwatch.kb.rows import read_rows


@cache
def load_code_aliases() -> tuple[dict[str, str], frozenset[str]]:
    """``(alias -> canonical code, IGO codes)`` from ``code_aliases.csv`` and ``igos.csv``."""
    aliases = {r["code"].strip().upper(): r["canonical"].strip() for r in read_rows("code_aliases.csv")}
    igos = frozenset(r["code"].strip() for r in read_rows("igos.csv"))
    return aliases, igos
