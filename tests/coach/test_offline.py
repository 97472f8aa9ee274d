"""The offline coach: the shop's real figures, advice cited from the passages, and honest about what it is."""
import re

import pytest

from coach import Coach
from coach.domains import domain_of
from coach.prompt import build_request
from coach.providers import OfflineProvider
from coach.providers.offline import DISCLAIMER, compose

from .conftest import PASSAGES, collect


async def test_quotes_the_snapshot_figures_and_cites_passages(snapshot, coaches):
    coach = Coach(None, providers=[OfflineProvider()])
    coaches.append(coach)
    text, _, done = await collect(coach.answer('How are we doing today compared with last week?', snapshot,
                                               passages=PASSAGES))
    t, w = snapshot.today, snapshot.last_week
    assert t.revenue > 0 and t.bookings > 0 and t.utilization  # a real day, so the figures below mean something
    assert f'Revenue today: ${t.revenue:,.0f} ({snapshot.trend("revenue"):+.0f}% vs ${w.revenue:,.0f} last Tuesday).' \
        in text
    assert f'Bookings: {t.bookings} ({snapshot.trend("bookings"):+.0f}% vs {w.bookings} last Tuesday).' in text
    assert f'Satisfaction: {t.satisfaction:.2f} ★ from {t.reviews} reviews' in text
    assert f'Chair utilization: {t.utilization:.0%} ({w.utilization:.0%} last Tuesday)' in text
    assert f'In the shop now: {snapshot.customers_in_shop} customers, {snapshot.waiting} waiting' in text
    assert DISCLAIMER in text and 'not a language model' in text
    assert re.findall(r'\[(\d)\]', text) == ['1', '2', '3']
    meta = done.meta
    assert (meta.provider, meta.offline, meta.cut_off) == ('Offline coach', True, False)
    assert meta.grounding.cited == (1, 2, 3) and meta.grounding.level in ('high', 'medium')


async def test_streams_in_small_chunks():
    chunks = [item async for item in OfflineProvider().stream(build_request('Any tips?', None, PASSAGES))]
    assert len(chunks) > 20 and all(len(c) < 30 for c in chunks[:-1])


def test_gives_two_to_four_recommendations_drawn_from_passages(snapshot):
    one = compose(build_request('How can I fill the quiet afternoons?', snapshot, PASSAGES[:1]))
    assert one.count('[1]') == 2  # one passage: two of its sentences
    assert 'Send a text reminder to clients due for a cut on quiet days. [1]' in one
    many = compose(build_request('How can I fill the quiet afternoons?', snapshot, PASSAGES * 2))
    assert len(re.findall(r'^\d\. .* \[\d\]$', many, re.M)) == 4


def test_says_plainly_when_the_knowledge_base_has_nothing(snapshot):
    text = compose(build_request('How can I fill the quiet afternoons?', snapshot, []))
    assert 'no passage on this question' in text and '[1]' not in text
    assert 'No live figures' in compose(build_request('Hello?', None, []))


@pytest.mark.parametrize('question, area', [
    ('How are we doing this week?', 'business analysis'),
    ('A client left a one-star review, how do I respond?', 'customer service and retention'),
    ('Walk-ins wait too long at peak hours; should I add a chair?', 'scheduling and capacity'),
    ('Should I raise my prices or cut costs?', 'financial planning'),
    ('How do I get new clients from Instagram?', 'marketing'),
    ('Hello', 'business analysis'),
])
def test_recognises_the_question_area(question, area):
    assert domain_of(question).name == area


def test_each_area_shows_its_own_figures(snapshot):
    text = compose(build_request('Should I raise my prices?', snapshot, PASSAGES))
    assert '(financial planning)' in text and f'Tips: ${snapshot.today.tips:,.0f}' in text
    assert 'Chair utilization' not in text
