"""Restoring the case of all-capital wire copy (invented sentences)."""

from __future__ import annotations

from incidentdesk.annotate.casing import is_shouting, truecase
from incidentdesk.eval.muc4_source import parse_header

SHOUTING = (
    "GUERRILLAS OF THE PEOPLES ARMED VANGUARD [PAV] ATTACKED A POLICE POST IN QUETZALTOJA "
    "ON 14 MARCH, THE MINISTER SAID IN BOGOTA.  THE ATTACK MAY HAVE BEEN A REPRISAL."
)


def test_length_and_letters_are_kept() -> None:
    out = truecase(SHOUTING)
    assert len(out) == len(SHOUTING)
    assert out.upper() == SHOUTING


def test_words_names_months_and_acronyms() -> None:
    out = truecase(SHOUTING)
    assert out.startswith("Guerrillas of the peoples armed")
    assert "[PAV]" in out
    assert "Quetzaltoja" in out  # not a dictionary word: a name
    assert "14 March" in out
    assert "Bogota" in out  # a place the gazetteer knows
    assert "The attack may have" in out  # a new sentence; "may" is a verb here


def test_mixed_case_text_is_unchanged() -> None:
    text = "Police said the attack in Torvik began at 9 p.m."
    assert not is_shouting(text)
    assert truecase(text) == text


def test_dateline_header() -> None:
    line = parse_header("PUERTO LINDO, 3 JAN 90 (RADIO SUR) -- [REPORT] [TEXT]")
    assert line.text == "PUERTO LINDO, 3 JAN 90 (RADIO SUR)"
    assert line.published == "1990-01-03"
    assert parse_header("PUERTO LINDO, 25 JAN (RADIO SUR) -- [TEXT]").published is None
    assert parse_header("CLANDESTINE, NO DATE (RADIO SUR) -- [TEXT]").published is None
