"""Rules that strip page furniture from plain-text dumps of web pages."""

from __future__ import annotations

import pytest

from incidentdesk.sources.boilerplate import (
    is_appeal,
    is_caption,
    is_card_brands,
    is_cut_marker,
    is_furniture,
    strip_boilerplate,
)


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "Edit post",
        "This audio is created with AI assistance",
        "* indicates required",
        "Subscribe",
        "Enter your email to subscribe",
        "Become a member Give a gift",
        "Please, enter correct email address",
        "4 min read",
        "Share on Facebook Twitter",
        "visa masterCard americanExpress",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The ministry said 14 people were detained overnight.",
        "Eastmark's bid for alliance membership was discussed at the summit.",
        "Police said the attackers were detained (regional police/ministry).",
        "Subscribers of the local channel shared videos of the fire.",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert not is_furniture(line)


def test_appeal_needs_both_an_ask_and_the_readers() -> None:
    assert is_appeal("Help us find 500 new members!")
    assert is_appeal("Ten years of reporting, paid for by our readers.")
    assert not is_appeal("The club has 500 members and meets on Fridays.")


def test_caption_credit_needs_a_name() -> None:
    assert is_caption("Smoke rises over the depot. (Ana Lind/Nordpress via Lumen Images)")
    assert not is_caption("The figure was later revised (TASS/FSB).")


def test_card_brands_only_when_the_whole_line_is_brands() -> None:
    assert is_card_brands("Visa Mastercard PayPal")
    assert not is_card_brands("Visa rules for Eastmark were tightened")


def test_cut_marker_drops_the_rest_once_the_article_began() -> None:
    body = "A long paragraph of article text. " * 10
    text = f"Headline here\n\n{body}\n\nRelated\n\nAnother story entirely.\n"
    cleaned = strip_boilerplate(text)
    assert "Another story" not in cleaned
    assert cleaned.startswith("Headline here")
    assert is_cut_marker("MORE NEWS") and is_cut_marker("Editors' Picks")


def test_cut_marker_in_a_menu_above_the_article_does_not_swallow_it() -> None:
    text = "Latest news\nSport\n\nHeadline here\n\nThe article starts here and goes on.\n"
    cleaned = strip_boilerplate(text)
    assert "The article starts here" in cleaned
    assert "Latest news" not in cleaned


def test_related_teaser_is_dropped_with_its_headline() -> None:
    text = (
        "The council met on Monday.\n\n"
        "Bridge closure: what drivers need to know this week\n"
        "The northern bridge will close for repairs from Monday, the council said, and traffic "
        "will be diverted through the old town until the work is compl…\n\n"
        "The council will meet again in June.\n"
    )
    cleaned = strip_boilerplate(text)
    assert "Bridge closure" not in cleaned
    assert "compl…" not in cleaned
    assert cleaned == "The council met on Monday.\n\nThe council will meet again in June."
