"""The analyst evaluation set: owners' questions about the demo shop's own data, as owners type them.

Written before the offline analyst existed and kept apart from it: nobody building the analyst reads it, and the
expected values come from the raw event log (raw_answers.py), never from the analytics layer. The shop's clock is at
raw_log.AT, Tuesday 24 November 2026, 15:00 in London: "last month" is October, "last week" Monday 16 to Sunday 22
November, "last Saturday" the 21st. Where a phrase could mean two things, the item's note says how it is read.

Shapes: "how much" (a figure), "best or worst" (a name), "compare" (the change), "follow-up" (a conversation whose
later turns lean on the earlier ones; every turn must be right) and "not understood" (says so, offers questions).
"""
from dataclasses import dataclass
from functools import cache

from .analyst_grading import Expected, NotUnderstood
from .raw_answers import Best, Compare, Figure, Spec, expected

SHAPES = ('how much', 'best or worst', 'compare', 'follow-up', 'not understood')


@dataclass(frozen=True)
class Item:
    id: str
    shape: str
    turns: tuple[tuple[str, Spec | None], ...]  # (what the owner types, what it asks for; None: not understood)
    note: str = ''  # how an ambiguous phrase is read

    def expected(self) -> list[tuple[str, Expected]]:
        return [(question, NotUnderstood() if spec is None else expected(spec)) for question, spec in self.turns]


def _ask(id: str, question: str, spec: Spec, note: str = '') -> Item:
    shape = {Figure: 'how much', Best: 'best or worst', Compare: 'compare'}[type(spec)]
    return Item(id, shape, ((question, spec),), note)


def _chat(id: str, *turns: tuple[str, Spec]) -> Item:
    return Item(id, 'follow-up', turns)


def _nonsense(id: str, question: str) -> Item:
    return Item(id, 'not understood', ((question, None),))


F, B, C = Figure, Best, Compare
ITEMS: tuple[Item, ...] = (
    # revenue ("takings", "money", "sales")
    _ask('revenue-yesterday', 'how much money did we make yesterday', F('revenue', 'yesterday')),
    _ask('revenue-today', 'whats the takings so far today', F('revenue', 'today')),
    _ask('revenue-last-week', 'how much did we take last week', F('revenue', 'last week')),
    _ask('revenue-this-week', 'revenue this week so far', F('revenue', 'this week')),
    _ask('revenue-last-month', 'what did we bring in last month', F('revenue', 'last month')),
    _ask('revenue-this-month', 'takings so far this month', F('revenue', 'this month')),
    _ask('revenue-october', 'how much did we make in october', F('revenue', 'october')),
    _ask('revenue-september', 'total sales for september', F('revenue', 'september')),
    _ask('revenue-7-days', 'what have we taken the last 7 days', F('revenue', 'last 7 days')),
    _ask('revenue-30-days', 'revenue for the last 30 days', F('revenue', 'last 30 days')),
    _ask('revenue-same-day-last-week', 'how much did we take the same day last week',
         F('revenue', 'same day last week'),
         note='the whole of last Tuesday (17 November), not only up to this time of day'),
    _ask('revenue-last-saturday', 'what did we do last saturday money wise', F('revenue', 'last saturday')),
    _ask('revenue-sunday', 'how much came in on sunday', F('revenue', 'last sunday')),
    _ask('revenue-marco-last-week', 'how much did marco bring in last week', F('revenue', 'last week', 'Marco')),
    _ask('revenue-dee-october', "dee's takings in october", F('revenue', 'october', 'Dee')),
    _ask('revenue-sam-yesterday', 'how much did Samm make yesterday', F('revenue', 'yesterday', 'Sam')),
    _ask('revenue-luis-this-month', 'luis revenue so far this month', F('revenue', 'this month', 'Luis')),
    _ask('revenue-skin-fade-last-month', 'how much did skin fdaes bring in last month',
         F('revenue', 'last month', service='Skin fade')),
    _ask('revenue-beard-trim-30-days', 'money from beard trims in the last 30 days',
         F('revenue', 'last 30 days', service='Beard trim')),
    _ask('revenue-typo', 'how much revnue did we do yesterdy', F('revenue', 'yesterday')),
    # visits ("cuts", "heads") and each service's count
    _ask('visits-yesterday', 'how many cuts did we do yesterday', F('visits', 'yesterday')),
    _ask('visits-today', 'how many heads have we done today', F('visits', 'today')),
    _ask('visits-last-week', 'number of customers served last week', F('visits', 'last week')),
    _ask('visits-7-days', 'visits in the last 7 days', F('visits', 'last 7 days')),
    _ask('visits-last-saturday', 'how many cuts last saturday', F('visits', 'last saturday')),
    _ask('visits-september', 'how many customers did we have in september', F('visits', 'september')),
    _ask('haircuts-last-week', 'how many haircuts did we do last week', F('visits', 'last week', service='Haircut')),
    _ask('skin-fades-october', 'how many skin fades did we do in october',
         F('visits', 'october', service='Skin fade')),
    _ask('beard-trims-this-week', 'beard trims this week how many', F('visits', 'this week', service='Beard trim')),
    _ask('kids-cuts-last-month', 'kids cuts last month', F('visits', 'last month', service='Kids cut')),
    _ask('shaves-30-days', 'how many hot towel shaves in the last 30 days',
         F('visits', 'last 30 days', service='Hot towel shave')),
    _ask('cut-and-beard-yesterday', 'how many cut n beards yesterday', F('visits', 'yesterday', service='Cut & beard')),
    _ask('visits-dee-last-week', 'how many cuts did dee do last week', F('visits', 'last week', 'Dee')),
    _ask('visits-marco-october', 'how many heads did marco do in october', F('visits', 'october', 'Marco')),
    _ask('sam-skin-fades-this-month', 'how many skin fades has sam done this month',
         F('visits', 'this month', 'Sam', 'Skin fade')),
    _ask('luis-haircuts-last-week', 'haircuts by luis last week', F('visits', 'last week', 'Luis', 'Haircut')),
    # tips
    _ask('tips-yesterday', 'how much in tips yesterday', F('tips', 'yesterday')),
    _ask('tips-last-week', 'tips last week', F('tips', 'last week')),
    _ask('tips-marco-last-month', 'how much did marco get in tips last month', F('tips', 'last month', 'Marco')),
    _ask('tips-october', 'total tips in october', F('tips', 'october')),
    _ask('tips-this-week', 'tips so far this week', F('tips', 'this week')),
    # average ticket
    _ask('ticket-last-week', 'whats our average ticket last week', F('average ticket', 'last week')),
    _ask('ticket-october', 'avg spend per customer in october', F('average ticket', 'october')),
    _ask('ticket-dee-this-month', "dee's average ticket this month", F('average ticket', 'this month', 'Dee')),
    # bookings, cancellations, no-shows
    _ask('bookings-today', 'how many bookings have we got today', F('bookings', 'today'),
         note="the day's book: appointments today, later ones included, less cancellations"),
    _ask('bookings-yesterday', 'bookings yesterday', F('bookings', 'yesterday')),
    _ask('bookings-last-week', 'how many appointments did we have last week', F('bookings', 'last week')),
    _ask('bookings-october', 'number of bookings in october', F('bookings', 'october')),
    _ask('cancellations-last-week', 'how many cancellations last week', F('cancellations', 'last week'),
         note="cancelled appointments counted on the appointment's day"),
    _ask('cancellations-october', 'how many people cancelled in october', F('cancellations', 'october')),
    _ask('cancellations-this-month', 'cancellations so far this month', F('cancellations', 'this month')),
    _ask('no-shows-yesterday', 'any no shows yesterday', F('no-shows', 'yesterday')),
    _ask('no-shows-today', 'how many no-shows today', F('no-shows', 'today')),
    _ask('no-shows-last-week', 'how many no-shows did we have last week', F('no-shows', 'last week')),
    _ask('no-shows-october', 'no shows in october', F('no-shows', 'october')),
    # walk-ins, walk-outs
    _ask('walk-ins-yesterday', 'how many walk ins yesterday', F('walk-ins', 'yesterday')),
    _ask('walk-ins-last-week', 'walk-ins last week', F('walk-ins', 'last week')),
    _ask('walk-ins-this-month', 'walkins so far this month', F('walk-ins', 'this month')),
    _ask('walk-outs-last-week', 'how many walk outs last week', F('walk-outs', 'last week')),
    _ask('walk-outs-saturday-before', 'how many people left without a cut the saturday before last',
         F('walk-outs', 'the saturday before')),
    _ask('walk-outs-october', 'walkouts in october', F('walk-outs', 'october')),
    # waits
    _ask('wait-today', 'whats the average wait today', F('wait', 'today'),
         note="today's services so far, not only the last hour's as on the dashboard"),
    _ask('wait-last-saturday', 'how long did people wait last saturday', F('wait', 'last saturday')),
    _ask('wait-last-week', 'average wait time last week', F('wait', 'last week')),
    _ask('wait-sam-october', 'how long did people wait for sam in october', F('wait', 'october', 'Sam')),
    # rating and reviews
    _ask('rating-last-week', 'what was our rating last week', F('rating', 'last week')),
    _ask('rating-sam-october', "what was sam's average rating in october", F('rating', 'october', 'Sam')),
    _ask('rating-this-month', 'average stars this month', F('rating', 'this month')),
    _ask('rating-marco-last-month', 'how did customers rate marco last month', F('rating', 'last month', 'Marco')),
    _ask('rating-30-days', 'review score over the last 30 days', F('rating', 'last 30 days')),
    _ask('reviews-last-week', 'how many reviews did we get last week', F('reviews', 'last week')),
    _ask('reviews-october', 'number of reviews in october', F('reviews', 'october')),
    _ask('reviews-luis-this-month', 'reviews for luis this month', F('reviews', 'this month', 'Luis')),
    # utilization
    _ask('utilization-yesterday', 'chair utilization yesterday', F('utilization', 'yesterday')),
    _ask('utilization-last-week', 'how busy were the chairs last week', F('utilization', 'last week'),
         note='"how busy were the chairs": the share of open chair-time in use'),
    _ask('utilization-october', 'chair utilisation in october', F('utilization', 'october')),
    _ask('utilization-today', 'utilization today so far', F('utilization', 'today')),
    _ask('utilization-dee-last-week', "dee's utilization last week", F('utilization', 'last week', 'Dee'),
         note="one barber's share of their own chair's open time"),
    # clients: new, returning ("regulars"), rebooking
    _ask('new-clients-last-week', 'how many new clients last week', F('new clients', 'last week')),
    _ask('new-clients-october', 'new faces in october', F('new clients', 'october')),
    _ask('new-clients-this-month', 'new customers so far this month', F('new clients', 'this month')),
    _ask('new-clients-yesterday', 'how many first timers yesterday', F('new clients', 'yesterday')),
    _ask('returning-last-week', 'how many regulars came back last week', F('returning clients', 'last week')),
    _ask('returning-october', 'returning clients in october', F('returning clients', 'october')),
    _ask('returning-30-days', 'how many returning customers in the last 30 days',
         F('returning clients', 'last 30 days')),
    _ask('rebooking-last-week', 'whats our rebooking rate last week', F('rebooking rate', 'last week')),
    _ask('rebooking-october', 'rebook rate in october', F('rebooking rate', 'october')),
    _ask('rebooking-marco-last-month', "marco's rebooking rate last month",
         F('rebooking rate', 'last month', 'Marco')),
    _ask('rebooking-30-days', 'what % rebooked before leaving in the last 30 days',
         F('rebooking rate', 'last 30 days')),
    _ask('how-did-we-do-yesterday', "how'd we do yesterday", F('revenue', 'yesterday'),
         note='"how did we do" with no figure: takings first'),

    # who or which was best or worst
    _ask('top-barber-october', 'who was our top earning barber in october', B('revenue', 'barber', 'october')),
    _ask('best-barber-last-week', 'best barber last week', B('revenue', 'barber', 'last week'),
         note='"best" with no figure: most revenue'),
    _ask('highest-ticket-this-month', 'who has the highest average ticket this month',
         B('average ticket', 'barber', 'this month')),
    _ask('most-cuts-last-month', 'who did the most cuts last month', B('visits', 'barber', 'last month')),
    _ask('fewest-cuts-30-days', 'which barber did the fewest cuts in the last 30 days',
         B('visits', 'barber', 'last 30 days', lowest=True)),
    _ask('least-revenue-last-week', 'which barber brought in the least last week',
         B('revenue', 'barber', 'last week', lowest=True)),
    _ask('best-rating-this-month', 'who has the best reviews this month', B('rating', 'barber', 'this month'),
         note='"best reviews": highest mean stars'),
    _ask('worst-rating-this-month', 'whos the lowest rated barber this month',
         B('rating', 'barber', 'this month', lowest=True)),
    _ask('most-tips-7-days', 'who got the most tips the last 7 days', B('tips', 'barber', 'last 7 days')),
    _ask('longest-waits-last-week', 'whose clients waited longest last week', B('wait', 'barber', 'last week')),
    _ask('best-rebooking-october', 'which barber had the best rebooking rate in october',
         B('rebooking rate', 'barber', 'october')),
    _ask('most-reviews-october', 'who got the most reviews in october', B('reviews', 'barber', 'october')),
    _ask('highest-utilization-october', 'which barber had the highest utilization in october',
         B('utilization', 'barber', 'october')),
    _ask('popular-service-last-week', 'most popular service last week', B('visits', 'service', 'last week')),
    _ask('popular-service-september', 'what did people book most in september', B('visits', 'service', 'september'),
         note='"book most": the service done most often'),
    _ask('least-popular-service-last-month', 'least popular service last month',
         B('visits', 'service', 'last month', lowest=True)),
    _ask('top-service-revenue-this-month', 'which service brought in the most money this month',
         B('revenue', 'service', 'this month')),
    _ask('busiest-day-last-week', 'what was our busiest day last week', B('visits', 'weekday', 'last week')),
    _ask('quietest-day-last-week', 'quietest day last week', B('visits', 'weekday', 'last week', lowest=True)),
    _ask('best-day-week-before-last', 'which day did we make the most money the week before last',
         B('revenue', 'weekday', 'the week before last')),
    _ask('busiest-hour-last-week', 'busiest hour last week', B('visits', 'hour', 'last week'),
         note='busiest hour: most customers arriving in it'),
    _ask('busiest-hour-week-before-last', 'what time of day were we busiest the week before last',
         B('visits', 'hour', 'the week before last')),

    # compare: the change
    _ask('compare-this-week', 'takings this week vs last week',
         C('revenue', 'this week', 'this week, same span last week'),
         note='this week so far against last week up to the same weekday and time, as the dashboard compares'),
    _ask('compare-last-week', 'revenue last week compared to the week before',
         C('revenue', 'last week', 'the week before last')),
    _ask('compare-october-september', 'october vs september takings', C('revenue', 'october', 'september')),
    _ask('compare-cuts-weeks', 'did we do more cuts last week than the week before',
         C('visits', 'last week', 'the week before last')),
    _ask('compare-yesterday', 'how was yesterday compared to the same day last week',
         C('revenue', 'yesterday', 'same day last week as yesterday'), note='"how was": takings'),
    _ask('compare-walk-ins', 'walk ins last week vs the week before',
         C('walk-ins', 'last week', 'the week before last')),
    _ask('compare-tips-months', 'tips in october compared with september', C('tips', 'october', 'september')),
    _ask('compare-marco-weeks', "marco's takings last week vs the week before",
         C('revenue', 'last week', 'the week before last', 'Marco')),
    _ask('compare-skin-fades-months', 'skin fades in october vs september',
         C('visits', 'october', 'september', service='Skin fade')),
    _ask('compare-new-clients-months', 'new clients october vs september', C('new clients', 'october', 'september')),
    _ask('compare-reviews-months', 'did we get more reviews in october than in september',
         C('reviews', 'october', 'september')),
    _ask('compare-no-shows-weeks', 'no shows last week compared to the week before',
         C('no-shows', 'last week', 'the week before last')),
    _ask('compare-saturdays', 'last saturday vs the saturday before, money wise',
         C('revenue', 'last saturday', 'the saturday before')),

    # follow-ups: each later turn leans on the one before
    _chat('follow-week-before', ('how much did we take last week', F('revenue', 'last week')),
          ('and the week before?', F('revenue', 'the week before last'))),
    _chat('follow-skin-fades',
          ('how many skin fades did we do last week', F('visits', 'last week', service='Skin fade')),
          ('and in october?', F('visits', 'october', service='Skin fade')),
          ('what about beard trims', F('visits', 'october', service='Beard trim'))),
    _chat('follow-barbers', ('how much did marco make yesterday', F('revenue', 'yesterday', 'Marco')),
          ('what about Dee?', F('revenue', 'yesterday', 'Dee')),
          ('and sam', F('revenue', 'yesterday', 'Sam'))),
    _chat('follow-rebooking-month', ('who had the best rebooking rate last month',
                                      B('rebooking rate', 'barber', 'last month')),
          ('and the month before?', B('rebooking rate', 'barber', 'september'))),
    _chat('follow-no-shows', ('how many no-shows last week', F('no-shows', 'last week')),
          ('and this week so far', F('no-shows', 'this week'))),
    _chat('follow-rating-luis', ('whats our rating this month', F('rating', 'this month')),
          ('what about luis', F('rating', 'this month', 'Luis'))),
    _chat('follow-dee-services', ('how many haircuts did dee do in october', F('visits', 'october', 'Dee', 'Haircut')),
          ('and for skin fades?', F('visits', 'october', 'Dee', 'Skin fade')),
          ('and marco', F('visits', 'october', 'Marco', 'Skin fade'))),
    _chat('follow-tips-saturday', ('tips yesterday', F('tips', 'yesterday')),
          ('and last saturday?', F('tips', 'last saturday'))),
    _chat('follow-new-returning', ('how many new clients last week', F('new clients', 'last week')),
          ('and returning ones?', F('returning clients', 'last week'))),
    _chat('follow-wait-today', ('what was the average wait yesterday', F('wait', 'yesterday')),
          ('and today?', F('wait', 'today'))),
    _chat('follow-utilization', ('utilization last week', F('utilization', 'last week')),
          ('what about the week before', F('utilization', 'the week before last'))),
    _chat('follow-october-september', ('revenue in october', F('revenue', 'october')),
          ('and september?', F('revenue', 'september')),
          ('who had the best rating then', B('rating', 'barber', 'september'))),
    _chat('follow-walk-outs', ('how many walk-ins last week', F('walk-ins', 'last week')),
          ('how many of them walked out', F('walk-outs', 'last week'))),
    _chat('follow-popular-service', ('most popular service this month', B('visits', 'service', 'this month')),
          ('and which made the most money', B('revenue', 'service', 'this month'))),
    _chat('follow-sam-tips', ("sam's takings this month", F('revenue', 'this month', 'Sam')),
          ('how about his tips', F('tips', 'this month', 'Sam'))),
    _chat('follow-saturday-before', ('how many cuts last saturday', F('visits', 'last saturday')),
          ('and the saturday before?', F('visits', 'the saturday before'))),
    _chat('follow-rebooking-marco', ('whats the rebooking rate this month', F('rebooking rate', 'this month')),
          ('and for marco?', F('rebooking rate', 'this month', 'Marco'))),
    _chat('follow-compare', ('how much did we make last week', F('revenue', 'last week')),
          ('how does that compare with the week before', C('revenue', 'last week', 'the week before last'))),

    # not understood: says so and offers questions it can answer
    _nonsense('nonsense-keys', 'asdf qwerty zxcv'),
    _nonsense('nonsense-weather', 'whats the weather like tomorrow'),
    _nonsense('nonsense-football', 'who won the football last night'),
    _nonsense('nonsense-words', 'flurb wib wob the blender'),
    _nonsense('nonsense-joke', 'tell me a joke'),
    _nonsense('nonsense-marks', '?????'),
    _nonsense('nonsense-capital', 'what is the capital of france'),
    _nonsense('nonsense-order', 'order me a pizza'),
)


@cache
def expected_items() -> tuple[tuple[Item, tuple[tuple[str, Expected], ...]], ...]:
    """Every item with what each of its turns expects, worked out from the raw log once."""
    return tuple((item, tuple(item.expected())) for item in ITEMS)
