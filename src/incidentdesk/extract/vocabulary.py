"""Normalised labels for attack types, weapons and targets (documented in docs/vocabulary.md).

Each label maps to the regular expressions that name it in text; infobox values and sentences
are both normalised through these tables.
"""

from __future__ import annotations

import re

ATTACK_TYPES: dict[str, str] = {
    "mass shooting": r"mass shooting|shooting spree|opened fire on (?:the )?(?:crowd|people|worshippers)"
    r"|fired (?:indiscriminately|into (?:the )?crowds?)|shooting indiscriminately",
    "shooting": r"shooting|gunfire|shot dead|gunned down|opened fire",
    "bombing": r"bombings?|bomb attack|explosive device|car bomb|truck bomb|blew up|detonated",
    "suicide bombing": r"suicide bomb(?:ing|er)s?",
    "arson": r"arson|set (?:the \w+ )?(?:on )?fire|set fire|incendiary|petrol bombs?|molotov",
    "stabbing": r"stabb(?:ing|ed)s?|slash(?:ing|ed)|knife attack|throat[- ]slitting|slit(?:ting)? the throat",
    "hostage taking": r"hostage[- ]taking|took (?:\w+ )?hostages?|held hostage|siege",
    "kidnapping": r"kidnapp(?:ing|ed)|abduct(?:ion|ed)",
    "vehicle ramming": r"ramm(?:ing|ed) (?:into )?(?:a |the )?crowd|vehicle[- ]ramming|drove (?:a |the )?\w+ into",
    "assassination": r"assassinat(?:ion|ed)",
    "massacre": r"massacre",
}
WEAPONS: dict[str, str] = {
    "assault rifle": r"assault rifles?|kalashnikovs?|ak[-–]?47s?|ak[-–]style|automatic (?:weapons|rifles)"
    r"|machine ?guns?|rifles?",
    "pistol": r"pistols?|handguns?|revolvers?",
    "firearm": r"firearms?|guns?",
    "knife": r"knife|knives|blades?|machetes?",
    "incendiary device": r"molotov cocktails?|petrol bombs?|incendiary devices?|firebombs?",
    "explosive device": r"explosive devices?|ieds?|bombs?|grenades?|explosives?|dynamite|suicide vests?|explosive belts?",
    "vehicle": r"(?:car|truck|van|lorry) (?:used )?as a weapon|ramming vehicle",
}
TARGETS: dict[str, str] = {
    "civilians": r"civilians?|concert-?goers|crowds?|spectators|shoppers|passers-?by|worshippers|audience",
    "entertainment venue": r"concert (?:hall|venue)|music venue|theat(?:re|er)|nightclub|stadium|cinema|festival",
    "religious site": r"mosque|church|synagogue|temple|cathedral",
    "government": r"ministry|parliament|government (?:building|office)|city hall|embassy",
    "police": r"police (?:station|post|officers?)|checkpoint",
    "military": r"military base|barracks|soldiers|army post",
    "transport": r"airport|railway station|train station|metro|bus station|subway|market",
    "school": r"school|university|college",
    "business": r"shopping (?:centre|center|mall)|hotel|restaurant|bank|office block|market",
}


def _compile(table: dict[str, str]) -> list[tuple[str, re.Pattern[str]]]:
    return [(label, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for label, rx in table.items()]


_ATTACK = _compile(ATTACK_TYPES)
_WEAPON = _compile(WEAPONS)
_TARGET = _compile(TARGETS)


def _labels(text: str, table: list[tuple[str, re.Pattern[str]]]) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for label, rx in table:
        for m in rx.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((label, m.start(), m.end()))
    return found


def attack_types(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) for every attack-type phrase in ``text``."""
    return _labels(text, _ATTACK)


def weapons(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) for every weapon phrase in ``text``."""
    return _labels(text, _WEAPON)


def targets(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) for every target phrase in ``text``."""
    return _labels(text, _TARGET)


# Head nouns the sentence vocabulary does not read on their own (a "bus" or a "device" in a
# sentence is not yet a target or a weapon) but that label a span the model gave that role.
MODEL_WEAPON_HEADS: dict[str, str] = {
    **dict.fromkeys(
        ("device", "devices", "charge", "charges", "mine", "mines"), "explosive device"
    ),
    **dict.fromkeys(("shotgun", "shotguns", "carbine", "carbines"), "firearm"),
}
MODEL_TARGET_HEADS: dict[str, str] = {
    **dict.fromkeys(
        ("bus", "buses", "train", "trains", "tram", "trams", "ferry", "plane", "aircraft"),
        "transport",
    ),
    **dict.fromkeys(
        ("shop", "shops", "store", "stores", "supermarket", "mall", "cafe", "café", "pub"),
        "business",
    ),
    **dict.fromkeys(("courthouse", "consulate"), "government"),
}
