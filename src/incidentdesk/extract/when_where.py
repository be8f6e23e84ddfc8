"""When and where the main incident happened: date, clock time, zone, venue, city, region, country."""

from __future__ import annotations

import re

from incidentdesk.annotate.countries import country_of
from incidentdesk.annotate.pipeline import ATTACK_WORDS, AnnotatedDoc, Sentence
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact

_VENUE_HEADS = (
    r"Hall|Theat(?:re|er)|Arena|Stadium|Cent(?:re|er)|Mall|Mosque|Church|Cathedral|Synagogue|Temple|"
    r"Hotel|Market|School|University|College|Station|Airport|Club|Square|Bazaar|Park|Plaza|Embassy|"
    r"Hospital|Museum|Palace|Terminal|Bridge|Base|Barracks|Office|Building|Tower|Cafe|Café|"
    r"Restaurant|Bar|Concert Hall|Auditorium|Pavilion|Gallery|Library"
)
VENUE = re.compile(
    rf"\b(?:at|outside|inside|near|in)\s+(?:the\s+)?(?P<venue>(?:[A-Z][\w'’&.-]*\s+){{0,4}}(?:{_VENUE_HEADS}))\b"
)
_PLACE = r"[A-Z][\w'’.-]*(?:[\s-]+(?:[A-Z][\w'’.-]*|(?:al|el|de|del|la|of)\b))*"
PLACE_CHAIN = re.compile(rf"\bin\s+(?:the\s+)?(?P<chain>{_PLACE}(?:,\s+{_PLACE}){{0,4}})")
REGION_WORDS = re.compile(
    r"\b(?:Oblast|Province|Region|State|County|District|Governorate|Prefecture|Krai|Republic|"
    r"Department|Territory|Canton|Voivodeship|Emirate|Shire|Division)\b"
)
#: A lower-case word for a region right after a place chain: "in Chirilagua, San Miguel
#: department".
_REGION_AFTER = re.compile(
    r"\s+(?:department|province|region|district|municipality|jurisdiction|county)\b"
)
_POSSESSIVE = re.compile(r"['’]s$")
_NOT_PLACE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|The|A|An|In|On|At)$"
)


def _incident_sentences(doc: AnnotatedDoc) -> list[Sentence]:
    body = [s for s in doc.sentences if s.section == "" and refers_to(doc, s) == "main"]
    return [s for s in body if ATTACK_WORDS.search(s.text)][:6]


def extract_when(doc: AnnotatedDoc) -> list[Fact]:
    """The incident date and time as the document's own sentences state them."""
    facts: list[Fact] = []
    incident = doc.incident_date
    if incident is None:
        return facts
    day = incident.isoformat()
    for sent in doc.sentences:
        if any(d.date == day and d.precision == "day" for d in sent.dates):
            if ATTACK_WORDS.search(sent.text) and refers_to(doc, sent) == "main":
                facts.append(make_fact(doc, "date", day, sent.start, sent.end, "rules.when"))
                break
    times = 0
    for sent in _incident_sentences(doc):
        if sent.dates and not any(d.date == day for d in sent.dates):
            continue
        for t in sent.times:
            facts.append(make_fact(doc, "time", t.time, sent.start, sent.end, "rules.when"))
            if t.timezone:
                facts.append(
                    make_fact(doc, "timezone", t.timezone, sent.start, sent.end, "rules.when")
                )
            times += 1
            break
        if times >= 2:
            break
    return facts


def _places(chain: str, region_after: bool = False) -> dict[str, str]:
    """City, region and country of a comma chain ("Soyapango, San Salvador Department, El
    Salvador"): the last part is the country only when the gazetteer knows it;
    ``region_after``: the chain is followed by a lower-case word for a region ("Usulutan,
    Usulutan department"), so its last part is a region."""
    parts = [_POSSESSIVE.sub("", p.strip().rstrip(".")) for p in chain.split(",")]
    parts = [p for p in parts if p and not _NOT_PLACE.match(p)]
    out: dict[str, str] = {}
    if not parts:
        return out
    if len(parts) > 1 and country_of(parts[-1]) is not None:
        out["country"] = parts.pop()
        region_after = False  # the word after the chain follows the country: "Nigeria state media"
    if region_after or REGION_WORDS.search(parts[-1]):
        out["region"] = parts.pop()
    if parts:
        out["city"] = parts[-1]
    return out


def extract_where(doc: AnnotatedDoc) -> list[Fact]:
    """Venue, city, region and country from the sentences that describe the attack."""
    facts: list[Fact] = []
    seen: set[str] = set()
    for sent in _incident_sentences(doc):
        for m in VENUE.finditer(sent.text):
            venue = m.group("venue").strip()
            if "venue" not in seen:
                facts.append(make_fact(doc, "venue", venue, sent.start, sent.end, "rules.where"))
                seen.add("venue")
        for m in PLACE_CHAIN.finditer(sent.text):
            places = _places(m.group("chain"), bool(_REGION_AFTER.match(sent.text, m.end())))
            gpe = {e.text for e in sent.span.ents if e.label_ in ("GPE", "LOC")}
            for level, name in places.items():
                if level in seen:
                    continue
                if level != "region" and not any(name in g or g in name for g in gpe):
                    continue
                facts.append(make_fact(doc, level, name, sent.start, sent.end, "rules.where"))  # type: ignore[arg-type]
                seen.add(level)
    return facts
