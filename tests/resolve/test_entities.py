"""Entity resolution: spelling variants of people and organisations, and pairs kept apart.

All names are made up (bar the issue's own examples, Mirzoyev / Mirzoev, Dilovar / Dilovor,
IS-KP / ISIS-K / Islamic State - Khorasan Province).
"""

from __future__ import annotations

import pytest

from incidentdesk.annotate.pipeline import Sentence
from incidentdesk.extract.people import _list_runs
from incidentdesk.model import Evidence, Fact
from incidentdesk.resolve.organisations import (
    is_acronym,
    resolve_organisations,
    same_organisation,
)
from incidentdesk.resolve.people import is_person_name, parse_name, resolve_people, same_person
from incidentdesk.resolve.spelling import fold, similar

# --- people -----------------------------------------------------------------------------------

SAME_PEOPLE = [
    ("Dalerjon Mirzoyev", "Dalerjon Mirzoev"),  # -yev / -ev
    ("Dilovar Tashkentov", "Dilovor Tashkentov"),  # vowel drift
    ("Timur Dzhaksylykov", "Timur Zhaksylykov"),  # dzh / zh
    ("Yevgeny Smirnoff", "Evgeny Smirnov"),  # ye / e, -off / -ov
    ("Kamol Khodjaev", "Kamol Hodjaev"),  # kh / h
    ("Sergey Volkhonsky", "Sergei Volkhonskiy"),  # -y / -iy / -ei
    ("Abdullah Rahimi", "Abdulla Rahimi"),  # final h
    ("Rustam Ilyasov", "Rustam Iliasov"),  # y / i
    ("Yusuf Noorzai", "Yusuf Nurzai"),  # oo / u
    ("Rustam Bakhtiyorovich Nazarov", "Rustam Nazarov"),  # patronymic vs short
    ("Rustam Bakhtiyorovich Nazarov", "R. B. Nazarov"),  # initials
    ("Rustam Nazarov", "R. Nazarov"),
    ("Rustam Nazarov", "Nazarov"),  # surname alone
    ("Rustam Nazarov", "Mr Rustam Nazarov"),  # honorific
    ("Rustam Bakhtiyorovich Nazarov", "Bakhtiyorovich Nazarov"),  # patronymic + surname
    ("Rustam Bakhtiyorovich Nazarov", "Rustam Bakhtiyorovich"),  # given + patronymic
    ("Saidakbar Rajabalizoda", "Saidakbar Rachabalizoda"),  # one consonant, long name
]

DIFFERENT_PEOPLE = [
    ("Aminjon Tursunov", "Farrukh Tursunov"),  # siblings share a surname
    ("Ivan Petrov", "Ivan Petrenko"),
    ("Oleg Ivanov", "Oleg Ivankov"),  # one consonant in a short surname
    ("Oleg Ivanov", "Olga Ivanova"),
    ("Irina Sokolova", "Irina Sokolov"),  # feminine vs masculine surname
    ("Alexander Morozov", "Alexandra Morozova"),
    ("Dina Saparova", "Dana Saparova"),  # short given names differing in a vowel
    ("R. Nazarov", "Timur Nazarov"),  # initial disagrees
    ("Rustam Bakhtiyorovich Nazarov", "Rustam Kamolovich Nazarov"),  # other patronymic
    ("Bakhtiyorovich Nazarov", "Rustam Kamolovich Nazarov"),
    ("Nazarov", "Rustam Nazirbekov"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PEOPLE)
def test_spelling_variants_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_stay_apart(a: str, b: str) -> None:
    assert not same_person(a, b)
    assert not same_person(b, a)


def test_fold_merges_transliterations_only() -> None:
    assert fold("Dzhaksylykov") == fold("Zhaksylykov")
    assert fold("Mirzoyev") != fold("Mirzoev")  # close, not equal: rapidfuzz decides
    assert similar("Mirzoyev", "Mirzoev")
    assert not similar("Ivanov", "Ivanova")


def test_parse_name_reads_patronymics_and_initials() -> None:
    full = parse_name("Rustam Bakhtiyorovich Nazarov")
    assert (full.given, full.middle, full.surname) == ("Rustam", ("Bakhtiyorovich",), "Nazarov")
    initials = parse_name("R. B. Nazarov")
    assert (initials.initials, initials.surname, initials.complete) == ("rb", "Nazarov", False)
    assert parse_name("Nazarov").alone == "Nazarov"


def _fact(name: str, start: int, **value: object) -> Fact:
    text = name
    return Fact(
        document="doc1",
        field="person",
        value={"name": name, "roles": ["suspect"], "age": None, "nationality": None, **value},
        evidence=Evidence(document="doc1", start=start, end=start + len(text), text=text),
        extractor="test",
    )


def _org(field: str, name: str, start: int) -> Fact:
    return Fact(
        document="doc1",
        field=field,
        value=name,
        evidence=Evidence(document="doc1", start=start, end=start + len(name), text=name),
        extractor="test",
    )


MENTIONS = [
    "Rustam Nazarov",
    "Farid Tursunov",
    "Aminjon Tursunov",
    "Rustam Bakhtiyorovich Nazarov",
    "Dilovar Karimov",
    "Nazarov",
    "Tursunov",  # two Tursunovs: ambiguous, attached to neither
    "R. B. Nazarov",
    "Dilovor Karimov",
    "Farid Tursunov",
    "Steppe Wire News",  # a publication, not a person
    "Free Steppe Front",  # stated elsewhere as an organisation
    "Olga Karimova",
    "Dilovar",
    "K. Abenov",  # initials matching nobody: a person of their own
    "Zhanibek",  # a lone word matching nobody: left out
]


def test_resolve_people_one_entry_per_person() -> None:
    facts = [_fact(n, i * 100) for i, n in enumerate(MENTIONS)]
    facts[1] = _fact("Farid Tursunov", 100, age=31)
    facts.append(_org("claimed_by", "Free Steppe Front", 5000))
    people = resolve_people(facts)
    names = [p.name for p in people]
    assert names == [
        "Rustam Nazarov",
        "Farid Tursunov",
        "Aminjon Tursunov",
        "Dilovar Karimov",
        "Olga Karimova",
        "K. Abenov",
    ]
    by_name = {p.name: p for p in people}
    assert by_name["Rustam Nazarov"].aliases == [
        "Nazarov",
        "R. B. Nazarov",
        "Rustam Bakhtiyorovich Nazarov",
    ]
    assert by_name["Dilovar Karimov"].aliases == ["Dilovar", "Dilovor Karimov"]
    assert by_name["Farid Tursunov"].aliases == []
    assert by_name["Farid Tursunov"].age == 31
    assert len(by_name["Farid Tursunov"].evidence) == 2
    everything = {n for p in people for n in [p.name, *p.aliases]}
    assert "Tursunov" not in everything
    assert "Zhanibek" not in everything


def test_most_used_complete_spelling_is_the_name() -> None:
    mentions = ["Timur Serikovich Zhaksylykov", "Timur Dzhaksylykov", "Timur Dzhaksylykov"]
    facts = [_fact(n, i * 100) for i, n in enumerate(mentions)]
    [person] = resolve_people(facts)
    assert person.name == "Timur Dzhaksylykov"
    assert person.aliases == ["Timur Serikovich Zhaksylykov"]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Steppe Wire News", False),
        ("Novaya Zarya Gazeta", False),
        ("Interior Ministry", False),
        ("Rustam Nazarov", True),
        ("Madina Post-Ospanova", True),
    ],
)
def test_publications_and_bodies_are_not_people(name: str, person: bool) -> None:
    assert is_person_name(name) is person


def test_enumerated_names_share_the_role_cue() -> None:
    text = "Three suspects, Farid Tursunov, 31; Aminjon Tursunov, 25; and Rustam Nazarov, 19, were charged."
    names = ["Farid Tursunov", "Aminjon Tursunov", "Rustam Nazarov"]
    spans = [(text.index(n), text.index(n) + len(n), n) for n in names]
    sent = Sentence(
        index=0, start=0, end=len(text), text=text, span=None, offset=0, paragraph=0, section=""
    )
    runs = _list_runs(sent, spans)
    assert runs == [(spans[0][0], spans[2][1])] * 3
    apart = "Farid Tursunov met the press while Rustam Nazarov stayed away."
    spans = [(apart.index(n), apart.index(n) + len(n), n) for n in (names[0], names[2])]
    sent = Sentence(
        index=0, start=0, end=len(apart), text=apart, span=None, offset=0, paragraph=0, section=""
    )
    assert _list_runs(sent, spans) == [(s, e) for s, e, _ in spans]


# --- organisations ----------------------------------------------------------------------------

SAME_ORGS = [
    ("IS-KP", "Islamic State – Khorasan Province"),
    ("ISIS-K", "Islamic State – Khorasan Province"),
    ("ISKP", "Islamic State Khorasan"),
    ("IS-KP", "ISKP"),
    ("IS–KP", "IS-KP"),
    ("Islamic State – Khorasan Province", "Islamic State - Khorasan Province"),
    ("Islamic State – Khorasan Province", "Islamic State Khorasan"),
    ("Islamic State – Khorasan Province", "the Islamic State's Khorasan branch"),
    ("Free Steppe Front", "the Free Steppe Front"),
    ("Free Steppe Front", "Free-Steppe Front"),
    ("Free Steppe Front", "FSF"),
    ("Army of the Northern Steppe", "ANS"),
    ("al-Qaeda", "Al Qaida"),
    ("Jamaat al-Nur", "Jamaat al-Noor"),
    ("Kendyr Liberation Movement (KLM)", "Kendyr Liberation Movement"),
    ("al-Qaeda in the Arabian Peninsula", "AQAP"),
    ("Free Steppe Front – Kendyr Province", "Free Steppe Front's Kendyr branch"),
]

DIFFERENT_ORGS = [
    ("Islamic State", "Islamic State – Khorasan Province"),  # parent vs branch
    ("ISIS", "Islamic State – Khorasan Province"),
    ("al-Qaeda", "al-Qaeda in the Arabian Peninsula"),
    ("AQAP", "al-Qaeda"),
    ("Free Steppe Front", "Free Steppe Front in Kendyrlik"),
    ("Free Steppe Front", "Free Steppe Front – Kendyr Province"),
    ("FSF", "Free Steppe Front – Kendyr Province"),
    ("Free Steppe Front", "Free Steppe Army"),
    ("Islamic State", "Islamic Jihad"),
    ("IS-KP", "ISIS-K"),  # two acronyms meet only through a long form
]


@pytest.mark.parametrize(("a", "b"), SAME_ORGS)
def test_organisation_variants_are_one(a: str, b: str) -> None:
    assert same_organisation(a, b)
    assert same_organisation(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_ORGS)
def test_branches_and_other_groups_stay_apart(a: str, b: str) -> None:
    assert not same_organisation(a, b)
    assert not same_organisation(b, a)


def test_is_acronym() -> None:
    assert all(is_acronym(n) for n in ("IS-KP", "ISIS-K", "AQAP", "IS–KP", "FSF"))
    assert not any(is_acronym(n) for n in ("al-Qaeda", "Hamas", "Islamic State", "A"))


def test_resolve_organisations_groups_and_canonical_names() -> None:
    names = [
        "IS-KP",
        "Islamic State",
        "ISIS-K",
        "Islamic State Khorasan",
        "the Islamic State",
        "Islamic State – Khorasan Province",
        "ISKP",
        "ISIS",
        "al-Qaeda",
        "AQAP",
        "al-Qaeda in the Arabian Peninsula",
        "Al Qaida",
        "FSF",
    ]
    groups = resolve_organisations(names)
    assert [(g.name, sorted(g.aliases)) for g in groups] == [
        (
            "Islamic State – Khorasan Province",
            ["IS-KP", "ISIS-K", "ISKP", "Islamic State Khorasan"],
        ),
        ("Islamic State", ["ISIS", "the Islamic State"]),
        ("al-Qaeda", ["Al Qaida"]),
        ("al-Qaeda in the Arabian Peninsula", ["AQAP"]),
        ("FSF", []),
    ]


def test_acronym_matching_two_groups_equally_stays_alone() -> None:
    groups = resolve_organisations(["Steppe Defence Front", "Southern Desert Force", "SDF"])
    assert [g.name for g in groups] == ["Steppe Defence Front", "Southern Desert Force", "SDF"]
