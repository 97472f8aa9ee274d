"""The offline analyst, on questions of my own (not the evaluation set's): periods, figures in owners' words, names
with typos, the shape of answer wanted, follow-ups; and answers whose first sentence holds the number worked out
again here from the raw events."""
import re
from datetime import date

import pytest

from coach import Coach
from coach.analyst import read
from coach.analyst.when import find
from coach.providers import OfflineProvider
from engine import NoShow, Reviewed, ServiceCompleted

from .conftest import collect

TODAY = date(2026, 11, 24)  # a Tuesday: the history fixture's today


@pytest.mark.parametrize('words, start, end', [
    ('yesterday', '2026-11-23', '2026-11-23'),
    ('the day before yesterday', '2026-11-22', '2026-11-22'),
    ('last week', '2026-11-16', '2026-11-22'),
    ('the week before last', '2026-11-09', '2026-11-15'),
    ('so far this month', '2026-11-01', '2026-11-30'),
    ('month to date', '2026-11-01', '2026-11-30'),
    ('in october', '2026-10-01', '2026-10-31'),
    ('in february', '2026-02-01', '2026-02-28'),
    ('during december', '2025-12-01', '2025-12-31'),  # the latest December that has begun
    ('september 2025', '2025-09-01', '2025-09-30'),
    ('the last 30 days', '2026-10-26', '2026-11-24'),
    ('past fourteen days', '2026-11-11', '2026-11-24'),
    ('the past week', '2026-11-18', '2026-11-24'),
    ('last saturday', '2026-11-21', '2026-11-21'),
    ('on tuesday', '2026-11-17', '2026-11-17'),  # today is a Tuesday: the one before
    ('this tuesday', '2026-11-24', '2026-11-24'),
    ('last weekend', '2026-11-21', '2026-11-22'),
    ('4 days ago', '2026-11-20', '2026-11-20'),
    ('on the 2nd of november', '2026-11-02', '2026-11-02'),
    ('nov 2nd', '2026-11-02', '2026-11-02'),
    ('the 5th', '2026-11-05', '2026-11-05'),
    ('since wednesday', '2026-11-18', '2026-11-24'),
    ('from 2 to 8 november', '2026-11-02', '2026-11-08'),
    ('last quarter', '2026-07-01', '2026-09-30'),
    ('the thursday before last', '2026-11-12', '2026-11-12'),
    ('q1', '2026-01-01', '2026-03-31'),
])
def test_periods_in_owners_words(words, start, end):
    [found], _ = find(words, TODAY)
    assert (found.period.start.isoformat(), found.period.end.isoformat()) == (start, end)


@pytest.mark.parametrize('question, figure', [
    ('what were the takings on friday', 'revenue'),
    ('how much did we bring in last week', 'revenue'),
    ('total sales for october', 'revenue'),
    ('how many cuts did we do yesterday', 'visits'),
    ('how many people did we serve on saturday', 'visits'),
    ('how many no shows this week', 'no_shows'),
    ('what share of appointments were no-shows last month', 'no_show_rate'),
    ('how many regulars came in last week', 'returning_clients'),
    ('how many first-timers in october', 'new_clients'),
    ('what did the guys get in tips yesterday', 'tips'),
    ('average spend per visit last month', 'average_ticket'),
    ('how many walk-ins on saturday', 'walk_ins'),
    ('how many people walked out yesterday', 'walk_outs'),
    ('how long did people wait yesterday', 'average_wait'),
    ('how many cancellations last week', 'cancellations'),
    ('what percentage rebooked last month', 'rebooking_rate'),
    ('what are our stars like this month', 'rating'),
    ('how much product did we sell last week', 'retail_revenue'),
    ('how busy were the chairs yesterday', 'utilization'),
    ('how much came in on monday', 'revenue'),
    ('how do clients rate dee', 'rating'),
    ('how many walk-ins did we lose on friday', 'walk_outs'),
])
def test_figures_in_owners_words(question, figure, history):
    assert read(question, history.engine.profile, TODAY).figure == figure


@pytest.mark.parametrize('question, barbers, services', [
    ('how much did marcoo make last week', ('Marco',), ()),
    ("luiz's takings yesterday", ('Luis',), ()),
    ('how many skin fdaes last week', (), ('Skin fade',)),
    ('how many cut and beards on saturday', (), ('Cut & beard',)),
    ('hot towel shaves in october', (), ('Hot towel shave',)),
    ('how many kids cuts last month', (), ('Kids cut',)),
    ('revnue from fades yesturday', (), ('Skin fade',)),
    ("how many cut 'n' beards on friday", (), ('Cut & beard',)),
])
def test_names_with_typos(question, barbers, services, history):
    intent = read(question, history.engine.profile, TODAY)
    assert (intent.barbers, intent.services) == (barbers, services)


@pytest.mark.parametrize('question, shape, by, order', [
    ('who brought in the most money last month', 'best', 'barber', 'top'),
    ('which barber had the fewest no-shows in october', 'best', 'barber', 'bottom'),
    ('what was our quietest day last week', 'best', 'day', 'bottom'),
    ('which service sold best in october', 'best', 'service', 'top'),
    ('which weekday is busiest', 'best', 'weekday', 'top'),
    ('which barber had the most visits in the last 14 days', 'best', 'barber', 'top'),  # '14 days': no grouping
    ('whose customers waited the longest this month', 'best', 'barber', 'top'),
    ('what do clients get most', 'best', 'service', 'top'),
    ('revenue per barber last week', 'breakdown', 'barber', 'top'),
    ('how does this month compare to last month', 'compare', None, 'top'),
    ('did dee do more cuts than sam last week', 'compare', None, 'top'),
    ('why did tips drop last week', 'why', None, 'top'),
    ('how did we get on last month', 'overview', None, 'top'),
    ('who is waiting right now', 'floor', None, 'top'),
    ('show me the alerts', 'notifications', None, 'top'),
    ('how can I get more clients to rebook?', 'advice', None, 'top'),
    ('what is the capital of france', 'unknown', None, 'top'),
    ('blue elephants dancing', 'unknown', None, 'top'),
])
def test_the_shape_of_answer_wanted(question, shape, by, order, history):
    intent = read(question, history.engine.profile, TODAY)
    assert (intent.shape, intent.by, intent.order) == (shape, by, order)


@pytest.mark.parametrize('conversation, figure, start, barbers, services', [
    (['how much did sam make on saturday', 'and luis?'], 'revenue', '2026-11-21', ('Luis',), ()),
    (['tips last week', 'and the week before?'], 'tips', '2026-11-09', (), ()),
    (['tips yesterday', 'same day the week before?'], 'tips', '2026-11-16', (), ()),
    (['how many skin fades in october', 'what about beard trims'], 'visits', '2026-10-01', (), ('Beard trim',)),
    (['how many no-shows last week', 'and last month?'], 'no_shows', '2026-10-01', (), ()),
    (['revenue last week', 'what about tips'], 'tips', '2026-11-16', (), ()),
    (['who was the top barber in october', 'how about marco?'], 'revenue', '2026-10-01', ('Marco',), ()),
    (['how much did dee make last week', 'and the week before', 'and sam?'], 'revenue', '2026-11-09', ('Sam',), ()),
    (['which service made the most money in october', 'and the least?'], 'revenue', '2026-10-01', (), ()),
])
def test_follow_ups_complete_themselves_from_the_conversation(conversation, figure, start, barbers, services,
                                                              history):
    *earlier, question = conversation
    intent = read(question, history.engine.profile, TODAY, earlier)
    assert (intent.figure, intent.period.start.isoformat(), intent.barbers, intent.services) == \
        (figure, start, barbers, services)


def test_a_follow_up_keeps_the_ranking_and_compares_with_the_period_before(history):
    profile = history.engine.profile
    worst = read('and the least?', profile, TODAY, ['which service made the most money in october'])
    assert (worst.shape, worst.by, worst.order) == ('best', 'service', 'bottom')
    compared = read('how does that compare with the month before?', profile, TODAY, ['tips in october'])
    assert (compared.shape, compared.period.start, compared.other.start) == ('compare', date(2026, 10, 1),
                                                                             date(2026, 9, 1))
    beat = read('did we beat last month?', profile, TODAY)  # this month so far, against last month
    assert (beat.shape, beat.period.start, beat.other.start) == ('compare', date(2026, 11, 1), date(2026, 10, 1))


def test_a_barber_and_a_service_together_are_said_to_be_kept_apart(history):
    intent = read('how many beard trims did sam do last week', history.engine.profile, TODAY)
    assert (intent.barbers, intent.services) == (('Sam',), ('Beard trim',))


async def test_a_barber_and_a_service_together_get_a_plain_answer(ask):
    text, _, _ = await ask('how many beard trims did sam do last week')
    assert first_sentence(text).startswith("I can't give visits for Sam's Beard trim services alone")
    assert 'Sam had ' in text and 'There were ' in text  # each apart, after


# --- whole answers, against the raw events ---

def raw(history, kind, first: str, last: str, **only):
    profile = history.engine.profile
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [e for e in history.events if isinstance(e, kind) and start <= profile.local(e.at).date() <= end
            and all(getattr(e, k) == v for k, v in only.items())]


@pytest.fixture
def ask(history, coaches):
    async def ask(question: str, earlier: list[str] = (), passages=()):
        coach = Coach(None, providers=[OfflineProvider()])
        coaches.append(coach)
        turns = []
        for turn in earlier:
            from coach import Turn
            turns += [Turn('user', turn), Turn('assistant', '...')]
        engine = history.engine
        return await collect(coach.answer(question, engine.snapshot(), turns, passages=list(passages), shop=engine))
    return ask


def first_sentence(text: str) -> str:
    return re.split(r'(?<=[.!?])\s', text.strip(), maxsplit=1)[0]


async def test_the_number_comes_first(history, ask):
    done = raw(history, ServiceCompleted, '2026-11-21', '2026-11-21', barber='Sam')
    text, _, meta = await ask("what were sam's takings last saturday?")
    assert f'${sum(e.price + e.retail for e in done):,.0f}' in first_sentence(text)
    assert 'Saturday 21 November 2026' in first_sentence(text)
    assert meta.meta.grounding.level == 'high' and [c.name for c in meta.meta.tool_calls][0] == 'figures'


async def test_a_count_of_one_service(history, ask):
    done = raw(history, ServiceCompleted, '2026-11-16', '2026-11-22', service='Beard trim')
    text, _, _ = await ask('how many beard trims did we do last week?')
    assert re.search(rf'\b{len(done)}\b', first_sentence(text)) and 'Beard trim' in first_sentence(text)


async def test_a_rating_and_a_rate(history, ask):
    reviews = raw(history, Reviewed, '2026-11-01', '2026-11-24', barber='Luis')
    text, _, _ = await ask("what's luis's average rating so far this month?")
    assert f'{sum(r.stars for r in reviews) / len(reviews):.1f} stars' in first_sentence(text)
    missed = raw(history, NoShow, '2026-11-16', '2026-11-22')
    text, _, _ = await ask('how many no-shows did we get last week')
    assert f'There were {len(missed)} no-shows last week' in first_sentence(text)


async def test_the_best_barber_names_the_winner_and_the_value(history, ask):
    done = raw(history, ServiceCompleted, '2026-10-01', '2026-10-31')
    by = {b: sum(e.price + e.retail for e in done if e.barber == b) for b in history.engine.profile.barbers}
    best = max(by, key=by.get)
    text, _, _ = await ask('who took the most money in october?')
    sentence = first_sentence(text)
    assert sentence.startswith(best) and f'${by[best]:,.0f}' in sentence
    assert all(name not in sentence for name in by if name != best)  # the others come after


async def test_a_comparison_says_up_or_down_by_how_much(history, ask):
    week, before = (sum(e.price + e.retail for e in raw(history, ServiceCompleted, *span))
                    for span in (('2026-11-16', '2026-11-22'), ('2026-11-09', '2026-11-15')))
    text, _, _ = await ask('how did revenue last week compare with the week before?')
    word = 'up' if week > before else 'down'
    assert f'{word} ${abs(week - before):,.0f}' in first_sentence(text)


async def test_why_takes_the_change_apart(ask):
    text, _, done = await ask('why did revenue change last week?')
    assert 'Taken apart: visits went from' in text and 'By barber, what moved most:' in text
    assert 'By service, what moved most:' in text and 'By weekday, what moved most:' in text
    assert [c.name for c in done.meta.tool_calls] == ['explain_change']


async def test_a_follow_up_answers_from_the_conversation(history, ask):
    done = raw(history, ServiceCompleted, '2026-11-09', '2026-11-15', barber='Dee')
    text, _, _ = await ask('and the week before?', ['how much did dee make last week'])
    assert f'${sum(e.price + e.retail for e in done):,.0f}' in first_sentence(text) and 'Dee' in first_sentence(text)


async def test_not_understood_says_so_and_offers_questions(ask):
    text, _, done = await ask('can you sing me a song about scissors')
    assert first_sentence(text) == "I didn't understand that question, so I won't guess."
    assert len(re.findall(r'^- ', text, re.M)) == 3 and '$' not in text
    assert done.meta.tool_calls == ()


async def test_advice_only_from_passages_that_match(history, ask):
    from tests.coach.test_tools import _with_similarity

    from .conftest import PASSAGES
    weak = [_with_similarity(p, 0.2) for p in PASSAGES]
    text, _, _ = await ask('what is our rebooking rate this month?', passages=weak)
    assert '[1]' not in text  # below the threshold: not given, not cited
    strong = [_with_similarity(PASSAGES[1], 0.6)]
    text, _, done = await ask('what is our rebooking rate this month?', passages=strong)
    assert 'From the knowledge base:' in text and '[1]' in text and done.meta.passages[0].id == PASSAGES[1].id
