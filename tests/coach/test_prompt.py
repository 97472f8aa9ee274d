"""The grounded prompt: role, live figures with trends, numbered passages, a bounded conversation."""
from coach import Turn, build_request
from coach.prompt import MAX_PASSAGE_CHARS

from .conftest import PASSAGES, P


def test_system_prompt_holds_role_figures_and_numbered_passages(snapshot):
    request = build_request('How can I fill the quiet afternoons?', snapshot, PASSAGES)
    system = request.system
    for area in ('business analysis', 'customer service', 'scheduling', 'financial planning', 'marketing'):
        assert area in system
    assert 'Cite a passage as [n]' in system and 'say so plainly' in system
    assert f'Revenue today: ${snapshot.today.revenue:,.0f} ({snapshot.trend("revenue"):+.0f}% vs ' \
           f'${snapshot.last_week.revenue:,.0f} last Tuesday).' in system
    assert f'Bookings: {snapshot.today.bookings} (' in system and 'Chair utilization:' in system
    assert '[1] Filling quiet hours — Offers (quiet-hours.md)\nQuiet afternoons' in system
    assert '[2] Rebooking at the chair' in system and '[3] Reviews — Asking for reviews' in system
    assert request.messages == (Turn('user', 'How can I fill the quiet afternoons?'),)
    assert f'{snapshot.today.revenue:.0f}' in request.figure_numbers


def test_is_pure(snapshot):
    history = [Turn('user', 'Hi'), Turn('assistant', 'Hello')]
    assert build_request('Q?', snapshot, PASSAGES, history) == build_request('Q?', snapshot, PASSAGES, history)


def test_history_is_bounded_to_the_last_turns_and_characters():
    history = [Turn('user' if i % 2 == 0 else 'assistant', f'turn {i}') for i in range(20)]
    messages = build_request('Now?', None, [], history).messages
    assert [m.content for m in messages] == [f'turn {i}' for i in range(12, 20)] + ['Now?']
    long = [Turn('user', 'a' * 5000), Turn('assistant', 'b' * 5000)]
    messages = build_request('Now?', None, [], long, max_history_chars=6000).messages
    assert [m.role for m in messages] == ['user', 'assistant', 'user']
    assert messages[0].content == '…' + 'a' * 999 and sum(len(m.content) for m in messages[:-1]) == 6000


def test_conversation_opens_with_the_user_and_alternates():
    history = [Turn('assistant', 'Welcome!'), Turn('user', 'First?'), Turn('user', 'Second?')]
    messages = build_request('Third?', None, [], history).messages
    assert [m.role for m in messages] == ['user']
    assert messages[0].content == 'First?\n\nSecond?\n\nThird?'


def test_no_figures_and_no_passages_are_said_so():
    system = build_request('Q?', None, []).system
    assert 'No live figures are available.' in system and 'No passage matched this question.' in system


def test_long_passages_are_shortened():
    passage = P('x', 'x', 'Long', 'Long', 'word ' * 1000, 1.0, 'long.md')
    system = build_request('Q?', None, [passage]).system
    assert 'word ' * 10 in system and len(system) < 2 * MAX_PASSAGE_CHARS + 1500
