"""The periods an owner names, in a question's own words, as engine Periods on the shop's `today`.

    yesterday, today, the day before yesterday, last Saturday, on Monday, this/last week, the week before last,
    so far this month, month to date, last month, in October, October 2025, last year, Q3, the last 30 days,
    the past 2 weeks, 3 days ago, a week ago, last weekend, 3 November, Nov 3rd, the 3rd, since Monday,
    from 1 to 15 November; and, relative to a period already named (a follow-up's "and the week before?"):
    the week/month/day/year before, the same day the week before, the same day last week.

A relative period (`Shift`) is applied to the question's other period, else the conversation's, else today.
Explicit dates ("3 November", "Nov 3rd", "11/03/2026") are read by dateparser once this grammar has found where they
are: it knows the written forms, while it cannot say what a relative phrase covers ("last week" is one instant to it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from engine.analytics import Period, period_for
from engine.analytics.periods import _unit_end, _unit_start

from ..tools.periods import unit_of

MONTHS = ('january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
          'november', 'december')
WEEKDAYS = ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')
NUMBERS = {'a': 1, 'an': 1, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8,
           'nine': 9, 'ten': 10, 'eleven': 11, 'twelve': 12, 'fourteen': 14, 'fifteen': 15, 'twenty': 20,
           'thirty': 30, 'sixty': 60, 'ninety': 90}
_MONTH = r'(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?' \
         r'|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
_DAY = r'(?P<day>\d{1,2})(?:st|nd|rd|th)?'
_WEEKDAY = r'(?P<weekday>mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?' \
           r'|sun(?:day)?)'
_UNIT = r'(?P<unit>day|week|month|quarter|year)s?'
_COUNT = r'(?P<count>\d{1,3}|' + '|'.join(NUMBERS) + ')'


@dataclass(frozen=True)
class Found:
    period: Period
    phrase: str  # how the answer names it, e.g. 'yesterday', 'last week', 'in October'
    start: int  # where the words were in the question
    end: int


@dataclass(frozen=True)
class Shift:
    """A period relative to another: `units` back (the week before: week, 1), or the same day `days` before."""
    unit: str  # day, week, month, quarter, year, or 'same day'
    back: int
    start: int
    end: int
    phrase: str


def _rule(pattern: str):
    def register(function):
        RULES.append((re.compile(r'\b(?:' + pattern + r')\b'), function))
        return function
    return register


RULES: list = []


def find(text: str, today: date) -> tuple[list[Found], list[Shift]]:
    """Every period the (lower-case) text names, in order, without overlaps; and the relative ones."""
    found: list[Found] = []
    shifts: list[Shift] = []
    taken: list[tuple[int, int]] = []
    for pattern, function in RULES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            made = function(match, today)
            if made is None:
                continue
            taken.append((match.start(), match.end()))
            if isinstance(made, Shift):
                phrase = 'the same day a week before' if made.unit == 'same day' else \
                    'the same days a year before' if made.unit == 'year' else match.group(0)
                shifts.append(replace(made, start=match.start(), end=match.end(), phrase=phrase))
            else:
                period, phrase = made
                found.append(Found(period, phrase or match.group(0), match.start(), match.end()))
    return sorted(found, key=lambda f: f.start), sorted(shifts, key=lambda s: s.start)


def shifted(period: Period, shift: Shift) -> Period:
    """The period a Shift names, relative to `period`."""
    if shift.unit == 'same day':
        return Period(period.end - timedelta(shift.back), period.end - timedelta(shift.back), 'day')
    if shift.unit == 'year':
        return Period(_years_back(period.start, shift.back), _years_back(period.end, shift.back), period.unit)
    if period.unit in ('week', 'month', 'quarter', 'year') and shift.unit in (period.unit, 'same'):
        start = period.start
        for _ in range(shift.back):
            start = _unit_start(period.unit, start - timedelta(1))
        return Period(start, _unit_end(period.unit, start), period.unit)
    if shift.unit in ('week', 'month', 'quarter', 'year') and period.days == 1:  # a day, "the week before"
        days = {'week': 7, 'month': 28, 'quarter': 91, 'year': 364}[shift.unit] * shift.back
        return Period(period.start - timedelta(days), period.end - timedelta(days), 'day')
    if shift.unit in ('week', 'month', 'quarter', 'year'):
        start = _unit_start(shift.unit, period.start)
        for _ in range(shift.back):
            start = _unit_start(shift.unit, start - timedelta(1))
        return Period(start, _unit_end(shift.unit, start), shift.unit)  # type: ignore[arg-type]
    length = timedelta(period.days * shift.back)  # 'day' before a range, or 'same': as long, just before
    return replace(period, start=period.start - length, end=period.end - length, label='')


# --- the rules, most specific first ---

@_rule(r'(?:the\s+)?same\s+day\s+(?:the\s+|a\s+)?(?:week\s+before|previous\s+week|last\s+week|a\s+week\s+(?:before|'
       r'earlier|ago))|this\s+(?:time|day)\s+last\s+week')
def _same_day_week_before(match, today):
    return Shift('same day', 7, 0, 0, '')


@_rule(r'(?:the\s+)?same\s+(?:day|time|period)\s+(?:a\s+|the\s+)?(?:year\s+(?:before|earlier|ago)|last\s+year)'
       r'|(?:this\s+time|same\s+time)\s+last\s+year|a\s+year\s+(?:before|earlier)')
def _year_before(match, today):
    return Shift('year', 1, 0, 0, '')


@_rule(r'(?:the\s+)?' + _WEEKDAY + r'\s+before\s+last(?:\s+week)?')
def _weekday_before_last(match, today):
    day = _latest_weekday(match['weekday'], today, include_today=False) - timedelta(7)
    return _day(day), f'the {_day_text(day).split()[0]} before last'


@_rule(r'(?:the\s+)?' + _WEEKDAY + r'\s+(?:before|earlier)(?:\s+that)?')
def _weekday_before(match, today):
    return Shift('same day', 7, 0, 0, '')


@_rule(r'(?:the\s+)?day\s+before\s+yesterday')
def _day_before_yesterday(match, today):
    return _day(today - timedelta(2)), 'the day before yesterday'


@_rule(r'(?:the\s+)?(?P<unit>week|month|quarter|year)\s+before\s+last(?:\s+(?:week|month|quarter|year))?')
def _before_last(match, today):
    last = period_for(f'last_{match["unit"]}', today)  # type: ignore[arg-type]
    start = _unit_start(match['unit'], last.start - timedelta(1))
    return Period(start, _unit_end(match['unit'], start), match['unit']), None


@_rule(r'(?:the\s+)?(?P<unit>day|week|month|quarter|year)\s+(?:before|prior|earlier)(?:\s+that)?'
       r'|(?:the\s+)?(?:previous|prior)\s+one|before\s+that')
def _unit_before(match, today):
    return Shift(match['unit'] or 'same', 1, 0, 0, '')


@_rule(r'(?:so\s+far\s+)?this\s+' + _UNIT + r'(?:\s+so\s+far|\s+to\s+date)?|(?P<unit2>week|month|quarter|year)\s+to\s+'
       r'date|(?P<short>wtd|mtd|qtd|ytd)')
def _this(match, today):
    unit = match['unit'] or match['unit2'] or {'w': 'week', 'm': 'month', 'q': 'quarter', 'y': 'year'}.get(
        (match['short'] or 'm')[0])
    if unit == 'day':
        return _day(today), 'today'
    return period_for(f'this_{unit}', today), f'so far this {unit}'  # type: ignore[arg-type]


@_rule(r'(?:in\s+|over\s+|for\s+|during\s+)?(?:the\s+)?(?:last|past|previous|recent)\s+' + _COUNT + r'\s+' + _UNIT)
def _last_n(match, today):
    count = _number(match['count'])
    if not 1 <= count <= 800:
        return None
    unit = match['unit']
    if unit == 'day':
        start = today - timedelta(count - 1)
    elif unit == 'week':
        start = today - timedelta(7 * count - 1)
    elif unit in ('month', 'quarter', 'year'):
        start = _months_back(today, count * {'month': 1, 'quarter': 3, 'year': 12}[unit]) + timedelta(1)
    plural = unit + ('s' if count != 1 else '')
    return Period(start, today), f'in the last {count} {plural}'


@_rule(r'(?:the\s+)?past\s+(?P<unit>week|month|year)(?!s)')
def _past_unit(match, today):
    days = {'week': 7, 'month': 30, 'year': 365}[match['unit']]
    return Period(today - timedelta(days - 1), today), f'in the past {match["unit"]}'


@_rule(r'(?:the\s+)?(?:last|previous|prior)\s+' + _UNIT + r'(?!\s+(?:before|ago))')
def _last(match, today):
    unit = match['unit']
    if unit == 'day':
        return _day(today - timedelta(1)), 'yesterday'
    return period_for(f'last_{unit}', today), f'last {unit}'  # type: ignore[arg-type]


@_rule(_COUNT + r'\s+(?P<unit>day|week|month)s?\s+ago')
def _ago(match, today):
    count = _number(match['count'])
    if match['unit'] == 'day':
        return _day(today - timedelta(count)), None
    if match['unit'] == 'week':
        if count == 1 and 'a ' in match.group(0):
            return _day(today - timedelta(7)), 'a week ago'
        start = _unit_start('week', today) - timedelta(7 * count)
        return Period(start, start + timedelta(6), 'week'), None
    start = _unit_start('month', _months_back(today, count))
    return Period(start, _unit_end('month', start), 'month'), None


@_rule(r'(?:(?P<which>last|this|past)\s+)?weekend')
def _weekend(match, today):
    saturday = today - timedelta((today.weekday() - 5) % 7)
    if match['which'] != 'this' and saturday + timedelta(1) >= today:
        saturday -= timedelta(7)
    return Period(saturday, saturday + timedelta(1)), f'the weekend of {saturday.day} {MONTHS[saturday.month - 1]}'


@_rule(r'(?:(?:from|between)\s+)?' + _DAY + r'\s*(?:-|–|to|and|until|till)\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+'
       r'(?:of\s+)?' + _MONTH + r'(?:\s+(?P<year>\d{4}))?')
def _day_range(match, today):
    month = _month_number(match['month'])
    year = int(match['year']) if match['year'] else _latest_year(month, today)
    try:
        start, end = date(year, month, int(match['day'])), date(year, month, int(match['day2']))
    except ValueError:
        return None
    return (unit_of(Period(start, end)), None) if start <= end else None


@_rule(r'(?:since|from)\s+(?:the\s+)?(?:(?P<sd>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?' + _MONTH + r')?|'
       + _WEEKDAY + r')(?!\s*(?:-|–|to|and|until)\s*\d)')
def _since(match, today):
    if match['weekday']:
        start = _latest_weekday(match['weekday'], today, include_today=False)
    else:
        month = _month_number(match['month']) if match['month'] else today.month
        year = _latest_year(month, today) if match['month'] else today.year
        try:
            start = date(year, month, int(match['sd']))
        except ValueError:
            return None
        if start > today:
            start = _months_back(start, 1)
    return Period(start, today), f'since {_day_text(start)}'


@_rule(r'(?:on\s+)?(?:the\s+)?' + _DAY + r'\s+(?:of\s+)?' + _MONTH + r'(?:,?\s+(?P<year>\d{4}))?'
       r'|(?:on\s+)?' + _MONTH.replace('month', 'month_') + r'\s+(?:the\s+)?(?P<day_>\d{1,2})(?:st|nd|rd|th)?'
       r'(?:,?\s+(?P<year_>\d{4}))?(?!\s*(?:-|–|to)\s*\d)|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?')
def _explicit_day(match, today):
    """A written date, read by dateparser (ordinals, 'of', abbreviations, numeric forms), never in the future."""
    day = _parse_date(match.group(0).removeprefix('on ').strip(), today)
    return (_day(day), None) if day is not None else None


@_rule(r'(?:on\s+)?(?:the\s+)(?P<nth>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[a-z]*(?:day|week|month))')
def _nth(match, today):
    nth = int(match['nth'])
    try:
        day = date(today.year, today.month, nth)
    except ValueError:
        return None
    if day > today:
        day = _months_back(day, 1)
    return _day(day), None


@_rule(r'(?:(?P<which>in|for|during|of|last|this)\s+)?' + _MONTH
       + r'(?:\s+(?P<year>\d{4}))?(?:\s+(?P<ly>last\s+year))?')
def _month(match, today):
    if match['month'] in ('may', 'mar', 'march', 'sat', 'jun') and not (match['which'] or match['year']):
        return None  # 'may' and 'march' are words too
    month = _month_number(match['month'])
    if match['year']:
        year = int(match['year'])
    elif match['ly']:
        year = today.year - 1
    elif match['which'] == 'last':
        year = today.year if month < today.month else today.year - 1
    else:
        year = _latest_year(month, today)
    start = date(year, month, 1)
    phrase = f'in {MONTHS[month - 1].capitalize()}' + (f' {year}' if year != today.year else '')
    return Period(start, _unit_end('month', start), 'month'), phrase


@_rule(r'(?:in\s+)?(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth)\s+quarter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?')
def _quarter(match, today):
    q = int(match['q']) if match['q'] else ('first', 'second', 'third', 'fourth').index(match['qw']) + 1
    year = int(match['year']) if match['year'] else today.year if date(today.year, 3 * q - 2, 1) <= today \
        else today.year - 1
    start = date(year, 3 * q - 2, 1)
    return Period(start, _unit_end('quarter', start), 'quarter'), f'in Q{q} {year}'


@_rule(r'(?:in\s+|for\s+|during\s+)(?P<year>20\d{2})')
def _year(match, today):
    start = date(int(match['year']), 1, 1)
    return Period(start, _unit_end('year', start), 'year'), f'in {match["year"]}'


@_rule(r'(?:so\s+far\s+)?today|this\s+(?:morning|afternoon|evening)|tonight|so\s+far\s+today')
def _today(match, today):
    return _day(today), 'today'


@_rule(r'yesterday|last\s+night')
def _yesterday(match, today):
    return _day(today - timedelta(1)), 'yesterday'


@_rule(r'(?:(?P<which>last|this|past|on|previous)\s+)?' + _WEEKDAY + r'(?:s)?(?!\s*(?:-|to)\s*\d)')
def _weekday(match, today):
    if match['which'] is None and len(match['weekday']) <= 4:
        return None  # 'sat', 'sun', 'wed' alone are words too
    if match['which'] == 'this':
        day = _latest_weekday(match['weekday'], today, include_today=True)
    else:
        day = _latest_weekday(match['weekday'], today, include_today=False)
    return _day(day), None


# --- helpers ---

def _day(day: date) -> Period:
    return Period(day, day, 'day')


def _day_text(day: date) -> str:
    return f'{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1].capitalize()}'


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


def _month_number(word: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(word[:3]))


def _latest_year(month: int, today: date) -> int:
    """The year of the latest such month that has begun."""
    return today.year if month <= today.month else today.year - 1


def _latest_weekday(word: str, today: date, include_today: bool) -> date:
    weekday = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(word[:3]))
    back = (today.weekday() - weekday) % 7
    if back == 0 and not include_today:
        back = 7
    return today - timedelta(back)


def _months_back(day: date, months: int) -> date:
    month = day.month - 1 - months
    year = day.year + month // 12
    month = month % 12 + 1
    last = _unit_end('month', date(year, month, 1)).day
    return date(year, month, min(day.day, last))


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _parse_date(text: str, today: date) -> date | None:
    import dateparser
    settings = {'RELATIVE_BASE': datetime(today.year, today.month, today.day), 'PREFER_DATES_FROM': 'past',
                'REQUIRE_PARTS': ['day', 'month'], 'RETURN_AS_TIMEZONE_AWARE': False}
    parsed = dateparser.parse(text, languages=['en'], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if day > today and not re.search(r'\d{4}', text):
        day = _years_back(day, 1)
    return day
