"""GDELT event exports (2.0: 61 tab-separated columns, no header; 1.0: 57 or 58) into PLOVER events.

Each line becomes a document ``gdelt:<GLOBALEVENTID>`` whose text renders the
line's non-empty fields, with SOURCEURL as its address, DATEADDED as its
publication date and one event:

- type and mode from the CAMEO EventCode through ``ontology/data/cameo_plover.csv``
  (the PLOVER 0.8 table; its quirks and our one deviation, 163 -> SANCTION, are
  documented there). CAMEO 01 (make public statement) and 02 (appeal) have no
  PLOVER type: those lines are reported, not guessed;
- Actor1 -> source, Actor2 -> target: the CAMEO country code through the
  crosswalk (ROM -> ROU, MTN -> MNE, TMP -> TLS), known groups that are IGOs to
  our IGO codes (NAT -> NATO, UNO -> UN ...), CAMEO regions (EUR, MEA ...) kept by
  name with no code, Type1/2/3 codes to PLOVER sectors;
- the date is SQLDATE (day precision); GDELT is machine-coded from news, so the
  event's modality is ``asserted`` and its confidence a flat 0.5.

A line with the wrong number of fields, an unknown CAMEO country code, no
actor at all or a bad date is reported with its line number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pactwatch.ingest.importers.common import (
    DocumentWriter,
    Timer,
    actor,
    numbered_lines,
    read_text,
    render,
    row_document,
    whole_text,
)
from pactwatch.ingest.importers.report import ImportReport
from pactwatch.kb.crosswalk import load_cameo_actors, load_crosswalk
from pactwatch.model import SECTORS, Actor, Event
from pactwatch.ontology.cameo import cameo_to_plover
from pactwatch.store import Store

EXTRACTOR = "import:gdelt"
CONFIDENCE = 0.5

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code")
_TYPES = ("Type1Code", "Type2Code", "Type3Code")
_EVENT = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
_COUNTS = ("NumMentions", "NumSources", "NumArticles", "AvgTone")
_GEO1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_GEO2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _columns(geo: Sequence[str], tail: Sequence[str]) -> tuple[str, ...]:
    head = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    for side in ("Actor1", "Actor2"):
        head += [side + f for f in (*_ACTOR, *_TYPES)]
    head += [*_EVENT, *_COUNTS]
    for side in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        head += [side + f for f in geo]
    return (*head, *tail)


LAYOUTS = {
    61: _columns(_GEO2, ("DATEADDED", "SOURCEURL")),
    58: _columns(_GEO1, ("DATEADDED", "SOURCEURL")),
    57: _columns(_GEO1, ("DATEADDED",)),
}
# CAMEO actor types that are not PLOVER sectors but map onto one
SECTOR_OF = {"INS": "REB", "SEP": "REB", "UAF": "REB", "MNC": "BUS", "SPY": "GOV", "PKO": "MIL", "NGM": "NGO"}


def _sector(row: dict[str, str], side: str) -> str | None:
    for field in _TYPES:
        code = row.get(side + field, "")
        if code in SECTORS:
            return code
        if code in SECTOR_OF:
            return SECTOR_OF[code]
    return None


def side_actor(row: dict[str, str], side: str, day: str | None) -> Actor | str | None:
    """The actor of ``Actor1`` / ``Actor2``; None when the side is empty; a reason when it cannot be coded."""
    name = row.get(side + "Name", "").strip()
    code = row.get(side + "Code", "").strip()
    country = row.get(side + "CountryCode", "").strip()
    group = load_cameo_actors().get(row.get(side + "KnownGroupCode", "").strip())
    text = name or code
    if not text and not country:
        return None
    if group is not None and group.kind == "igo":
        return actor(text or group.name, group.code, "IGO", group.name)
    if not country:
        return actor(text, None, _sector(row, side))
    place = load_cameo_actors().get(country)
    if place is not None:
        return actor(text or place.name, place.code, _sector(row, side), place.name)
    entry = load_crosswalk().by_cameo(country, day)
    if entry is None:
        return f"{side}: unknown CAMEO country code '{country}'; add it to the cameo column of kb/data/crosswalk.csv"
    return actor(text or entry.name, entry.code, _sector(row, side), entry.name)


def _day(value: str) -> str | None:
    value = value.strip()
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat() if len(value) >= 8 else None
    except ValueError:
        return None


def read_event(row: dict[str, str], origin: str) -> tuple[str, Event] | str:
    """The rendered line and its event, or the reason the line cannot be imported."""
    if not row["GLOBALEVENTID"].strip().isdigit():
        return f"GLOBALEVENTID {row['GLOBALEVENTID']!r} is not a number; is this a GDELT events export?"
    day = _day(row["SQLDATE"])
    if day is None:
        return f"SQLDATE {row['SQLDATE']!r} is not a date (YYYYMMDD)"
    code = row["EventCode"].strip()
    mapping = cameo_to_plover(code)
    if mapping is None:
        return f"CAMEO {code} has no PLOVER type (PLOVER drops CAMEO 01 statements and 02 appeals)"
    sides = [side_actor(row, side, day) for side in ("Actor1", "Actor2")]
    problems = [s for s in sides if isinstance(s, str)]
    if problems:
        return "; ".join(problems)
    if sides[0] is None and sides[1] is None:
        return "no Actor1 or Actor2: an event needs at least one actor"
    text = render(list(row.items()), "GDELT event")
    event = Event(
        doc_id="gdelt:" + row["GLOBALEVENTID"].strip(),
        type=mapping.type,
        mode=mapping.mode,
        source=tuple(s for s in sides[:1] if isinstance(s, Actor)),
        target=tuple(s for s in sides[1:] if isinstance(s, Actor)),
        evidence=whole_text(text),
        date=day,
        date_precision="day",
        confidence=CONFIDENCE,
        trigger=f"CAMEO {code}",
        extractor=EXTRACTOR,
    )
    return text, event


def _title(row: dict[str, str], event: Event) -> str:
    mapping = cameo_to_plover(row["EventCode"])
    what = mapping.description if mapping else event.type
    names = [a.name or a.text for a in (*event.source, *event.target)]
    return f"{' / '.join(names)}: {what}"


def import_gdelt(path: Path, store: Store) -> ImportReport:
    """Import a GDELT events export (plain or zipped); every line is imported or reported."""
    timer = Timer()
    report = ImportReport("gdelt", str(path), format="GDELT events export (tab-separated, no header)")
    writer = DocumentWriter(store, report)
    for number, line in numbered_lines(read_text(path)):
        if not line.strip():
            report.skipped_lines += 1
            continue
        origin = f"{path}:{number}"
        cells = line.split("\t")
        names = LAYOUTS.get(len(cells))
        if names is None:
            report.report(origin, f"{len(cells)} tab-separated fields; a GDELT 2.0 events line has 61 (1.0: 57 or 58)")
            continue
        row = dict(zip(names, cells, strict=True))
        result = read_event(row, origin)
        if isinstance(result, str):
            report.report(origin, result)
            continue
        text, event = result
        doc = row_document(
            event.doc_id,
            text,
            origin,
            row.get("SOURCEURL", "").strip(),
            published=_day(row["DATEADDED"]),
            title=_title(row, event),
        )
        writer.add(doc, [event])
    writer.flush()
    return timer.stop(report)
