"""Small news cases the linking rule must keep right, whatever its weights.

MUC-4 (where the weights are fitted) has few undated follow-ups, feature stories or reports
months later, so a fit on it alone could make ordinary news worse. These fictional cases pin that
behaviour down: ``tests/resolve/test_linking.py`` checks them against ``WEIGHTS``, and the weight
search of ``incidentdesk eval clusters --fit`` only takes a step that keeps every one of them.
The lead embeddings are synthetic unit vectors with a chosen cosine to a common base vector.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from incidentdesk.model import Document, Evidence, Fact
from incidentdesk.resolve.linking import LINK_THRESHOLD, link_score
from incidentdesk.resolve.profile import DocProfile, build_profile, encode_vector

DIM = 384


def _unit(seed: int) -> npt.NDArray[np.float32]:
    vector = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


@cache
def _basis() -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    base = _unit(1)
    other = _unit(2)
    orthogonal = other - float(np.dot(base, other)) * base
    return base, (orthogonal / np.linalg.norm(orthogonal)).astype(np.float32)


def vec(cos: float) -> npt.NDArray[np.float32]:
    """A unit vector whose cosine with the common base vector is ``cos``."""
    base, orthogonal = _basis()
    return (cos * base + float(np.sqrt(1 - cos**2)) * orthogonal).astype(np.float32)


def doc(ident: str, published: str | None = None) -> Document:
    """A news document reported (and published) at ``published``."""
    return Document(id=ident, source=ident, kind="news", published=published, reported_at=published)


def fact(document: str, field: str, value: object, refers_to: str = "main") -> Fact:
    """A fact with an empty evidence span (profiles do not read evidence)."""
    return Fact(
        document=document,
        field=field,
        value=value,
        refers_to=refers_to,
        evidence=Evidence(document=document, start=0, end=0, text=""),
        extractor="test",
    )


def profile(ident: str, cos: float = 0.8, **values: object) -> DocProfile:
    """A profile given field by field, with a lead embedding at cosine ``cos`` to the base."""
    return DocProfile(document=ident, vector=encode_vector(vec(cos)), **values)  # type: ignore[arg-type]


FIRST_TEXT = "Gunmen stormed the Lakeside Hall in Torvik, Norway on Friday, killing four."
FIRST_FACTS = (
    fact("d1", "date", "2031-05-09"),
    fact("d1", "country", "Norway"),
    fact("d1", "city", "Torvik"),
    fact("d1", "attack_type", "shooting"),
    fact("d1", "person", {"name": "Arvid Solberg", "roles": ["victim"]}),
)


def first_report(*extra: Fact) -> DocProfile:
    """The first report of the fictional Torvik shooting (plus ``extra`` facts)."""
    return build_profile(doc("d1", "2031-05-10"), [*FIRST_FACTS, *extra], FIRST_TEXT, vec(1.0))


@dataclass(frozen=True)
class LinkCase:
    """Two profiles and whether the rule must link them (score >= ``LINK_THRESHOLD``)."""

    name: str
    first: DocProfile
    second: DocProfile
    same_incident: bool

    def holds(self, weights: dict[str, float] | None = None) -> bool:
        """Whether the rule (with ``weights``, default ``WEIGHTS``) decides this case right."""
        linked = link_score(self.first, self.second, weights) >= LINK_THRESHOLD
        return linked == self.same_incident


def _feature_story() -> DocProfile:
    return build_profile(
        doc("d9", "2031-05-11"),
        [fact("d9", "attack_type", "shooting")],
        "Kari Lunde had gone to the Lakeside Hall to hear her son play when the shooting began.",
        vec(0.65),
    )


def _follow_up() -> DocProfile:
    text = (
        "A fourth victim of the Lakeside Hall shooting, Arvid Solberg, has died. "
        "The trial of Jon Brekke opens next week."
    )
    return build_profile(
        doc("d11", "2031-09-30"), [fact("d11", "date", "2031-09-29")], text, vec(0.65)
    )


@cache
def news_cases() -> tuple[LinkCase, ...]:
    """The cases, each with a name that says what it protects."""
    first = first_report()
    with_venue = first_report(fact("d1", "venue", "Lakeside Hall"))
    with_suspect = first_report(
        fact("d1", "venue", "Lakeside Hall"),
        fact("d1", "person", {"name": "Jon Brekke", "roles": ["suspect"]}),
    )
    story = _feature_story()
    return (
        LinkCase(
            "same incident reported again two days later",
            first,
            profile(
                "d2",
                cos=0.75,
                date="2031-05-09",
                reported="2031-05-11",
                country="Norway",
                country_stated=True,
                places=("torvik",),
                attack_types=("shooting",),
                people=("arvid solberg",),
            ),
            True,
        ),
        LinkCase(
            "a kidnapping the same day in the same country",
            first,
            profile(
                "d5", cos=0.3, date="2031-05-09", country="Norway", attack_types=("kidnapping",)
            ),
            False,
        ),
        LinkCase(
            "an undated report on the same topic with nothing specific",
            first,
            profile("d7", cos=0.95, country="Norway", attack_types=("shooting",)),
            False,
        ),
        LinkCase(
            "an undated report naming the same victim",
            first,
            profile(
                "d8",
                cos=0.95,
                country="Norway",
                attack_types=("shooting",),
                people=("arvid solberg",),
            ),
            True,
        ),
        LinkCase(
            "a feature story two days later naming the stated venue",
            with_venue,
            story,
            True,
        ),
        LinkCase(
            "the same story without the venue's name",
            with_venue,
            dataclasses.replace(story, document="d10", names=("kari lunde",)),
            False,
        ),
        LinkCase(
            "a follow-up months later naming the venue, a victim and the suspect",
            with_suspect,
            _follow_up(),
            True,
        ),
    )
