"""A question read into an Intent: the figure, the period (and the one to compare with), the barbers or services,
and the shape of the answer wanted; a follow-up ("and the week before?", "what about Dee?") completed from the
conversation's last understood question."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from engine.analytics import FIGURES, Period, period_for
from engine.profile import ShopProfile

from . import ahead, when, words

Shape = Literal['value', 'best', 'compare', 'why', 'breakdown', 'overview', 'floor', 'notifications', 'advice',
                'forecast', 'what_if', 'unknown']
AHEAD = ('forecast', 'what_if')  # questions about what is ahead: no period of the history to carry over
RATES = frozenset(n for n, f in FIGURES.items() if f.kind in ('share', 'rating', 'minutes')) | {'average_ticket',
                                                                                                 'retention'}
_FOLLOW = re.compile(r'^(?:and|what about|how about|what of|same (?:for|with)|and for|and what about|ok(?:ay)? and|'
                     r'now|then|also|plus|and how about|what if|for)\b')
_BREAKDOWN = re.compile(r'\b(?:by|per|each|every|for each|for every|breakdown of|broken down by|split by|across|'
                        r'all the|all)\s+(?:the\s+)?(barbers?|services?|days?|weekdays?|hours?|staff)\b')
_TOP_N = re.compile(r'\b(?:top|best|bottom|worst)\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b')
_NOT_DATA = re.compile(r'\b(?:weather|joke|poem|capital of|recipe|football|movie|song|president|translate)\b')


@dataclass(frozen=True)
class Intent:
    shape: Shape
    figure: str | None = None  # a FIGURES name, or 'retention' (all three windows)
    period: Period | None = None
    phrase: str = ''  # how the question named the period ('' when it did not)
    other: Period | None = None  # what to compare with; None: the period before (the same part of it)
    other_phrase: str = ''
    barbers: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    by: str | None = None  # what to rank or break down by
    order: Literal['top', 'bottom'] = 'top'
    n: int = 1
    ahead: str = ''  # a forecast's period: engine.forecast.PERIODS
    changes: tuple[dict, ...] = ()  # a what-if's changes, as engine.planner.parse takes them

    @property
    def understood(self) -> bool:
        return self.shape != 'unknown'


def read(question: str, profile: ShopProfile | None, today: date, history: list[str] = ()) -> Intent:
    """The question's Intent; `history` is the conversation's earlier questions, oldest first, read in turn so that
    each follow-up is completed from the last one understood."""
    previous = last = None
    for earlier in history:
        intent = _parse(earlier, profile, today, previous, last)
        if intent.understood and intent.shape != 'advice':
            last = intent
            previous = previous if intent.shape in AHEAD else intent
    return _parse(question, profile, today, previous, last)


def _parse(question: str, profile: ShopProfile | None, today: date, previous: Intent | None,
           last: Intent | None = None) -> Intent:
    vocab = words.vocabulary(profile)
    text = words.mend(words.plain(question), vocab)
    barbers, services = words.names_in(text, vocab)
    if ahead_intent := _ahead(text, profile, barbers, services, last):
        return ahead_intent
    found, shifts = when.find(text, today)
    figure, strong = _figure(text, services)
    if figure is None and (services or barbers):  # 'how many skin fades', 'how did Dee do'
        figure = 'revenue' if barbers and not services or re.search(r'how much|\$|money|dollars', text) else 'visits'
    bare = _without(text, found, shifts)  # '30 days' in a period is no grouping by day
    shape, by, order = _shape(bare, figure, strong, found, barbers, services)
    explicit_group = _group(bare) is not None
    follow = previous is not None and (bool(_FOLLOW.match(text)) or (not strong and shape in ('value', 'unknown')
                                                                      and bool(found or shifts or barbers or services)))
    if _NOT_DATA.search(text) and not strong:
        return Intent('unknown')
    if follow:
        return _follow(previous, text, found, shifts, barbers, services, figure, strong, shape,
                       by if explicit_group else None, order, today)
    if shape == 'unknown' and previous is not None and strong and not found:
        shape = 'value'
    if shape == 'unknown':
        return Intent('unknown')
    if figure is None and shape in ('value', 'best', 'compare', 'why', 'breakdown'):
        if barbers or services or shape in ('best', 'compare', 'why'):
            figure = 'visits' if re.search(r'busiest|quietest|popular|slowest|most people', text) else 'revenue'
        else:
            return Intent('unknown')
    if shape == 'compare' and len(found) == 1 and re.search(
            r'(?:than|beat|against|on|versus|vs|compared (?:to|with)|compare(?:d)? (?:it )?(?:to|with))\s+(?:the\s+)?$',
            text[:found[0].start]):  # 'did we beat last week?': this week against last week
        found = [_current(found[0], today), found[0]]
    period, phrase, other, other_phrase = _periods(found, shifts, figure, shape, today,
                                                   previous.period if previous and not found else None)
    if previous is not None and not found and not shifts and previous.period is not None and shape != 'floor':
        period, phrase = previous.period, previous.phrase  # a new figure, the same period as before
    return Intent(shape, figure, period, phrase, other, other_phrase, tuple(barbers), tuple(services), by, order,
                  _top_n(text, shape))


def _ahead(text: str, profile: ShopProfile | None, barbers: list[str], services: list[str],
           last: Intent | None) -> Intent | None:
    """A what-if ('what if I add a barber on Saturdays?') or a forecast ('where will this month land?'; after one,
    'and this week?'), or None."""
    if changes := ahead.changes_in(text, profile, barbers, services):
        return Intent('what_if', changes=tuple(changes))
    period = ahead.forecast_period(text)
    follow = last is not None and last.shape == 'forecast' and bool(_FOLLOW.match(text)) and bool(period) \
        and not re.search(r'\b(?:last|yesterday|ago|before|previous)\b', text)
    if not (ahead.is_forecast(text) or follow):
        return None
    named = words.figure_of(text)
    figure = 'visits' if named and named[0][1] in ('visits', 'check_ins', 'clients', 'bookings') else 'revenue'
    return Intent('forecast', figure, ahead=period or 'today')


def _figure(text: str, services: list[str]) -> tuple[str | None, bool]:
    """The figure the question names, and whether it named one (a weak word such as 'customers' does not count
    when a service is named: 'how many skin fades' is their visits). A count asked as a share is its rate."""
    named = words.figure_of(text)
    if not named:
        return None, False
    figure = named[0][1]
    if figure in words.RATE_OF and re.search(words.RATIO, text):
        figure = words.RATE_OF[figure]
    if figure == 'retention':
        return 'retention', True
    if figure in ('visits',) and len(named) > 1:
        figure = named[1][1]
    return figure, figure not in words.WEAK or not services


def _without(text: str, found: list, shifts: list) -> str:
    """The text with the words that named periods blanked out."""
    for span in sorted([*found, *shifts], key=lambda f: -f.start):
        if span.start >= 0:
            text = text[:span.start] + ' ' * (span.end - span.start) + text[span.end:]
    return ' '.join(text.split())


_NAMED_GROUP = re.compile(r'\b(?:which|what|whose|best|worst|top|bottom|busiest|quietest|slowest)\s+'
                          r'(barbers?|services?|'
                          r'days? of (?:the )?week|weekdays?|hours?|days?|times? of (?:the )?day|cuts?)\b')


def _group(text: str) -> str | None:
    """What the question ranks or breaks down by, when it says: 'which barber' first, then any word for one."""
    if named := _NAMED_GROUP.search(text):
        word = named.group(1)
        return 'weekday' if 'week' in word else 'hour' if word.startswith(('hour', 'time')) else 'service' \
            if word.startswith('cut') else _group_word(word.split()[0])
    return next((g for pattern, g in words.GROUPS if re.search(pattern, text)), None)


def _shape(text: str, figure: str | None, strong: bool, found: list, barbers: list[str],
           services: list[str]) -> tuple[Shape, str | None, Literal['top', 'bottom']]:
    group = _group(text)
    best, worst = re.search(words.BEST, text), re.search(words.WORST, text)
    if breakdown := _BREAKDOWN.search(text):
        return 'breakdown', _group_word(breakdown.group(1)), 'top'
    if re.search(words.NOTIFY, text):
        return 'notifications', None, 'top'
    if re.search(words.FLOOR, text) and (re.search(r'\bnow\b|right now|at the moment|currently', text)
                                         or not figure) and not (found and found[0].period.days > 1):
        return 'floor', None, 'top'
    if re.search(words.WHY, text) and (figure or barbers or services or found):
        return 'why', None, 'top'
    if re.match(r'(?:so )?how (?:was|were|is|did|are|has|have|about)\b', text) and found and not strong \
            and not (barbers or services) and not (best or worst) and not re.search(words.COMPARE, text):
        return 'overview', None, 'top'  # 'how was October?'
    if re.search(words.OVERVIEW, text) and not (strong and figure not in words.WEAK) and not (barbers or services) \
            and not ((best or worst) and group):
        return 'overview', None, 'top'
    several = len(barbers) > 1 or len(services) > 1 or len(found) > 1
    if re.search(words.COMPARE, text) and (several or found or figure) and not (
            (best or worst) and group and not several):
        return 'compare', None, 'top'
    if several and re.search(r'\b(?:or|and|vs|versus)\b', text) and (best or worst or re.search(r'\bmore\b|\bless\b',
                                                                                                   text)):
        return 'compare', None, 'top'
    if (best or worst) and (group or not (barbers or services)):
        if group is None and re.search(r'\b(?:who|earner|barber)\b', text) is None:
            group = 'service' if re.search(r'\bservices?\b|popular', text) else 'day' if re.search(
                r'\bday\b', text) else 'barber' if figure in ('revenue', 'tips', 'rating', 'average_ticket') else None
        if group is not None or re.search(r'\bwho\b', text):
            order = 'bottom' if worst and not (best and best.start() < worst.start()) else 'top'
            return 'best', group or 'barber', order
    if re.search(words.ADVICE, text) and not found:
        return 'advice', None, 'top'
    if figure is not None and (strong or found or barbers or services):
        return 'value', None, 'top'
    return 'unknown', None, 'top'


def _group_word(word: str) -> str:
    word = word.rstrip('s')
    return {'staff': 'barber', 'weekday': 'weekday'}.get(word, word)


def _top_n(text: str, shape: str) -> int:
    match = _TOP_N.search(text)
    if not match or shape != 'best':
        return 1
    value = match.group(1)
    return int(value) if value.isdigit() else when.NUMBERS.get(value, ('', '', 'two', 'three', 'four', 'five', 'six',
                                                                       'seven', 'eight', 'nine', 'ten').index(value))


def _periods(found: list, shifts: list, figure: str | None, shape: str, today: date,
             base: Period | None) -> tuple[Period, str, Period | None, str]:
    """The main period, its phrase, and the one to compare with (None: the period before) with its phrase."""
    if found:
        main, phrase = found[0].period, found[0].phrase
    elif base is not None:
        main, phrase = base, ''
    else:
        main, phrase = _default(figure, shape, shifts, today)
    other, other_phrase = None, ''
    if len(found) > 1:
        other, other_phrase = found[1].period, found[1].phrase
    elif shifts:
        shifted = when.shifted(main, shifts[0])
        if found or base is not None:
            other, other_phrase = shifted, shifts[0].phrase
        else:
            main, phrase = shifted, shifts[0].phrase
    return main, phrase, other, other_phrase


def _current(other: when.Found, today: date) -> when.Found:
    """The period an owner measures against `other` when naming only that one: the same unit, now (this week
    against last week; today against yesterday or last Saturday)."""
    unit = other.period.unit
    if unit in ('week', 'month', 'quarter', 'year'):
        return when.Found(period_for(f'this_{unit}', today), f'so far this {unit}', -1, -1)  # type: ignore[arg-type]
    if unit == 'day':
        return when.Found(Period(today, today, 'day'), 'today', -1, -1)
    days = other.period.days
    return when.Found(Period(today - timedelta(days - 1), today), f'in the last {days} days', -1, -1)


def _default(figure: str | None, shape: str, shifts: list, today: date) -> tuple[Period, str]:
    """No period named: rates over the last 30 days, a 'why' over the last 7, anything else today; "the week
    before" alone counts from this week."""
    if shifts and shifts[0].unit in ('week', 'month', 'quarter', 'year'):
        return period_for(f'this_{shifts[0].unit}', today), ''  # type: ignore[arg-type]
    if shape == 'why':
        return Period(today - timedelta(6), today), 'in the last 7 days'
    if figure in RATES or shape in ('best', 'breakdown'):
        return Period(today - timedelta(29), today), 'in the last 30 days'
    return Period(today, today, 'day'), 'today'


def _follow(previous: Intent, text: str, found: list, shifts: list, barbers: list[str], services: list[str],
            figure: str | None, strong: bool, shape: Shape, by: str | None, order: str, today: date) -> Intent:
    """A follow-up: what it names replaces the last question's, the rest carries over."""
    period, phrase, other, other_phrase = previous.period, previous.phrase, previous.other, previous.other_phrase
    if found:
        period, phrase = found[0].period, found[0].phrase
        other, other_phrase = (found[1].period, found[1].phrase) if len(found) > 1 else (None, '')
    if shifts and period is not None:
        if found or re.search(words.COMPARE, text):  # 'how does that compare with the week before?'
            other, other_phrase = when.shifted(period, shifts[0]), shifts[0].phrase
            shape = 'compare' if not found and shape in ('unknown', 'value', 'compare') else shape
        else:
            period, phrase, other, other_phrase = when.shifted(period, shifts[0]), shifts[0].phrase, None, ''
    if shape in ('unknown', 'value') and not (previous.shape == 'best' and (re.search(words.BEST, text)
                                                                          or re.search(words.WORST, text))) \
            or (shape == 'compare' and not (found or shifts or len(barbers) > 1)):
        shape = previous.shape
    if previous.shape in ('best', 'breakdown') and (barbers or services) and shape == previous.shape \
            and not re.search(words.BEST, text) and not re.search(words.WORST, text):
        shape = 'value'  # "who was best?" ... "what about Dee?": Dee's figure
    if previous.shape == 'best' and shape in ('unknown', 'best') and (re.search(words.BEST, text)
                                                                      or re.search(words.WORST, text)):
        shape = 'best'  # 'and the worst?'
    if shape == 'best':
        by = by or previous.by
        order = 'bottom' if re.search(words.WORST, text) else 'top' if re.search(words.BEST, text) \
            else previous.order
    new_barbers = tuple(barbers) or (() if services else previous.barbers)
    new_services = tuple(services) or (() if barbers else previous.services)
    intent = replace(previous, shape=shape, figure=figure if strong or previous.figure is None else previous.figure,
                     period=period, phrase=phrase, other=other, other_phrase=other_phrase, barbers=new_barbers,
                     services=new_services, by=by if shape in ('best', 'breakdown') else previous.by, order=order,
)
    if intent.figure is None:
        intent = replace(intent, figure='revenue')
    return intent
