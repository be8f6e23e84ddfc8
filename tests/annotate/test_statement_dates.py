"""A date in a sentence about an attack dates the attack only when the parse hangs it from the
attack, not from a statement or another happening (annotate/statement_dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from incidentdesk.annotate.pipeline import annotate, main_incident_date
from incidentdesk.model import Document, SourceDocument, content_id

PUBLISHED = "2031-06-12T08:00:00+00:00"


def _incident_date(body: str) -> date | None:
    text = "Velmora, 12 June 2031\n\n" + body
    document = Document(id=content_id(text), source="test", kind="news", published=PUBLISHED)
    doc = annotate(SourceDocument(document=document, text=text))
    assert doc.sentences, "the text was read"
    # the date the sentences state (``doc.incident_date`` falls back on the publication date)
    return main_incident_date(doc.sentences, doc.source)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the attack word governs the date
        ("Gunmen attacked the checkpoint outside Velmora on 3 June.", date(2031, 6, 3)),
        ("Four guards were killed at the depot on 2 June.", date(2031, 6, 2)),
        # "opened fire" is an attack although "open" may date other happenings
        ("Two men opened fire on the bus station on 5 June.", date(2031, 6, 5)),
        # words for the attackers and the wounded also make a sentence about the attack
        (
            "Police are hunting the assassins who riddled the mayor's car on 7 June.",
            date(2031, 6, 7),
        ),
        ("Nine soldiers were wounded on 6 June when their truck hit a mine.", date(2031, 6, 6)),
        # the attack is the subject of a neutral verb that takes the date
        ("The ambush began at dusk on 4 June near the river crossing.", date(2031, 6, 4)),
        # a statement, a hearing and a visit are dated, not the attack
        (
            "On 10 June the lawyer of the family made a statement to the court about the "
            "murder of the two teachers.",
            None,
        ),
        (
            "A delegation of the union arrived in Velmora on 9 June to demand an inquiry into "
            "the killing of the miners.",
            None,
        ),
        ("The prosecutor said on 11 June that the bombing had been planned for weeks.", None),
    ],
)
def test_which_dates_date_the_attack(body: str, expected: date | None) -> None:
    assert _incident_date(body) == expected


def test_a_later_sentence_gives_the_attack_date_when_the_first_dates_a_statement() -> None:
    body = (
        "On 10 June the minister made a statement to parliament about the murder of the judge. "
        "The judge was murdered outside his house on 1 June."
    )
    assert _incident_date(body) == date(2031, 6, 1)


def test_a_day_after_the_report_does_not_date_the_attack() -> None:
    # read as 20 June 2031, after the report of 12 June: the day of the vote, not of the attacks
    body = "Rebels attacked three polling stations to disrupt the vote planned for 20 June."
    assert _incident_date(body) is None
