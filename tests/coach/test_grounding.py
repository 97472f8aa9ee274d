"""The grounding label, computed from what was checked: numbers traced to tool results or the live figures,
citations of the passages given (each above the relevance threshold), and the share of statements so supported."""
import pytest

from coach import grounding
from coach.grounding import figures_in, split_statements
from coach.tools import ToolCall

from .conftest import P

LAST_WEEK = ToolCall('call_1', 'figures', {'figures': ['revenue'], 'period': 'last_week'},
                     {'covered': {'from': '2026-11-16', 'to': '2026-11-22', 'days': 7},
                      'figures': {'revenue': {'value': 11502.0, 'text': '$11,502', 'previous': 11142.0,
                                              'change': 0.0323},
                                  'no_show_rate': {'value': 0.0417, 'text': '4.2%'}}}, True)


def passages(n: int = 2) -> list[P]:
    return [P(f'p{i}', f'd{i}', f'Title {i}', '', 'text', 0.03, f'{i}.md') for i in range(1, n + 1)]


def test_high_every_figure_traced_and_most_statements_supported():
    answer = 'Revenue last week (16 to 22 November 2026) was $11,502, up 3.2% on the week before ($11,142).\n' \
             'No-shows were 4.2% of the appointments due that week.\n' \
             'Ask for a deposit on Saturday bookings to cut the rest [1].'
    g = grounding(answer, passages(), calls=[LAST_WEEK])
    assert (g.level, g.score, g.cited) == ('high', 1.0, (1,))
    assert g.explanation == "High grounding (1.00): 4 of 4 figures traced to the shop's data (tool results or live " \
                            'figures); 3 of 3 statements carry a traced figure or a cited passage; cites 1 of 2 ' \
                            'passages.'


def test_medium_when_figures_are_traced_but_advice_is_not_sourced():
    answer = 'Revenue last week was $11,502 for the whole week.\nRun a loyalty card for your regulars.\n' \
             'Post your open slots online each morning.'
    g = grounding(answer, passages(), calls=[LAST_WEEK])
    assert (g.level, g.score) == ('medium', 0.33) and '1 of 3 statements' in g.explanation


def test_low_when_a_figure_cannot_be_traced():
    answer = 'Revenue last week was $11,502, and tips came to $1,380 on top of it [1].'
    g = grounding(answer, passages(), calls=[LAST_WEEK])
    assert g.level == 'low' and g.explanation.endswith('Not found in the data: $1,380.')
    assert g.score == 0.5  # one statement, supported; one of two figures traced


def test_low_when_nothing_is_checked_or_a_citation_was_not_given():
    assert grounding('You could try lowering prices. Maybe run a promotion next month.', passages()).level == 'low'
    g = grounding('Raise prices by ten percent now [7].', passages(1))
    assert g.level == 'low' and g.score == 0.0 and 'Cites [7], which were not given.' in g.explanation


def test_a_failed_tool_call_is_no_evidence():
    failed = ToolCall('call_2', 'figures', {}, {'error': 'Period 2025-13 is not a period I know.'}, False)
    assert grounding('Revenue in that month was $2,025.', [], calls=[failed]).level == 'low'


def test_quoting_a_live_figure_supports_a_statement():
    g = grounding('Revenue today is $1,234, up on last week.', passages(), frozenset({'1234'}))
    assert (g.level, g.score) == ('high', 1.0) and '1 of 1 statements' in g.explanation


def test_dates_times_years_and_citations_are_not_figures():
    text = 'On Monday 23 November 2026 at 15:00, from 16 to 22 Nov and on Nov 3rd, 2026-11-01 [2]: $40, 12% and 38.5.'
    assert [shown for _, _, shown in figures_in(text)] == ['$40', '12%', '38.5']
    assert figures_in('Dee did 8 fades and 2 beard trims in the last 30 days.') == [(30.0, 0, '30')]
    assert [shown for _, _, shown in figures_in('There were 3 no-shows and 8 Skin fade visits, 1 of 4 chairs.')] == \
        ['3', '8']  # a count of something is a figure, however small


def test_a_figure_is_traced_as_rounded_in_the_answer():
    call = ToolCall('c', 'figures', {}, {'figures': {'average_ticket': {'value': 38.9898}, 'rating': {'value': 4.617}}},
                    True)
    assert grounding('The average ticket was $39 and the rating 4.6 stars.', [], calls=[call]).level == 'high'
    assert grounding('The average ticket was $38.9 this week.', [], calls=[call]).level == 'low'  # 38.99 is not 38.9


def test_statements_skip_headings_labels_and_notes_and_keep_trailing_citations():
    answer = '# Plan\n*Offline coach: not a language model at all.*\n**What your figures show** (marketing)\n' \
             '- Send reminders to regulars every week. [1]\nOk.'
    assert split_statements(answer) == ['Send reminders to regulars every week. [1]']


@pytest.mark.parametrize('answer', ['', '   '])
def test_empty_answer_is_low(answer):
    assert grounding(answer, passages()).level == 'low'
