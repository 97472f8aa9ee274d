"""The evaluation's grading reads a first sentence as an owner would: right figures pass, near misses do not."""
import pytest

from .analyst_grading import BARBERS, HOURS, SERVICES, WEEKDAYS, Change, NotUnderstood, Value, first_sentence, grade

RIGHT = [
    (Value('money', 1742.0), 'Yesterday you took $1,742 from 41 visits.'),
    (Value('money', 1742.0), 'Yesterday (Monday 23 November) you took **$1,742.00**.'),
    (Value('money', 38.99), 'Your average ticket last week was $39.'),
    (Value('money', 51342.0), 'October brought in $51.3k, up on September.'),
    (Value('count', 41), 'On 23 November you did 41 cuts.'),
    (Value('count', 1246), 'In September you saw 1,246 clients.'),
    (Value('count', 282), 'In the last 7 days, to 24/11 at 15:00, you had 282 visits.'),
    (Value('count', 0), 'You had no no-shows yesterday.'),
    (Value('count', 4), 'Four no-shows so far today.'),
    (Value('percent', 54.63), 'The chairs were busy 55% of the open time yesterday.'),
    (Value('percent', 39.66), 'Last week 39.7% of visits rebooked before leaving.'),
    (Value('rating', 4.1834), 'This month your rating is 4.2 stars from 261 reviews.'),
    (Value('rating', 4.1834), 'This month you averaged 4.18/5.'),
    (Value('minutes', 8.92), 'Last week people waited 9 minutes on average.'),
    (Value('name', 'Dee', BARBERS), "Dee was last month's top barber with $14,377, ahead of Marco."),
    (Value('name', 'Skin fade', SERVICES), 'Skin fades brought in the most in October.'),
    (Value('name', 'Cut & beard', SERVICES), 'Cut and beard made the most money this month ($11,224).'),
    (Value('name', 'Saturday', WEEKDAYS), 'Last week (Monday 16 to Sunday 22 November) Saturday was busiest.'),
    (Value('name', '11:00', HOURS), 'Your busiest hour last week was 11am-12pm, with 46 customers arriving.'),
    (Value('name', '17:00', HOURS), 'The busiest hour was 5-6pm.'),
    (Change('money', 11502, 11142), 'Last week you took $11,502, up $360 (3.2%) on the week before.'),
    (Change('money', 11502, 11142), 'Revenue last week was +3.2% against the week before.'),
    (Change('count', 242, 259), 'You did 17 fewer skin fades in October than in September.'),
    (Change('count', 3, 6), 'No-shows fell by 50% last week, from 6 to 3.'),
    (NotUnderstood(), "Sorry, I didn't understand that. You could ask:\n- How much did we take yesterday?\n"
                      '- Who was the top barber last month?'),
    (NotUnderstood(), 'I can only answer questions about the shop. Try "how many cuts last week?" or '
                      '"what was our rating in October?"'),
]

WRONG = [
    (Value('money', 1742.0), 'Yesterday you took $1,744.', 'a dollar too far'),
    (Value('money', 1742.0), 'Yesterday you took $1.7k.', 'abbreviated beyond 1%'),
    (Value('money', 1742.0), 'Yesterday was a good day. You took $1,742.', 'in the second sentence'),
    (Value('money', 1742.0), 'Yesterday you did 1742 cuts.', 'not money'),
    (Value('count', 41), 'Yesterday you did 42 cuts.', 'off by one'),
    (Value('count', 23), 'On 23 November you did 41 cuts.', 'a date is not a count'),
    (Value('count', 7), 'In the last 7 days you did 282 visits.', 'a span is not a count'),
    (Value('count', 0), 'You had 3 no-shows yesterday.', '"no-shows" is not "no"'),
    (Value('count', 41), "Here are yesterday's figures:\n41 cuts, $1,742.", 'on the second line'),
    (Value('percent', 54.63), 'The chairs were busy 56% of the time.', 'beyond half a point'),
    (Value('percent', 54.63), 'The chairs were busy for 54.63 hours.', 'not a percentage'),
    (Value('rating', 4.1834), 'This month your rating is 4.3 stars.', 'a tenth off'),
    (Value('rating', 4.6234), 'Sam averaged 5 stars.', 'rounded to a whole star'),
    (Value('minutes', 8.92), 'Last week people waited 8 minutes on average.', 'beyond half a minute'),
    (Value('name', 'Dee', BARBERS), 'Marco came second to Dee last month.', 'a rival named first'),
    (Value('name', 'Sam', BARBERS), 'The same barber as last week, Dee.', '"same" is not Sam'),
    (Value('name', '11:00', HOURS), 'Your busiest hour was 12:00, then 11:00.', 'another hour first'),
    (Value('name', 'Haircut', SERVICES), 'Your most popular service was the kids cut.', 'another service'),
    (Change('money', 11502, 11142), 'Last week you took $11,502, down $360 on the week before.', 'wrong direction'),
    (Change('money', 11502, 11142), 'Last week you took $11,502 against $11,142.', 'no change given'),
    (Change('money', 11502, 11142), 'Revenue moved by $360.', 'no direction'),
    (Change('count', 242, 259), 'You did 16 fewer skin fades.', 'off by one'),
    (NotUnderstood(), "Sorry, I didn't understand that.", 'no questions offered'),
    (NotUnderstood(), 'Revenue today: $1,051. Bookings: 31?', 'no admission'),
    (NotUnderstood(), 'Here is what I can do. I did not understand that.\n- How much?\n- Who?', 'not first'),
]


@pytest.mark.parametrize(('expected', 'answer'), RIGHT)
def test_a_right_first_sentence_passes(expected, answer):
    assert grade(expected, answer)


@pytest.mark.parametrize(('expected', 'answer', 'why'), WRONG, ids=[w[2] for w in WRONG])
def test_a_wrong_or_late_figure_fails(expected, answer, why):
    assert not grade(expected, answer)


@pytest.mark.parametrize(('text', 'sentence'), [
    ('You took $1,234.50. Good day.', 'You took $1,234.50.'),
    ('Sam averaged 4.6 stars vs. 4.4 for Dee. More below.', 'Sam averaged 4.6 stars vs. 4.4 for Dee.'),
    ('\n\n**Yesterday**: $1,742!\nThat is more.', 'Yesterday: $1,742!'),
    ('- Dee led with $3,306\n- Marco next', 'Dee led with $3,306'),
    ('No full stop at all', 'No full stop at all'),
])
def test_the_first_sentence_is_what_an_owner_reads_first(text, sentence):
    assert first_sentence(text) == sentence
