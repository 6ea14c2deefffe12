"""GDELT events export import (plain and zipped) and the CAMEO -> PLOVER table it uses."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pactwatch.ingest.importers import import_file
from pactwatch.ontology.cameo import cameo_to_plover, load_cameo_plover
from pactwatch.store import Store

from conftest import DATA

EXPORT = DATA / "importers" / "gdelt_events.export.CSV"
DEVIATIONS = {"163": "SANCTION"}  # SPEC: sanctions and embargoes are SANCTION (PLOVER 0.8: COERCE)


def _events(store: Store) -> dict[str, tuple[str, str | None, list[str | None], list[str | None], str | None]]:
    out = {}
    for stored in store.events():
        e = stored.event
        out[e.doc_id] = (e.type, e.mode, [a.code for a in e.source], [a.code for a in e.target], e.date)
    return out


def test_lines_are_imported_or_reported(store: Store) -> None:
    report = import_file("gdelt", EXPORT, store)
    assert report.rows == 11 and report.imported == 6 and len(report.reported) == 5 and report.reconciles
    reasons = {p.origin.rsplit(":", 1)[1]: p.reason for p in report.reported}
    assert "61" in reasons["5"]
    assert reasons["6"].startswith("CAMEO 010 has no PLOVER type")
    assert "'XYZ'" in reasons["7"] and "crosswalk.csv" in reasons["7"]
    assert "SQLDATE" in reasons["9"] and "no Actor1 or Actor2" in reasons["10"]


def test_cameo_codes_actors_and_dates(store: Store) -> None:
    import_file("gdelt", EXPORT, store)
    events = _events(store)
    assert events["gdelt:900000001"] == ("AID", "military", ["RUS"], ["SYR"], "2024-01-05")
    assert events["gdelt:900000002"] == ("CONSULT", "visit", ["USA"], ["ROU"], "2024-01-06")  # CAMEO ROM
    assert events["gdelt:900000003"][:4] == ("COOPERATE", None, ["NATO"], ["MNE"])  # known group NAT, CAMEO MTN
    assert events["gdelt:900000004"][0] == "SANCTION"  # 163, our documented deviation
    assert events["gdelt:900000007"][2] == [None]  # CAMEO region EUR: kept by name, no code
    assert events["gdelt:900000010"] == ("MOBILIZE", "troops", ["PRK"], [], "2024-01-13")
    sectors = {e.event.doc_id: e.event.source[0].sector for e in store.events()}
    assert sectors["gdelt:900000001"] == "GOV" and sectors["gdelt:900000003"] == "IGO"


def test_documents_carry_the_source_url_and_the_row(store: Store) -> None:
    import_file("gdelt", EXPORT, store)
    doc = next(d for d in store.documents() if d.id == "gdelt:900000001")
    assert doc.url == "https://news.example.org/a1" and doc.published == "2024-01-05"
    assert doc.origin == f"{EXPORT}:1" and "EventCode=072" in doc.text
    [event] = [e for e in store.events() if e.event.doc_id == doc.id]
    assert event.sources[0].url == doc.url
    assert (event.event.evidence.start, event.event.evidence.end) == (0, len(doc.text))


def test_zipped_export_and_reimport_add_nothing(store: Store, tmp_path: Path) -> None:
    zipped = tmp_path / "20240105103000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(EXPORT, "20240105103000.export.CSV")
    first = import_file("gdelt", zipped, store)
    counts = store.counts()
    again = import_file("gdelt", EXPORT, store)
    assert first.imported == again.imported == 6 and again.new == 0 and store.counts() == counts


def _official_table(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)", line)
        if m and m.group(1) not in out:
            context = ";".join(c.strip() for c in m.group(4).split(";") if c.strip())
            out[m.group(1)] = (m.group(2), m.group(3).strip(), context)
    return out


def test_cameo_table_matches_plover(shared: Path) -> None:
    path = shared / "eval" / "plover_cameo2plover" / "CAMEO2PLOVER-2021.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    official = _official_table(path)
    ours = load_cameo_plover()
    assert set(ours) == set(official)
    for code, (etype, mode, context) in official.items():
        mine = ours[code]
        assert (mine.plover_type, mine.plover_mode or "", ";".join(mine.context)) == (etype, mode, context), code
        assert mine.type == DEVIATIONS.get(code, etype), code
        if mine.type != etype:
            assert mine.note.startswith("DEVIATION"), code


@pytest.mark.parametrize(
    ("code", "expected"),
    [("0874", ("RETREAT", "disarm")), ("072", ("AID", "military")), ("1831", ("ASSAULT", "suicide-attack"))],
)
def test_cameo_prefix_fallback(code: str, expected: tuple[str, str]) -> None:
    mapping = cameo_to_plover(code)
    assert mapping is not None and (mapping.type, mapping.mode) == expected


def test_statements_and_appeals_have_no_plover_type() -> None:
    assert cameo_to_plover("010") is None and cameo_to_plover("0231") is None
