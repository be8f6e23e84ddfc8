"""A small, hand-built record of a fictional incident for the renderer tests."""

from __future__ import annotations

import pytest

from incidentdesk.model import (
    Claim,
    Conflict,
    Document,
    Evidence,
    Figure,
    FigureReport,
    Incident,
    Location,
    Perpetrators,
    Person,
    Record,
    TimelineItem,
    content_id,
)

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_IMG = '<img src=x onerror="alert(2)">'

NEWS_TEXT = (
    "PORT SALDOR, 3 March 2032 — At least 5 people were killed and 14 hurt when a parcel bomb "
    "exploded at the Harbour Street fish market, the port authority said, citing the fire service. "
    "Witness Odile Marsh, 52, said the blast came at 07:15. "
    f"A vendor's sign read {HOSTILE_IMG} after the blast."
)
OFFICIAL_TEXT = (
    "Title: Update on the Harbour Street explosion\n"
    "Kind: official\n\n"
    "As of 18:00 on 4 March, 7 people have died. Police arrested Tomas Vell, 38, on 4 March. "
    "Vell denied that he | or anyone he knew | had built the device. "
    "The [bold]Saldor Liberation Cell[/bold] said it planted the bomb."
)

NEWS_ID = content_id(NEWS_TEXT)
OFFICIAL_ID = content_id(OFFICIAL_TEXT)


def span(document: str, text: str, phrase: str) -> Evidence:
    """Evidence for the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return Evidence(document=document, start=start, end=start + len(phrase), text=phrase)


def news(phrase: str) -> Evidence:
    return span(NEWS_ID, NEWS_TEXT, phrase)


def official(phrase: str) -> Evidence:
    return span(OFFICIAL_ID, OFFICIAL_TEXT, phrase)


def build_record() -> Record:
    """The fictional Harbour Street market bombing, told by two documents."""
    news_doc = Document(
        id=NEWS_ID,
        source="harbour/news.html",
        title=HOSTILE_TITLE,
        kind="news",
        publisher="Saldor Tide",
        author="Ines Okafor",
        published="2032-03-03T09:40:00+01:00",
        url="https://saldortide.example/harbour-blast",
        chars=len(NEWS_TEXT),
        reported_at="2032-03-03T09:40:00+01:00",
        reported_at_basis="published",
    )
    official_doc = Document(
        id=OFFICIAL_ID,
        source="harbour/police.txt",
        title="Update on the Harbour Street explosion",
        kind="official",
        publisher="Port Saldor Police",
        published="2032-03-04T19:00:00+01:00",
        chars=len(OFFICIAL_TEXT),
        reported_at="2032-03-04T19:00:00+01:00",
        reported_at_basis="published",
    )
    killed_early = FigureReport(
        kind="killed",
        value=5,
        qualifier="at least",
        scope="total",
        reported_at="2032-03-03T09:40:00+01:00",
        document=NEWS_ID,
        attributed_to=["port authority", "fire service"],
        hedged=False,
        includes_perpetrators=None,
        evidence=news("At least 5 people were killed"),
    )
    killed_late = FigureReport(
        kind="killed",
        value=7,
        qualifier="exact",
        scope="total",
        reported_at="2032-03-04T18:00:00+01:00",
        document=OFFICIAL_ID,
        attributed_to=[],
        hedged=False,
        includes_perpetrators=False,
        evidence=official("7 people have died"),
    )
    injured = FigureReport(
        kind="injured",
        value=14,
        qualifier="exact",
        scope="total",
        reported_at="2032-03-03T09:40:00+01:00",
        document=NEWS_ID,
        attributed_to=["port authority", "fire service"],
        hedged=True,
        includes_perpetrators=None,
        evidence=news("14 hurt"),
    )
    incident = Incident(
        id="inc-harbour-2032",
        title="Harbour Street market bombing",
        documents=[NEWS_ID, OFFICIAL_ID],
        date="2032-03-03",
        time="07:15",
        timezone="CET",
        location=Location(
            venue="Harbour Street fish market", city="Port Saldor", region="Saldor Coast"
        ),
        attack_types=["bombing"],
        weapons=["explosive device"],
        targets=["civilians", "business"],
        killed=Figure(
            value=7,
            qualifier="exact",
            as_of="2032-03-04",
            basis="latest official figure",
            sources=[OFFICIAL_ID],
            evidence=[official("7 people have died")],
        ),
        injured=Figure(
            value=14,
            qualifier="exact",
            as_of=None,
            basis="only figure reported",
            sources=[NEWS_ID],
            evidence=[news("14 hurt")],
        ),
        figures=[killed_late, killed_early, injured],
        perpetrators=Perpetrators(people=["Tomas Vell"], count=1),
        claimed_by=["Saldor Liberation Cell"],
        people=[
            Person(
                name="Odile Marsh",
                roles=["witness"],
                age=52,
                evidence=[news("Witness Odile Marsh, 52")],
            ),
            Person(
                name="Tomas Vell",
                aliases=["Vell"],
                roles=["suspect"],
                age=38,
                evidence=[official("Tomas Vell, 38")],
            ),
        ],
        timeline=[
            TimelineItem(
                date="2032-03-03",
                time="07:15",
                text=f"Parcel bomb explodes; a sign reads {HOSTILE_IMG}",
                documents=[NEWS_ID],
                evidence=[news(f"A vendor's sign read {HOSTILE_IMG} after the blast.")],
            ),
            TimelineItem(
                date="2032-03-04",
                text="Police arrest Tomas Vell | suspect",
                documents=[OFFICIAL_ID],
                evidence=[official("Police arrested Tomas Vell, 38, on 4 March.")],
            ),
        ],
        claims=[
            Claim(
                claim="[bold]Saldor Liberation Cell[/bold] planted the bomb",
                asserted_by=["Saldor Liberation Cell"],
                denied_by=["Tomas Vell"],
                status="disputed",
                evidence=[official("said it planted the bomb")],
            )
        ],
        conflicts=[
            Conflict(
                field="killed",
                values=[5, 7],
                documents=[NEWS_ID, OFFICIAL_ID],
                note="the toll rose between the two reports",
            )
        ],
        evidence={"date": [news("3 March 2032")], "venue": [news("Harbour Street fish market")]},
    )
    return Record(incidents=[incident], documents=[news_doc, official_doc])


@pytest.fixture
def record() -> Record:
    return build_record()
