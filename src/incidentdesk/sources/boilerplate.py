"""Generic rules that remove page furniture from a plain-text dump of a news web page.

The rules are about the shape of web pages, not about any one site:

* whole lines that are furniture: "Skip to content", "Edit post", "Subscribe", "* indicates
  required", "Enter your email", share bars, card-brand rows, "This audio is created with AI
  assistance", "2 min read" ...;
* membership and donation appeals: a line that asks for money or members *and* addresses the
  readers ("help us", "our readers", "readers like you" ...);
* photo captions that end in a credit such as ``(Name/AFP via Getty Images)``;
* a related-story teaser: a short headline line directly followed by a paragraph cut off
  mid-word with "…";
* a block of unrelated stories introduced by a line such as "News Feed", "MORE NEWS",
  "Editors' Picks" or "Related": that line and everything after it go (only once the article
  has begun, so a navigation menu above the headline cannot swallow the story).
"""

from __future__ import annotations

import re

from incidentdesk.sources.lines import looks_like_headline, tidy

_FURNITURE = re.compile(
    r"""^(?:
        skip\ to\ (?:the\ )?(?:main\ )?content
      | edit\ (?:post|article|this\ page)
      | this\ audio\ is\ (?:created|generated)\ with\ ai(?:\ assistance)?
      | listen\ to\ (?:this|the)\ (?:article|story)(?:\ \d+\ min(?:utes?)?)?
      | \d+\ min(?:ute)?s?\ read
      | advertisement | sponsored(?:\ content)? | ad
      | \*?\ ?indicates\ required(?:\ fields?)?
      | subscribe(?:\ now|\ here|\ for\ free|\ to\ (?:our|the|this)\ newsletters?)?
      | sign\ up(?:\ now|\ for\ (?:our|the|this)\ newsletters?)?
      | enter\ your\ e-?mail(?:\ address)?(?:\ to\ subscribe)?(?:\ here)?
      | please,?\ enter\ (?:a\ )?(?:valid|correct)\ e-?mail(?:\ address)?
      | successful+y\ subscribed
      | thank\ you\ for\ (?:signing\ up|subscribing)\b.*
      | (?:read|see)\ (?:more|also)\b.*
      | also\ read\b.*
      | follow\ us\ on\b.*
      | click\ here\ to\b.*
      | become\ a\ member\b.{0,60}
      | gift\ (?:a\ )?membership
      | (?:copyright\ )?©.{0,120}
      | all\ rights\ reserved\.?
      | (?:photo(?:graph)?|image|credit|picture)s?\ ?(?:by)?:\ .{1,150}
    )[.!]?$""",
    re.IGNORECASE | re.VERBOSE,
)
_CARD_BRANDS = {
    "visa",
    "mastercard",
    "americanexpress",
    "amex",
    "maestro",
    "discover",
    "paypal",
    "applepay",
    "googlepay",
    "unionpay",
    "jcb",
}
_SHARE_WORDS = {
    "share",
    "tweet",
    "email",
    "e-mail",
    "print",
    "copy",
    "link",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "messenger",
    "on",
    "this",
    "article",
    "story",
    "save",
}
_NETWORKS = {"facebook", "twitter", "whatsapp", "telegram", "linkedin", "reddit", "pinterest"}
_APPEAL = re.compile(
    r"\b(?:members?(?:hip)?|donat(?:e|es|ion|ions|ing)|contribut(?:e|ion|ions)|supporters?"
    r"|funded\ by|paid\ for\ by|fund\ our|subscri(?:be|ption|bers?)|patrons?|paywall)\b",
    re.IGNORECASE | re.VERBOSE,
)
_ADDRESS = re.compile(
    r"\b(?:our\ readers|readers\ like\ you|readers|our\ (?:community|mission|journalism|reporting"
    r"|work|newsroom)|help\ us|support\ us|join\ us|you\ can\ help|your\ support"
    r"|support\ (?:independent|our)\ (?:journalism|media|reporting))\b",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_CREDIT = re.compile(r"\((?P<left>[^()/]{2,60})/(?P<right>[^()/]{2,80})\)\.?$")
_CREDIT_SIDE = re.compile(r"^[A-Z][\w.'’&-]*(?: (?:[A-Z][\w.'’&-]*|via|de|van|von|al|el))*$")
_CUT_MARKER = re.compile(
    r"""^(?:
        news\ ?feed | more\ (?:news|stories|headlines) | editors?['’]?\ picks?
      | related(?:\ (?:articles?|stories|news|content|posts|coverage|topics|reading))?
      | read\ next | what\ to\ read\ next | recommended(?:\ for\ you|\ stories)?
      | most\ (?:read|popular|viewed|shared) | latest\ (?:news|stories|headlines)
      | you\ (?:may|might)\ also\ (?:like|be\ interested\ in) | trending(?:\ now)?
      | top\ stories | more\ from\ .{1,40} | popular(?:\ now)? | \d*\ ?comments?
      | leave\ a\ (?:comment|reply)
    ):?$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEASER_CUT = re.compile(r"\w(?:…|\.\.\.)$")
_STARTED = 200  # characters of article text that must precede a cut marker


def is_appeal(line: str) -> bool:
    """A membership/donation appeal: asks for support and addresses the readers."""
    return bool(_APPEAL.search(line) and _ADDRESS.search(line))


def is_card_brands(line: str) -> bool:
    """A row of payment-card brands ("visa masterCard americanExpress")."""
    words = [w.lower().replace(" ", "") for w in re.split(r"[\s,|/·•]+", line) if w]
    return bool(words) and all(w in _CARD_BRANDS for w in words)


def is_share_bar(line: str) -> bool:
    """A row of share buttons ("Share on Facebook Twitter")."""
    words = [w.lower() for w in re.split(r"[\s,|/·•]+", line) if w]
    if not words or not all(w in _SHARE_WORDS for w in words):
        return False
    return "share" in words or len(_NETWORKS.intersection(words)) >= 2


def is_caption(line: str) -> bool:
    """A photo caption that ends in a credit such as ``(Name/AFP via Getty Images)``.

    Both sides of the slash must be capitalised names and one of them at least two words long,
    so a citation such as "(TASS/FSB)" at the end of a paragraph is not taken for a credit.
    """
    match = _CAPTION_CREDIT.search(line)
    if match is None or len(line) > 600:
        return False
    left, right = match.group("left").strip(), match.group("right").strip()
    if not (_CREDIT_SIDE.match(left) and _CREDIT_SIDE.match(right)):
        return False
    return len(left.split()) >= 2 or len(right.split()) >= 2


def is_furniture(line: str) -> bool:
    """Any single line that is page furniture rather than article text."""
    text = line.strip()
    return bool(
        _FURNITURE.match(text)
        or is_appeal(text)
        or is_card_brands(text)
        or is_share_bar(text)
        or is_caption(text)
    )


def is_cut_marker(line: str) -> bool:
    """A line that introduces a block of other stories ("News Feed", "Related" ...)."""
    return bool(_CUT_MARKER.match(line.strip()))


def _drop_teasers(lines: list[str]) -> list[str]:
    """Remove a short headline line followed directly by a paragraph cut off with "…"."""
    keep = [True] * len(lines)
    for i in range(1, len(lines)):
        line, previous = lines[i].strip(), lines[i - 1].strip()
        if len(line) >= 80 and _TEASER_CUT.search(line) and looks_like_headline(previous, 150):
            keep[i - 1] = keep[i] = False
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def strip_boilerplate(text: str) -> str:
    """The text without page furniture (see the module docstring for the rules)."""
    kept: list[str] = []
    seen = 0
    for line in _drop_teasers(text.split("\n")):
        if not line.strip():
            kept.append("")
            continue
        if is_cut_marker(line):
            if seen >= _STARTED:
                break
            continue
        if is_furniture(line):
            continue
        kept.append(line)
        seen += len(line.strip())
    return tidy("\n".join(kept))
