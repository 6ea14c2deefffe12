"""The extractor on hand-written cases (tests/data/extract_cases.jsonl) and on any input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.analyse.merge import codes
from pactwatch.extract import Extractor
from pactwatch.kb import ActorEntry
from pactwatch.model import Document, Event

from conftest import DATA

CASES = [json.loads(line) for line in (DATA / "extract_cases.jsonl").read_text("utf-8").splitlines() if line]


def _codes(actors: Any) -> list[str]:
    return sorted(a.code or a.text for a in actors)


def _matches(event: Event, want: dict[str, Any]) -> bool:
    return (
        event.type == want["type"]
        and _codes(event.source) == sorted(want["source"])
        and ("target" not in want or _codes(event.target) == sorted(want["target"]))
    )


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any], extractor: Extractor) -> None:
    doc = Document(id=case["id"], text=case["text"], published=case["published"])
    events = list(extractor.extract(doc).events)
    if not case["expect"]:
        assert events == []
    for want in case["expect"]:
        found = [e for e in events if _matches(e, want)]
        got = [(e.type, _codes(e.source), _codes(e.target)) for e in events]
        assert found, f"no {want['type']} {want['source']}->{want.get('target')} among {got}"
        event = found[0]
        for key in ("date", "date_precision", "modality"):
            if key in want:
                assert getattr(event, key) == want[key], key
        if "weapons" in want:
            assert list(event.weapons) == want["weapons"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_evidence_offsets_are_exact(case: dict[str, Any], extractor: Extractor) -> None:
    text = "Preamble line.\n\n" + case["text"] + "\n\nA closing remark about Russia."
    doc = Document(id="x", text=text, published=case["published"])
    for event in extractor.extract(doc).events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        assert case["text"].startswith(event.evidence.text) or event.evidence.text in text


def test_no_date_in_text_gives_null_not_publication_date(extractor: Extractor) -> None:
    doc = Document(id="n", text="China supplied drones to Russia.", published="2024-05-01")
    events = extractor.extract(doc).events
    assert events and all(e.date is None and e.date_precision is None for e in events)


def test_leader_counts_for_his_state_only_in_office(extractor: Extractor) -> None:
    text = "Moon Jae-in met Kim Jong Un in Pyongyang."
    in_office = extractor.extract(Document(id="a", text=text, published="2018-09-19")).events
    assert any(e.type == "CONSULT" and _codes(e.source) == ["KOR"] for e in in_office)
    after = extractor.extract(Document(id="b", text=text, published="2024-09-19")).events
    # out of office he is coded by his last office's state, as CAMEO codes a former leader, but
    # marked inferred: he no longer acts for South Korea in the alliance graph
    met = [e for e in after if e.type == "CONSULT"]
    assert met and [(a.code, a.inferred) for a in met[0].source] == [("KOR", "former")]
    assert "KOR" not in codes(met[0].source)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_any_unicode_never_raises(extractor: Extractor, text: str) -> None:
    doc = Document(id="h", text=text + " Russia sent troops to Belarus.", published="2024-01-01")
    for event in extractor.extract(doc).events:
        assert doc.text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_a_noun_that_classifies_a_force_is_no_event(extractor: Extractor) -> None:
    text = "Belarusian riot police detained Belarusian students outside the university in Minsk."
    events = extractor.extract(Document(id="riot", text=text, published="2020-08-12")).events
    assert [e.type for e in events] == ["COERCE"]
    assert [(a.code, a.sector) for a in events[0].source] == [("BLR", "COP")]
    assert [(a.code, a.sector) for a in events[0].target] == [("BLR", "CVL")]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Moscow retaliated on Thursday by ordering 60 American diplomats to leave Russia.", "2018-03-30"),
        # a retaliation hung on the act just told is that act, no attack of its own
        (
            "Russia expelled 23 British diplomats on Saturday, retaliating for Britain's expulsion of envoys.",
            "2018-03-18",
        ),
    ],
)
def test_the_means_names_the_act(extractor: Extractor, text: str, published: str) -> None:
    events = extractor.extract(Document(id="means", text=text, published=published)).events
    assert [e.type for e in events] == ["SANCTION"]


def test_a_noun_that_classifies_a_body_is_no_event(extractor: Extractor) -> None:
    text = "North Korea and Iran resumed cooperation on missile projects in 2020, according to UN sanctions monitors."
    events = extractor.extract(Document(id="monitors", text=text, published="2021-02-09")).events
    assert "SANCTION" not in {e.type for e in events}


def test_a_participle_clause_tells_the_same_act(extractor: Extractor) -> None:
    text = "Hamas fighters attacked Israeli communities near Gaza on October 7, 2023, killing about 1,200 people."
    events = extractor.extract(Document(id="participle", text=text, published="2023-10-08")).events
    assert [e.type for e in events] == ["ASSAULT"]


def test_one_act_told_by_two_triggers_is_one_event(extractor: Extractor) -> None:
    text = "Israel and Hamas agreed to a ceasefire deal on Wednesday."
    events = extractor.extract(Document(id="deal", text=text, published="2024-08-01")).events
    assert [e.type for e in events] == ["AGREE"]


def test_weapon_classes_give_way_to_named_systems() -> None:
    from pactwatch.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    assert gazetteer.weapon_names("Russia received a shipment of Iranian drones.") == ["drone"]
    assert gazetteer.weapon_names("Iran supplied Shahed-136 drones and ballistic missiles.") == [
        "Shahed-136",
        "ballistic missile",
    ]


def test_an_act_told_without_and_with_its_target_is_one_event(extractor: Extractor) -> None:
    text = "Japan gave Ukraine 100 million dollars in humanitarian aid."
    events = extractor.extract(Document(id="gave", text=text, published="2024-05-01")).events
    assert [(e.type, [a.code for a in e.target]) for e in events] == [("AID", ["UKR"])]


def test_near_names_forgive_one_slip_only_inside_words(extractor: Extractor) -> None:
    near = extractor.gazetteer.near_entries
    assert {e.code for e in near("Ethopia")} == {"ETH"}
    assert {e.code for e in near("Abdelaziz Bouteflicka")} == {"DZA"}  # one letter added
    assert {e.code for e in near("Kazakstan")} == {"KAZ"}  # one letter dropped
    assert near("Prussia") == ()  # a different first letter is another name
    assert near("Iraqq") == ()  # short names are too close to each other to guess


def test_a_surname_alone_is_the_one_person_then_in_office(extractor: Extractor) -> None:
    surname = extractor.gazetteer.surname_entries
    assert {e.code for e in surname("Sharon", "2002-05-20")} == {"ISR"}  # Ariel Sharon, prime minister
    assert {e.code for e in surname("Assad", "2012-01-10")} == {"SYR"}  # "al-Assad" without its article
    assert surname("Sharon", "1990-05-20") == ()  # in no office the knowledge base lists then
    assert surname("Sharon", None) == ()  # no date: no telling who is meant
    assert surname("Clinton", "2002-05-20") == ()  # Bill left office in 2001; Hillary took hers in 2009
    assert surname("Kim", "2018-06-12") == ()  # too short to stand for one person
    doc = Document(id="s", text="Sharon said Israel would not negotiate under fire.", published="2002-05-20")
    assert {a.code for e in extractor.extract(doc).events for a in e.source} == {"ISR"}


def test_an_unnamed_group_takes_its_sector_from_its_head(extractor: Extractor) -> None:
    text = "Iraqi police opened fire to scatter stone-throwing protesters."
    doc = Document(id="g", text=text, published="2022-10-01")
    (event,) = [e for e in extractor.extract(doc).events if e.type == "ASSAULT"]
    assert [(a.text, a.code, a.sector) for a in event.target] == [("stone-throwing protesters", "IRQ", "CVL")]
    start = doc.text.index("stone-throwing")
    assert doc.text[start : start + len(event.target[0].text)] == event.target[0].text


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("China demanded that the US cancel plans to sell F-16 jets to Taiwan.", "AID"),
        ("Houthi rebels dismissed an appeal from the UN to lay down their arms.", "RETREAT"),
        ("Iran threatened to launch an offensive unless Iraq withdrew its troops from the border.", "RETREAT"),
        ("Armenia froze its participation in the Russian-led CSTO military alliance.", "COOPERATE"),  # a body's name
        ("China lodged a strong protest with Japan over the release of treated water from Fukushima.", "RETREAT"),
        ("Russia and Belarus agreed to postpone the joint exercises planned for March.", "COOPERATE"),
        ("Austin warned that it would be serious if the soldiers joined the fighting against Ukraine.", "ASSAULT"),
        ("Nigeria said it will withdraw its troops from Chad unless the rebels agree to a ceasefire.", "AGREE"),
        ("China and India sought to ease border tensions at talks in Beijing.", "REQUEST"),
        ("China sent medical supplies to help Iran fight the coronavirus.", "ASSAULT"),
        ("Vladimir Putin offered to order a ceasefire in Ukraine.", "RETREAT"),
        ("Israel did not withdraw its troops from Gaza.", "REJECT"),  # a fact denied, not a refusal
        ("Russia vetoed a UN Security Council resolution condemning the annexation.", "ACCUSE"),
        ("Japan released treated water into the sea, drawing condemnation from China.", "RETREAT"),
        ("Poland scrambled fighter jets to secure its airspace during the attack.", "ASSAULT"),  # not Poland's
        ("Russia urged all sides to resolve the crisis through dialogue.", "CONSULT"),  # urged, not held
        ("Israeli opposition leader Yair Lapid called the deal a dangerous failure.", "AGREE"),  # named, not made
        ("A temporary camp for Syrian refugees was attacked by militiamen armed with machetes.", "AID"),
        ("The IAEA said Iran had expanded its uranium stockpile, in breach of the 2015 deal.", "AGREE"),
        ("France warned that it would respond at once to any attack on its citizens.", "ASSAULT"),  # "any": none yet
        ("Pyongyang hit back on Wednesday, calling the remarks nonsense.", "ASSAULT"),
        ("Russia suspended its participation in the New START treaty in February 2023.", "SUPPORT"),
        ("NATO struck Yugoslavia, the first attack on a state in the alliance's history.", "COOPERATE"),
        ("China protested against the US sanctions, a press release said.", "RETREAT"),
        ("Ukraine attacked Kursk. The United States said it had no advance warning of the operation.", "THREATEN"),
        ("Iran accused Israel. Wagner chief Yevgeny Prigozhin was killed in a plane crash.", "ASSAULT"),
        ("China condemned the pact, which replaces the 1961 treaty of friendship and mutual assistance.", "AID"),
        ("The US imposed sanctions on Russia. The State Department targeted three Russian banks.", "ASSAULT"),
        ("Indonesian students staged demonstrations in Jakarta to demand political reforms.", "REQUEST"),
        ("The U.S. said it would not meet the kidnappers' demands to release prisoners in Iraq.", "RETREAT"),
        ("Israel resumed air strikes on Gaza on Tuesday, shattering the truce.", "RETREAT"),  # broken, not held
        ("Hamas rejected Egypt's conditions for a truce.", "RETREAT"),  # sought, not held
        ("South Korean workers launched a general strike on Wednesday.", "ASSAULT"),  # a labour strike
        ("Sudan rejected the report, which said the army had committed atrocities in Darfur.", "AGREE"),  # a wrong
        ("Hamas released a video of the captured soldier, and Israel vowed revenge.", "RETREAT"),  # a thing released
        ("Erdogan told a rally in Istanbul that Turkey would not bow to threats.", "PROTEST"),  # an audience
        ("Militants attacked an aid convoy near Kandahar.", "AID"),  # a kind of convoy
        ("Putin called Macron on Tuesday to discuss the war in Ukraine.", "ACCUSE"),  # a call about a war
        ("Britain stopped providing aid to Zimbabwe.", "AID"),  # what stopped
        ("The Greek coast guard stopped a ship carrying arms to Libya.", "SANCTION"),  # a ship, no trade
        ("Iran test-fired a cruise missile at a target in the Gulf during naval exercises.", "ASSAULT"),  # practice
        ("Military officers from both Koreas held talks at the truce village of Panmunjom.", "RETREAT"),  # a name
        ("Iran announced the release of two French citizens held in Evin prison.", "COERCE"),  # where they were
        ("Pol Pot, the Khmer Rouge leader blamed for the deaths of many Cambodians, was captured.", "ACCUSE"),
        ("Georgia suspended talks with Russia until Russian troops pull back.", "RETREAT"),  # not yet
        ("Pakistan said its minister had died of a heart attack, and India condemned the delay.", "ASSAULT"),
    ],
)
def test_what_is_demanded_threatened_or_no_event_at_all_is_absent(extractor: Extractor, text: str, absent: str) -> None:
    events = extractor.extract(Document(id="c", text=text, published="2019-05-01")).events
    assert events, "the demand, refusal or threat itself is an event"
    assert absent not in {e.type for e in events}


def test_a_governments_protest_is_not_aimed_at_home(extractor: Extractor) -> None:
    text = "Iran's foreign ministry summoned the British ambassador to protest against new sanctions."
    events = extractor.extract(Document(id="p", text=text, published="2024-02-01")).events
    assert [[a.code for a in e.target] for e in events if e.type == "ACCUSE"] == [["GBR"]]


def test_a_sum_pledged_in_aid_is_one_promise(extractor: Extractor) -> None:
    text = "Germany pledged 5 billion euros in military aid to Ukraine."
    events = extractor.extract(Document(id="s", text=text, published="2024-07-12")).events
    assert [(e.type, [a.code for a in e.target]) for e in events] == [("AGREE", ["UKR"])]


def test_a_seas_name_hides_the_state_inside_it(extractor: Extractor) -> None:
    hits = extractor.gazetteer.actor_hits("Warships sailed from the Sea of Japan into the Gulf of Oman near Oman.")
    named = [h.text for h in hits if any(isinstance(e, ActorEntry) for e in h.entries)]
    assert named == ["Oman"]  # only the state named on its own


def test_an_act_told_again_is_not_a_new_one(extractor: Extractor) -> None:
    text = "A US drone strike killed an Iranian general in Baghdad. Iran vowed revenge on those behind the attack."
    events = extractor.extract(Document(id="t", text=text, published="2020-01-03")).events
    attacks = [([a.code for a in e.source], [a.code for a in e.target]) for e in events if e.type == "ASSAULT"]
    assert attacks == [(["USA"], ["IRN"])]  # the strike and its verb once; "the attack" points back


def test_a_dateline_is_blanked_but_offsets_hold(extractor: Extractor) -> None:
    text = "WASHINGTON (AP) - The Pentagon sent Patriot batteries to Poland on Monday."
    extraction = extractor.extract(Document(id="w", text=text, published="2024-05-01"))
    assert [m.text for m in extraction.mentions if m.code] == ["Pentagon", "Poland"]  # not "AP"
    (event,) = extraction.events
    assert event.evidence.text == text[event.evidence.start : event.evidence.end]
    assert event.evidence.text.startswith("The Pentagon")


def test_announcing_anothers_deal_makes_no_party(extractor: Extractor) -> None:
    text = "India and Pakistan agreed to a truce, Donald Trump said, announcing the deal."
    events = extractor.extract(Document(id="d", text=text, published="2025-05-10")).events
    assert [sorted(a.code or "" for a in e.source) for e in events if e.type == "AGREE"] == [["IND", "PAK"]]


def test_a_transfer_joined_to_an_earlier_one_goes_to_its_recipient(extractor: Extractor) -> None:
    text = (
        "Iran has delivered hundreds of Shahed-136 drones to Russia since August and is preparing to ship"
        " surface-to-surface missiles, according to U.S. officials."
    )
    events = extractor.extract(Document(id="j", text=text, published="2022-10-21")).events
    aid = sorted((e.modality, [a.code for a in e.target]) for e in events if e.type == "AID")
    assert aid == [("asserted", ["RUS"]), ("planned", ["RUS"])]


def test_unnamed_attacker_is_coded_by_the_place_and_marked_inferred(extractor: Extractor) -> None:
    text = "A roadside bomb near the town of Samarra killed one U.S. soldier on Sunday."
    events = extractor.extract(Document(id="p", text=text, published="2005-03-07")).events
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and _codes(attacks[0].target) == ["USA"]
    assert [(a.code, a.inferred) for a in attacks[0].source] == [("IRQ", "place")]
    assert attacks[0].to_json()["source"][0]["inferred"] == "place"
    assert "inferred" not in attacks[0].to_json()["target"][0]  # named parties carry no such key


def test_named_attacker_is_not_replaced_by_the_place(extractor: Extractor) -> None:
    text = "Russian forces shelled a market in the Ukrainian city of Kharkiv on Sunday."
    events = extractor.extract(Document(id="q", text=text, published="2024-05-27")).events
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and [(a.code, a.inferred) for a in attacks[0].source] == [("RUS", None)]


def test_two_states_in_the_place_infer_no_attacker(extractor: Extractor) -> None:
    text = "A bomb near the border between Iraq and Syria killed two U.S. soldiers."
    events = extractor.extract(Document(id="r", text=text, published="2005-03-07")).events
    assert all(not e.source for e in events if e.type == "ASSAULT")


def test_a_block_naming_nobody_is_read_in_a_story_filed_from_a_known_city(extractor: Extractor) -> None:
    text = "KHARTOUM (Reuters) - Sudan's opposition called a strike.\n\nSecurity forces killed dozens of protesters."
    events = extractor.extract(Document(id="k", text=text, published="2019-06-04")).events
    killings = [e for e in events if e.type == "ASSAULT"]
    assert killings and [(a.text, a.code) for a in killings[0].source] == [("Security forces", "SDN")]


def test_condemnation_drawn_from_a_state_is_not_its_attack(extractor: Extractor) -> None:
    doc = Document(id="c", text="The killings drew condemnation from Canada.", published="2019-06-04")
    events = extractor.extract(doc).events
    assert any(e.type == "ACCUSE" and _codes(e.source) == ["CAN"] for e in events)
    assert not any(e.type == "ASSAULT" and "CAN" in _codes(e.source) for e in events)


def test_an_act_refused_is_denied(extractor: Extractor) -> None:
    doc = Document(id="r", text="ECOWAS criticised the junta's refusal to release Bazoum.", published="2023-08-10")
    releases = [e for e in extractor.extract(doc).events if e.type == "RETREAT"]
    assert releases and all(e.modality == "denied" for e in releases)


def test_he_is_the_person_the_sentence_before_was_about(extractor: Extractor) -> None:
    text = (
        "Philippine President Rodrigo Duterte landed in Moscow late on Monday, days after Vladimir Putin"
        " praised his drug war. He met Prime Minister Dmitry Medvedev on Tuesday."
    )
    events = extractor.extract(Document(id="h", text=text, published="2017-05-23")).events
    met = [e for e in events if e.trigger == "met"]
    assert met and _codes(met[0].source) == ["PHL"] and _codes(met[0].target) == ["RUS"]


def test_an_agentless_arrest_is_coded_by_the_dateline_and_marked_inferred(extractor: Extractor) -> None:
    text = "HARARE (Reuters) - Several opposition ministers were arrested on Tuesday."
    events = extractor.extract(Document(id="z", text=text, published="2019-06-04")).events
    arrests = [e for e in events if e.type == "COERCE"]
    assert arrests and [(a.code, a.inferred) for a in arrests[0].source] == [("ZWE", "place")]


@pytest.mark.parametrize(
    ("text", "published", "code"),
    [
        ("Aristide accused the United States of kidnapping him.", "2004-03-02", "HTI"),  # known, out of office
        ("QUITO (Reuters) - Police detained former Vice President Jorge Glas.", "2024-04-06", "ECU"),  # titled
    ],
)
def test_a_former_office_holder_is_coded_by_that_state_and_marked_inferred(
    extractor: Extractor, text: str, published: str, code: str
) -> None:
    events = extractor.extract(Document(id="f", text=text, published=published)).events
    parties = [a for e in events for a in (*e.source, *e.target) if a.inferred == "former"]
    assert [(a.code, a.to_json()["inferred"]) for a in parties][:1] == [(code, "former")]


def test_a_leader_in_office_is_not_marked_inferred(extractor: Extractor) -> None:
    text = "Aristide accused the United States of meddling."
    events = extractor.extract(Document(id="g", text=text, published="2002-03-02")).events
    assert [(a.code, a.inferred) for e in events for a in e.source] == [("HTI", None)]


def test_a_right_to_act_is_no_act(extractor: Extractor) -> None:
    doc = Document(
        id="r", text="Washington defended the right of Russian forces to fire on armed rebels.", published="1994-12-15"
    )
    assert [e.type for e in extractor.extract(doc).events] == ["SUPPORT"]


def test_an_act_answered_is_not_the_answerers(extractor: Extractor) -> None:
    text = "Washington announced a grain embargo on Moscow in retaliation for the invasion of Afghanistan."
    events = extractor.extract(Document(id="r", text=text, published="1980-01-05")).events
    assert any(e.type == "SANCTION" and _codes(e.source) == ["USA"] for e in events)
    assert not any(e.type == "ASSAULT" and "USA" in _codes(e.source) for e in events)


def test_a_capitals_dateline_needs_a_spaced_dash() -> None:
    from pactwatch.extract.pipeline import DATELINE

    assert DATELINE.match("ALGIERS - Gunmen killed 12 people.") is not None
    assert DATELINE.match("SRINAGAR, India - Militants attacked.") is not None
    assert DATELINE.match("NATO-Russia talks resumed.") is None  # no spaced dash: a name, not a dateline
    assert DATELINE.match("UN - the talks resumed.") is None  # too short for a city


def test_a_named_headline_needs_a_name_before_to(extractor: Extractor) -> None:
    doc = Document(id="h", text="Talks to end Sudan war open in Jeddah", published="2023-05-06")
    assert all(e.modality != "planned" for e in extractor.extract(doc).events)


def test_an_ultimatum_names_no_act_done(extractor: Extractor) -> None:
    doc = Document(
        id="u", text="NATO gave the Bosnian Serbs ten days to pull back their heavy guns.", published="1994-02-10"
    )
    assert [e.type for e in extractor.extract(doc).events] == ["THREATEN"]
