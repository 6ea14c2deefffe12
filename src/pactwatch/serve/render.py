"""Rendering at the edge: the same view data as JSON or as a CSV download."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from fastapi.responses import JSONResponse, Response

Format = Literal["json", "csv"]
EVENT_COLUMNS = ("id", "date", "type", "mode", "source", "target", "modality", "weapons", "evidence", "sources")


def cell(value: Any) -> str:
    """One CSV cell: actors by code, lists joined by ``;``, anything nested as JSON."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(_item(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text")) if "text" in value else json.dumps(value, ensure_ascii=False)
    return str(value)


def _item(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("code") or value.get("id") or value.get("text") or json.dumps(value, ensure_ascii=False))
    return str(value)


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """The rows as CSV with a header; only ``columns`` are written."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_guard(cell(row.get(c))) for c in columns])
    return out.getvalue()


def _guard(text: str) -> str:
    """Neutralise spreadsheet formulas: article text is hostile input."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(text: str, name: str) -> Response:
    """A CSV download."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


def table(data: Any, rows: list[dict[str, Any]], columns: Sequence[str], fmt: Format, name: str) -> Response:
    """``data`` as JSON, or ``rows`` as CSV."""
    if fmt == "csv":
        return csv_response(csv_text(rows, columns), name)
    return JSONResponse(data)


def columns_of(rows: list[dict[str, Any]]) -> list[str]:
    """Every key of the rows, in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)
