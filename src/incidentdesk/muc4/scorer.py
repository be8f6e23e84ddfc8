"""The MUC-4 scores of ../shared/data/muc4/README.md.

Main figure: the document-level role-filler entity score (micro P/R/F1 over PerpInd,
PerpOrg, Target, Victim, Weapon). Secondary figures, on templates paired with gold
templates by their overlap: incident-type accuracy and type-set P/R/F1, date and location
exact match (location also by country), and effect-label P/R/F1 (with and without target).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from incidentdesk.muc4.data import ROLE_NAMES, ROLES, Record, entity_strings, gold_entities
from incidentdesk.muc4.normalize import body_for_presence, normalize, occurs_in


@dataclass
class PRF:
    """Counts behind a precision / recall / F1 figure."""

    correct: int = 0  # correct predictions
    predicted: int = 0  # predictions that count (neutral ones excluded)
    found: int = 0  # gold items found
    gold: int = 0  # gold items that count (optional ones excluded)

    def add(self, other: PRF) -> None:
        self.correct += other.correct
        self.predicted += other.predicted
        self.found += other.found
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return 100.0 * self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "p": round(self.precision, 2),
            "r": round(self.recall, 2),
            "f1": round(self.f1, 2),
            "correct": self.correct,
            "predicted": self.predicted,
            "found": self.found,
            "gold": self.gold,
        }


# --------------------------------------------------------------------------- matching


def max_matching(
    n_left: int, n_right: int, edge: Callable[[int, int], bool], order: Sequence[int]
) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn); right vertices are tried in ``order``.

    Augmenting paths never unmatch a matched right vertex, so trying the required gold
    entities first maximises how many of them are matched, and the optional ones then
    take whatever predictions are left. Returns {left: right}.
    """
    adj = [[r for r in range(n_right) if edge(l_, r)] for l_ in range(n_left)]
    radj: list[list[int]] = [[] for _ in range(n_right)]
    for l_, rs in enumerate(adj):
        for r in rs:
            radj[r].append(l_)
    match_left: dict[int, int] = {}
    match_right: dict[int, int] = {}

    def augment(r: int, seen: set[int]) -> bool:
        for l_ in radj[r]:
            if l_ in seen:
                continue
            seen.add(l_)
            if l_ not in match_left or augment(match_left[l_], seen):
                match_left[l_] = r
                match_right[r] = l_
                return True
        return False

    for r in order:
        augment(r, set())
    return match_left


# --------------------------------------------------------------------------- entities


def predicted_entities(record: Record, role: str) -> list[set[str]]:
    """A prediction's entities for one role, as sets of normalised strings.

    The same union rule as for the gold applies (subset/superset counted once, across
    and within templates), except that an item repeated verbatim inside one template is
    a duplicate and stays a separate (wrong) prediction.
    """
    merged: list[set[str]] = []
    for template in record.get("templates") or []:
        seen: set[frozenset[str]] = set()
        for item in template.get(role) or []:
            norm = {normalize(s) for s in entity_strings(item)}
            norm.discard("")
            if not norm:
                continue
            key = frozenset(norm)
            if key in seen:
                merged.append(norm)
                continue
            seen.add(key)
            for i, have in enumerate(merged):
                if norm <= have or have <= norm:
                    merged[i] = have | norm
                    break
            else:
                merged.append(norm)
    return merged


def score_message_role(gold: Record, pred: Record | None, role: str) -> PRF:
    """Entity counts of one message and role."""
    body = body_for_presence(gold.get("text", ""))
    gold_ents = gold_entities(gold, role)
    gold_norm = [{normalize(s) for s in ent} for ent in gold_ents]
    required = [any(occurs_in(s, body) for s in ent) for ent in gold_ents]
    preds = predicted_entities(pred, role) if pred else []
    order = [i for i, req in enumerate(required) if req] + [
        i for i, req in enumerate(required) if not req
    ]
    matching = max_matching(
        len(preds), len(gold_ents), lambda p, g: preds[p] <= gold_norm[g], order
    )
    correct = sum(1 for g in matching.values() if required[g])
    neutral = len(matching) - correct
    return PRF(
        correct=correct,
        predicted=len(preds) - neutral,
        found=correct,
        gold=sum(required),
    )


@dataclass
class EntityScore:
    total: PRF = field(default_factory=PRF)
    per_role: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    per_message: dict[str, PRF] = field(default_factory=dict)


def score_entities(gold: Iterable[Record], predictions: Mapping[str, Record]) -> EntityScore:
    result = EntityScore()
    for rec in gold:
        msg = PRF()
        for role in ROLES:
            counts = score_message_role(rec, predictions.get(rec["id"]), role)
            result.per_role[role].add(counts)
            result.total.add(counts)
            msg.add(counts)
        result.per_message[rec["id"]] = msg
    return result


# --------------------------------------------------------------------------- templates

_ENTITY_FIELDS = (*ROLES, "hum_target_description")


def _alternatives(template: Record, key: str) -> list[str]:
    alts = (template.get("alternatives") or {}).get(key)
    if alts:
        return [str(a) for a in alts]
    value = template.get(key)
    return [str(value)] if value else []


def _template_overlap(pred: Record, gold: Record) -> float:
    n = 0.0
    for key in _ENTITY_FIELDS:
        gold_sets = [{normalize(s) for s in entity_strings(e)} for e in gold.get(key) or []]
        for item in pred.get(key) or []:
            norm = {normalize(s) for s in entity_strings(item)}
            if norm and any(norm <= g for g in gold_sets):
                n += 1
    if pred.get("incident_type") in _alternatives(gold, "incident_type"):
        n += 0.5
    if _norm_loc(pred.get("location")) in {_norm_loc(a) for a in _alternatives(gold, "location")}:
        n += 0.25
    if pred.get("date") and pred.get("date") in _alternatives(gold, "date"):
        n += 0.25
    return n


def pair_templates(pred: Sequence[Record], gold: Sequence[Record]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of predicted and gold templates by overlap (> 0)."""
    scores = sorted(
        (
            (-_template_overlap(p, g), g.get("optional", False), i, j)
            for i, p in enumerate(pred)
            for j, g in enumerate(gold)
        ),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for neg, _opt, i, j in scores:
        if neg >= 0:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _norm_loc(loc: Any) -> str:
    if not isinstance(loc, str):
        return ""
    return " ".join(loc.upper().split())


def _country(loc: Any) -> str:
    return _norm_loc(loc).split(":")[0].strip()


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return 100.0 * self.hits / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"rate": round(self.value, 2), "hits": self.hits, "total": self.total}


@dataclass
class TemplateScore:
    templates: PRF = field(default_factory=PRF)  # paired templates vs predicted / required gold
    type_accuracy: Rate = field(default_factory=Rate)
    type_set: PRF = field(default_factory=PRF)
    date: Rate = field(default_factory=Rate)
    location: Rate = field(default_factory=Rate)
    country: Rate = field(default_factory=Rate)
    hum_effect: PRF = field(default_factory=PRF)
    hum_effect_target: PRF = field(default_factory=PRF)
    phys_effect: PRF = field(default_factory=PRF)
    phys_effect_target: PRF = field(default_factory=PRF)


def _effect_items(
    template: Record, key: str, entity_keys: Sequence[str]
) -> list[tuple[set[str], set[str] | None, bool]]:
    """Gold effect items: (acceptable labels, acceptable target strings or None, optional)."""
    optional_idx = set((template.get("optional_fillers") or {}).get(key, []))
    out: list[tuple[set[str], set[str] | None, bool]] = []
    for k, item in enumerate(template.get(key) or []):
        if isinstance(item, str):
            labels, target = {item}, None
        elif isinstance(item, dict):
            labels = {str(a) for a in item.get("alternatives") or [item.get("effect")] if a}
            target = item.get("target")
        else:
            continue
        targets: set[str] | None = None
        if isinstance(target, str):
            targets = {normalize(target)}
            for ek in entity_keys:
                for ent in template.get(ek) or []:
                    strs = entity_strings(ent)
                    if strs and strs[0] == target:
                        targets |= {normalize(s) for s in strs}
        out.append((labels, targets, k in optional_idx or bool(template.get("optional"))))
    return out


def _pred_effects(template: Record, key: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for item in template.get(key) or []:
        if isinstance(item, str):
            out.append((item, None))
        elif isinstance(item, dict) and item.get("effect"):
            tgt = item.get("target")
            out.append((str(item["effect"]), normalize(tgt) if isinstance(tgt, str) else None))
    return out


def _score_effects(
    gold_t: Sequence[Record],
    pred_t: Sequence[Record],
    key: str,
    entity_keys: Sequence[str],
    with_target: bool,
) -> PRF:
    dedup: dict[tuple[frozenset[str], frozenset[str] | None], bool] = {}
    for t in gold_t:
        for labels, targets, opt in _effect_items(t, key, entity_keys):
            k = (frozenset(labels), frozenset(targets) if targets is not None else None)
            dedup[k] = dedup.get(k, True) and opt
    gold_items = [
        (set(labels), set(targets) if targets is not None else None, opt)
        for (labels, targets), opt in dedup.items()
    ]
    preds = {
        (lab, tgt if with_target else None) for t in pred_t for lab, tgt in _pred_effects(t, key)
    }
    if not with_target:
        # Label sets: a gold label counts once per message.
        req = {frozenset(labels) for labels, _, opt in gold_items if not opt}
        allowed = {lab for labels, _, _ in gold_items for lab in labels}
        correct = sum(1 for lab, _ in preds if lab in allowed)
        found = sum(1 for labels in req if any((lab, None) in preds for lab in labels))
        return PRF(correct=correct, predicted=len(preds), found=found, gold=len(req))

    def ok(pred: tuple[str, str | None], item: tuple[set[str], set[str] | None, bool]) -> bool:
        lab, tgt = pred
        labels, targets, _ = item
        if lab not in labels:
            return False
        if targets is None:
            return tgt is None
        return tgt is not None and tgt in targets

    plist = sorted(preds, key=lambda x: (x[0], x[1] or ""))
    order = [i for i, it in enumerate(gold_items) if not it[2]] + [
        i for i, it in enumerate(gold_items) if it[2]
    ]
    matching = max_matching(
        len(plist), len(gold_items), lambda p, g: ok(plist[p], gold_items[g]), order
    )
    correct = sum(1 for g in matching.values() if not gold_items[g][2])
    neutral = len(matching) - correct
    return PRF(
        correct=correct,
        predicted=len(plist) - neutral,
        found=correct,
        gold=sum(1 for it in gold_items if not it[2]),
    )


def score_templates(gold: Iterable[Record], predictions: Mapping[str, Record]) -> TemplateScore:
    res = TemplateScore()
    hum_keys = ("hum_target_name", "hum_target_description")
    for rec in gold:
        gold_t: list[Record] = list(rec.get("templates") or [])
        pred_rec = predictions.get(rec["id"]) or {}
        pred_t: list[Record] = list(pred_rec.get("templates") or [])
        pairs = pair_templates(pred_t, gold_t)
        paired_gold = {j for _, j in pairs}
        n_opt_paired = sum(1 for _, j in pairs if gold_t[j].get("optional"))
        res.templates.add(
            PRF(
                correct=len(pairs) - n_opt_paired,
                predicted=len(pred_t) - n_opt_paired,
                found=sum(1 for j in paired_gold if not gold_t[j].get("optional")),
                gold=sum(1 for t in gold_t if not t.get("optional")),
            )
        )
        for i, j in pairs:
            g, p = gold_t[j], pred_t[i]
            if g.get("optional"):
                continue
            res.type_accuracy.total += 1
            res.type_accuracy.hits += p.get("incident_type") in _alternatives(g, "incident_type")
            if g.get("date"):
                res.date.total += 1
                res.date.hits += bool(p.get("date")) and p.get("date") in _alternatives(g, "date")
            if g.get("location"):
                alts = _alternatives(g, "location")
                res.location.total += 1
                res.location.hits += _norm_loc(p.get("location")) in {_norm_loc(a) for a in alts}
                res.country.total += 1
                res.country.hits += _country(p.get("location")) in {_country(a) for a in alts}
        # Per-message incident-type sets.
        req_types = [
            set(_alternatives(t, "incident_type")) for t in gold_t if not t.get("optional")
        ]
        allowed = {a for t in gold_t for a in _alternatives(t, "incident_type")}
        req_unique = {frozenset(s) for s in req_types if s}
        pred_types = {str(t.get("incident_type")) for t in pred_t if t.get("incident_type")}
        res.type_set.add(
            PRF(
                correct=sum(1 for t in pred_types if t in allowed),
                predicted=len(pred_types),
                found=sum(1 for s in req_unique if s & pred_types),
                gold=len(req_unique),
            )
        )
        res.hum_effect.add(_score_effects(gold_t, pred_t, "hum_target_effect", hum_keys, False))
        res.hum_effect_target.add(
            _score_effects(gold_t, pred_t, "hum_target_effect", hum_keys, True)
        )
        res.phys_effect.add(
            _score_effects(gold_t, pred_t, "phys_target_effect", ("phys_target",), False)
        )
        res.phys_effect_target.add(
            _score_effects(gold_t, pred_t, "phys_target_effect", ("phys_target",), True)
        )
    return res


# --------------------------------------------------------------------------- report


def evaluate(gold: Sequence[Record], predictions: Iterable[Record]) -> dict[str, Any]:
    """All figures as a JSON-able dict."""
    by_id = {p["id"]: p for p in predictions if "id" in p}
    ents = score_entities(gold, by_id)
    tmpl = score_templates(gold, by_id)
    return {
        "messages": len(gold),
        "entities": {
            "micro": ents.total.as_dict(),
            "per_role": {ROLE_NAMES[r]: ents.per_role[r].as_dict() for r in ROLES},
        },
        "templates": {
            "pairing": tmpl.templates.as_dict(),
            "incident_type_accuracy": tmpl.type_accuracy.as_dict(),
            "incident_type_set": tmpl.type_set.as_dict(),
            "date_exact": tmpl.date.as_dict(),
            "location_exact": tmpl.location.as_dict(),
            "location_country": tmpl.country.as_dict(),
            "hum_effect": tmpl.hum_effect.as_dict(),
            "hum_effect_with_target": tmpl.hum_effect_target.as_dict(),
            "phys_effect": tmpl.phys_effect.as_dict(),
            "phys_effect_with_target": tmpl.phys_effect_target.as_dict(),
        },
        "per_message": {k: v.as_dict() for k, v in ents.per_message.items()},
    }
