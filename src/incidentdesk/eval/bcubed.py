"""B-cubed precision, recall and F1 of a clustering, also for overlapping (multi-label) gold.

Extended B-cubed (Amigó, Gonzalo, Artiles and Verdejo, "A comparison of extrinsic clustering
evaluation metrics based on formal constraints", Information Retrieval 12, 2009). Each item has a
set of predicted clusters C(e) and a set of gold categories L(e). For two items e, e'::

    multiplicity precision(e, e') = min(|C(e) ∩ C(e')|, |L(e) ∩ L(e')|) / |C(e) ∩ C(e')|
    multiplicity recall(e, e')    = min(|C(e) ∩ C(e')|, |L(e) ∩ L(e')|) / |L(e) ∩ L(e')|

Precision averages, over items e, the multiplicity precision of the items e' sharing a cluster
with e (e itself included); recall likewise over the items sharing a category with e. With one
cluster and one category per item this is ordinary B-cubed. When a partition (one cluster per item)
is scored against overlapping gold, an item with k categories scores at most 1/k recall against
itself, so the attainable recall is below 1.

Only items with at least one gold category are scored; an item without a predicted cluster is
taken as a cluster of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Set
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    """B-cubed figures and the sizes they were computed on."""

    precision: float
    recall: float
    items: int
    gold_groups: int
    predicted_clusters: int

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _members(assignment: Mapping[str, Set[Hashable]]) -> dict[Hashable, set[str]]:
    out: dict[Hashable, set[str]] = defaultdict(set)
    for item, labels in assignment.items():
        for label in labels:
            out[label].add(item)
    return out


def bcubed(predicted: Mapping[str, Set[Hashable]], gold: Mapping[str, Set[Hashable]]) -> BCubed:
    """Extended B-cubed of ``predicted`` (item -> clusters) against ``gold`` (item -> categories)."""
    items = sorted(i for i, labels in gold.items() if labels)
    if not items:
        return BCubed(0.0, 0.0, 0, 0, 0)
    clusters: dict[str, frozenset[Hashable]] = {}
    for item in items:
        found = predicted.get(item) or set()
        clusters[item] = frozenset(found) if found else frozenset({("singleton", item)})
    categories = {item: frozenset(gold[item]) for item in items}
    by_cluster = _members(clusters)
    by_category = _members(categories)
    precision = recall = 0.0
    for e in items:
        c_e, l_e = clusters[e], categories[e]
        peers = set().union(*(by_cluster[c] for c in c_e))
        p_sum = 0.0
        for other in peers:
            shared_c = len(c_e & clusters[other])
            p_sum += min(shared_c, len(l_e & categories[other])) / shared_c
        precision += p_sum / len(peers)
        mates = set().union(*(by_category[label] for label in l_e))
        r_sum = 0.0
        for other in mates:
            shared_l = len(l_e & categories[other])
            r_sum += min(len(c_e & clusters[other]), shared_l) / shared_l
        recall += r_sum / len(mates)
    return BCubed(
        precision=precision / len(items),
        recall=recall / len(items),
        items=len(items),
        gold_groups=len(by_category),
        predicted_clusters=len(by_cluster),
    )


def partition(assignment: Mapping[str, Hashable]) -> dict[str, set[Hashable]]:
    """A one-cluster-per-item assignment (item -> cluster id) in the form ``bcubed`` takes."""
    return {item: {cluster} for item, cluster in assignment.items()}
