"""The grounding score: 0.5 × relevance of cited passages + 0.5 × share of statements carrying a source."""
import pytest

from coach import grounding
from coach.grounding import split_statements

from .conftest import P


def passages(*scores: float) -> list[P]:
    return [P(f'p{i}', f'd{i}', f'Title {i}', '', 'text', score, f'{i}.md') for i, score in enumerate(scores, 1)]


def test_formula_on_a_crafted_answer():
    answer = 'Offer a rebooking discount on quiet days [1]. Ask clients to rebook at the chair. [2]\n' \
             'Keep the shop tidy and welcoming always.'
    g = grounding(answer, passages(0.04, 0.02, 0.01))
    # relevance = mean(0.04/0.04, 0.02/0.04) = 0.75; coverage = 2/3; score = 0.375 + 0.333 = 0.71
    assert (g.score, g.level, g.cited) == (0.71, 'high', (1, 2))
    assert g.explanation == 'High grounding (0.71 = 0.5 × relevance 0.75 + 0.5 × coverage 0.67): cites 2 of 3 ' \
                            'passages; 2 of 3 statements carry a citation or a live figure.'


def test_no_citation_is_low():
    g = grounding('You could try lowering prices. Maybe run a promotion next month.', passages(0.9))
    assert (g.score, g.level, g.cited) == (0.0, 'low', ())


def test_medium_when_half_is_cited_from_a_weaker_passage():
    g = grounding('Text clients on quiet days [2]. Run a loyalty card for regulars. Train barbers to upsell.\n'
                  'Post open slots online each morning.', passages(0.8, 0.4))
    assert g.score == round(0.5 * 0.5 + 0.5 * 0.25, 2) and g.level == 'low'
    g = grounding('Text clients on quiet days [2]. Post open slots online each morning [1].', passages(0.8, 0.4))
    assert g.score == round(0.5 * 0.75 + 0.5 * 1.0, 2) and g.level == 'high'
    g = grounding('Text clients on quiet days [2]. Run a loyalty card for regulars.', passages(0.8, 0.4))
    assert (g.score, g.level) == (0.5, 'medium')


def test_citations_of_passages_not_given_count_for_nothing():
    g = grounding('Raise prices by ten percent now [7].', passages(0.5))
    assert g.score == 0.0 and 'Cites [7], which were not given.' in g.explanation


def test_quoting_a_live_figure_supports_a_statement():
    g = grounding('Revenue today is $1,234, up on last week.', passages(0.5), frozenset({'1234'}))
    assert g.score == 0.5 and '1 of 1 statements' in g.explanation


def test_statements_skip_headings_labels_and_notes_and_keep_trailing_citations():
    answer = '# Plan\n*Offline coach: not a language model at all.*\n**What your figures show** (marketing)\n' \
             '- Send reminders to regulars every week. [1]\nOk.'
    assert split_statements(answer) == ['Send reminders to regulars every week. [1]']


@pytest.mark.parametrize('answer', ['', '   '])
def test_empty_answer_is_low(answer):
    assert grounding(answer, passages(0.5)).level == 'low'
