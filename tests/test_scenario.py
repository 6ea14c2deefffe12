"""Scenarios: who must act when a state is attacked, from data-driven cases in tests/data/scenarios.json."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pactwatch.analyse.scenario import run_scenario
from pactwatch.analyse.treaties import members_on
from pactwatch.errors import PactwatchError
from pactwatch.kb import treaty_by_id

from conftest import DATA

CASES: list[dict[str, Any]] = json.loads((DATA / "scenarios.json").read_text("utf-8"))
SPEC_KEYS = {"state", "toward", "type", "treaty", "article", "conditions", "status"}


def _matches(row: dict[str, Any], want: dict[str, Any]) -> bool:
    return all(row.get(k) == v for k, v in want.items())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scenario_case(case: dict[str, Any]) -> None:
    result = run_scenario(case["attacked"], case["by"], case["on"]).to_json()
    assert (result["attacked"], result["by"], result["on"]) == (case["attacked"], case["by"], case["on"])
    rows, cascade = result["obligations"], result["cascade"]
    for row in rows + cascade:
        assert set(row) >= SPEC_KEYS and row["status"] in ("triggered", "conditional", "not_triggered")
        assert row["reason"]
    for want in case.get("expect", []):
        assert any(_matches(r, want) for r in rows), want
    for want in case.get("absent", []) + case.get("never", []):
        assert not any(_matches(r, want) for r in rows), want
    for want in case.get("expect_cascade", []):
        assert any(_matches(r, want) for r in cascade), want
    assert all(r["status"] != "triggered" and r["round"] == 2 for r in cascade)
    if "all_members_of" in case:
        _check_all_members(case, rows)


def _check_all_members(case: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    want = case["all_members_of"]
    treaty = treaty_by_id(want["treaty_id"])
    assert treaty is not None
    members = set(members_on(treaty, case["on"])) - {case["attacked"]}
    bound = {r["state"] for r in rows if _matches(r, want) and r["toward"] == case["attacked"]}
    assert members and bound == members


def test_round_one_states_join_and_face_the_attacker() -> None:
    result = run_scenario("PRK", "USA", "2025-01-01").to_json()
    assert result["sides"] == {"defending": ["PRK", "CHN", "RUS"], "attacking": ["USA"]}
    toward_attacker = [r for r in result["cascade"] if r["toward"] == "USA"]
    assert toward_attacker and result["cascade"][0]["toward"] == "USA"


def test_asymmetric_one_way_pledge_is_explained() -> None:
    rows = run_scenario("USA", "CHN", "2025-01-01").obligations
    pak = next(o for o in rows if o.state == "PAK" and o.type == "defense")
    assert pak.status == "not_triggered" and "one-way" in pak.reason
    jpn = next(o for o in rows if o.state == "JPN" and o.type == "defense")
    assert "outside territories under the administration of Japan" in jpn.reason


def test_adversary_specific_pledge_depends_on_the_attacker() -> None:
    by_germany = run_scenario("FIN", "DEU", "1960-01-01").obligations
    by_sweden = run_scenario("FIN", "SWE", "1960-01-01").obligations
    rus = [o for o in by_germany if o.state == "RUS" and o.type == "defense"]
    assert rus and all(o.status == "conditional" for o in rus)  # on request
    assert all(o.status == "not_triggered" for o in by_sweden if o.state == "RUS" and o.type == "defense")


def test_no_attacker_no_cascade_and_unknown_codes_are_refused() -> None:
    scenario = run_scenario("KOR", None, "2025-01-01")
    assert scenario.cascade == () and any(o.state == "USA" for o in scenario.obligations)
    with pytest.raises(PactwatchError, match="ISO 3166"):
        run_scenario("XXX", None, "2025-01-01")
