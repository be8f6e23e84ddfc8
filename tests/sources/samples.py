"""Fictional input texts shared by the reader tests (no real reporting is copied)."""

from __future__ import annotations

# A fictional plain-text dump of a news web page, with the furniture such dumps carry.
WEB_PAGE_DUMP = """\
Ten years of independent reporting, paid for by our readers — become a member and help us grow.
Our target: 500 new members this spring. Give a membership to a friend and help us keep going.
Become a member Give a gift
Skip to content
Edit post

Gunmen storm riverside ferry terminal in Port Halden

by Mara Quillon June 3, 2031 9:05 PM 3 min read
Police officers seal off the ferry terminal in Port Halden, Eastmark, on June 3, 2031. (Tomas Reyes/Nordpress via Lumen Images)
This audio is created with AI assistance

Two gunmen opened fire in the waiting hall of the Port Halden ferry terminal on Tuesday evening, killing at least nine people, the regional police said.

Witnesses described passengers hiding behind ticket counters while the attackers moved through the hall.

The regional governor declared two days of mourning.

Port Halden blast: what we know so far about the second explosion
A second explosion was reported near the harbour later on Tuesday. According to early figures from the fire service, three people were hurt and more than twenty were evacu…
Ten years of independent reporting, paid for by our readers.
Thousands read the Coastal Ledger, but only a few in every thousand readers make a donation. With your support we keep our journalism free for everyone.
Help us find 500 new members!
Become a member Give a gift
visa masterCard americanExpress

News Feed

6:10 AM

Lighthouse keeper retires after forty years.

Ondra Vesely, who kept the northern light for four decades, handed over the keys on Monday.
MORE NEWS

Newsletter

Enter your e-mail address here
Subscribe now
* indicates required fields
Successfully subscribed
"""

# A fictional encyclopedia article in the plain-text shape of a wiki dump.
ENCYCLOPEDIA = """\
= Lindqvist market fire =

Infobox
- Title: Lindqvist market fire
- Location: Lindqvist market, Verinsk, Eastmark
- Date: , 14:10–14:55
- Fatalities: 12
- Injuries: 40+
- Perpetrators:
- Motive: ; ,
- Weapons: petrol bombs,

The Lindqvist market fire was an arson attack on a covered market in Verinsk, Eastmark.

== Background ==

The market had been the target of threats.

===Earlier warnings===
Shop owners reported threats in April.

== Attack ==

The fire started at about 14:10.

== Casualties ==

Twelve people died.
"""

# A fictional news article page.
ARTICLE_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gunmen attack ferry terminal in Port Halden | The Coastal Ledger</title>
<meta property="og:title" content="Gunmen attack ferry terminal in Port Halden">
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Mara Quillon">
<meta property="article:published_time" content="2031-05-14T18:05:00+03:00">
<meta property="og:type" content="article">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Gunmen attack ferry terminal in Port Halden</h1>
<p>Two gunmen opened fire in the waiting hall of the Port Halden ferry terminal on Tuesday
evening, killing at least nine people and wounding 23 others, the regional police said.</p>
<p>Witnesses described passengers hiding behind ticket counters as the attackers moved through
the hall. The police said both men were detained near the harbour about an hour later.</p>
<p>The regional governor declared two days of mourning and said the terminal would stay closed
until Friday while investigators examine the site.</p>
<p>No group has claimed responsibility. The interior ministry said it was too early to speak
about a motive.</p>
</article>
<footer><p>Copyright 2031 The Coastal Ledger</p></footer>
</body>
</html>
"""

# The same page cut off in its head, as a failed download leaves it.
TRUNCATED_HTML = ARTICLE_HTML[: ARTICLE_HTML.index('<meta name="author"') + 30]
