"""Boilerplate rules: every example of the data file is matched, every counter-example kept."""

from __future__ import annotations

import pytest

from timeline.ingest.boilerplate import find_boilerplate, load_rules

RULES = load_rules()
EXAMPLES = [(rule.reason, example) for rule in RULES.rules for example in rule.examples]
COUNTER_EXAMPLES = [example for rule in RULES.rules for example in rule.counter_examples]


@pytest.mark.parametrize(("reason", "line"), EXAMPLES)
def test_rule_examples_are_boilerplate(reason, line):
    assert RULES.reason_for(line) == reason


@pytest.mark.parametrize("line", COUNTER_EXAMPLES)
def test_rule_counter_examples_are_news(line):
    assert RULES.reason_for(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Related articles about the strike were shared widely, the union said.",
        "“Back to top button” is what the redesign removed, the site's editor said.",
        "The company reported that it would share the article with regulators on Monday.",
        "Copyright 2025 filings by the studio were rejected by the court.",
        "Subscribers to the newsletter fell by half after the price rise.",
        "All rights reserved by the treaty were handed back to the provinces in 1998.",
    ],
)
def test_news_that_looks_like_boilerplate_is_kept(line):
    assert find_boilerplate(f"Headline\n{line}\n") == []


def test_spans_point_at_the_line_without_its_break_or_padding():
    text = "Headline\n  Related Articles  \r\nBody said this.\n"
    (span,) = find_boilerplate(text)
    assert text[span.start : span.end] == "Related Articles"


def test_several_share_and_follow_prompts():
    text = "Story text said.\nShare this article\nFollow us on Twitter and Facebook\nTweet\n"
    found = [text[s.start : s.end] for s in find_boilerplate(text)]
    assert found == ["Share this article", "Follow us on Twitter and Facebook", "Tweet"]
