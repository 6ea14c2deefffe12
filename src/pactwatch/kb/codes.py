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


@cache
def load_transnational_codes() -> frozenset[str]:
    """Codes of armed groups that belong to no one state (al-Qaeda ``AQ``, ``ISIL``);
    CAMEO-style gold codes them ``IMG`` (international militant group)."""
    return frozenset(
        r["code"].strip() for r in read_rows("organisations.csv") if r["kind"] == "transnational_armed_group"
    )
