"""Questions about what is ahead, read from the plain text: a forecast ('where will this month land?', 'how will
today end?', 'forecast for next week') and its period; a what-if ('what if I add a barber on Saturdays?', 'what if
I raise haircut prices by 10%?') and its changes as engine.planner.parse takes them."""
from __future__ import annotations

import re

from engine.profile import ShopProfile

FORECAST = re.compile(
    r'\b(?:forecast\w*|projection|projected|predict\w*|on (?:track|course|pace)|outlook|shaping up|end up|'
    r'where will|how will|(?:likely|expected?|going) to (?:end|land|close|finish|make|take|come in)|'
    r'will (?:we|i|it|today|the day|this (?:week|month)|the (?:week|month))\b|rest of (?:the|this|today)|'
    r'(?:next|coming) (?:7|seven) days|week ahead|coming week)\b')
WHAT_IF = re.compile(r'^(?:so |and |ok |okay |now )?(?:what (?:if|happens if|would happen if|would it do if|about if)'
                     r'|suppose|imagine|say|if (?:i|we))\b|\bwhat would (?:it|that|happen)\b|\bwould it pay\b')
WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_DAY = re.compile(r'\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:days?)?\b|\b(weekends?|weekdays)\b')
_ADD = re.compile(r'\b(?:add(?:ed|ing)?|hire|hiring|get|take on|bring in|put on|extra|another|one more|a new|'
                  r'second|more)\b(?:\s+\w+){0,3}?\s+(?:barbers?|chairs?|staff|stylists?|pair of hands)\b')
_REMOVE = re.compile(r'\b(?:remove|drop|without|lose|lost|let \w+ go|fire|off|leaves?|left|quits?|stops?|cut)\b')
_PRICE = re.compile(r'\b(?:prices?|charge|charging|cost)\b')
_UP = re.compile(r'\b(?:raise|raising|increase|increasing|put up|up|higher|more|dearer|hike)\b')
_DOWN = re.compile(r'\b(?:lower|lowering|cut|cutting|reduce|reducing|drop|dropping|decrease|down|less|cheaper|'
                   r'discount)\b')
_PERCENT = re.compile(r'(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)')
_DOLLARS = re.compile(r'(\bto\s+|\bby\s+)?(?:\$\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:dollars|bucks)\b)')
_ELASTICITY = re.compile(r'elasticity (?:of |at |is )?(-?\d+(?:\.\d+)?)')
_HOURS = re.compile(r'\b(close|shut|open)\b')
_TIMES = re.compile(r'(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*(?:to|-|until|till)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?')
_REBOOK = re.compile(r'\brebook\w*')


def forecast_period(text: str) -> str:
    """The forecast's period (engine.forecast.PERIODS) a question names; '' when it names none."""
    if re.search(r'\bnext (?:week|7 days|seven days)\b|coming week|week ahead|\bcoming days\b', text):
        return 'next_7_days'
    if re.search(r'\bmonth\b', text):
        return 'this_month'
    if re.search(r'\bweek\b', text):
        return 'this_week'
    return 'today' if re.search(r'\b(?:today|tonight|the day)\b', text) else ''


def is_forecast(text: str) -> bool:
    return bool(FORECAST.search(text))


def changes_in(text: str, profile: ShopProfile | None, barbers: list[str], services: list[str]) -> list[dict]:
    """The changes a what-if names, as engine.planner.parse takes them; [] when it names none this can read."""
    if not WHAT_IF.search(text) or profile is None:
        return []
    days = weekdays(text)
    if _ADD.search(text):
        return [{'kind': 'add_barber', 'weekdays': [WEEKDAYS[d] for d in days or sorted(profile.hours)]}]
    if barbers and _REMOVE.search(text):
        out = {'kind': 'remove_barber', 'name': barbers[0]}
        return [out | ({'weekdays': [WEEKDAYS[d] for d in days]} if days else {})]
    if _PRICE.search(text) or services and (_PERCENT.search(text) or _DOLLARS.search(text)):
        return _prices(text, profile, services)
    if _REBOOK.search(text) and (percent := _PERCENT.search(text)):
        return [{'kind': 'rebooking', 'rate': min(1.0, float(percent[1]) / 100)}]
    if (verb := _HOURS.search(text)) and days:
        return [_hours(verb[1], day, text, profile) for day in days]
    return []


def weekdays(text: str) -> list[int]:
    """The weekdays a text names (Saturdays, weekends, weekdays), Monday = 0."""
    found: set[int] = set()
    for match in _DAY.finditer(text):
        if match[2]:
            found |= {5, 6} if match[2].startswith('weekend') else {0, 1, 2, 3, 4}
        else:
            found.add(next(i for i, name in enumerate(WEEKDAYS) if name.lower().startswith(match[1][:3])))
    return sorted(found)


def _prices(text: str, profile: ShopProfile, services: list[str]) -> list[dict]:
    """'raise haircut prices by 10%', 'put the skin fade up to $45', 'cut prices by $5': one change per service
    (every service when none is named)."""
    percent, dollars = _PERCENT.search(text), _DOLLARS.search(text)
    down = bool(_DOWN.search(text)) and not _UP.search(text)
    menu = {s.name: s.price for s in profile.services}
    chosen = [s for s in services if s in menu] or list(menu)
    elasticity = _ELASTICITY.search(text)
    out = []
    for name in chosen:
        old = menu[name]
        if percent:
            new = old * (1 + (-1 if down else 1) * float(percent[1]) / 100)
        elif dollars and (dollars[1] or '').strip() == 'to':
            new = float(dollars[2] or dollars[3])
        elif dollars:
            new = old + (-1 if down else 1) * float(dollars[2] or dollars[3])
        else:
            return []
        out.append({'kind': 'price', 'service': name, 'price': round(max(new, 1.0), 2)}
                   | ({'elasticity': float(elasticity[1])} if elasticity else {}))
    return out


def _hours(verb: str, day: int, text: str, profile: ShopProfile) -> dict:
    """'close on Mondays', 'open on Sundays from 10 to 4' (without times: the shop's usual hours)."""
    if verb in ('close', 'shut'):
        return {'kind': 'hours', 'weekday': WEEKDAYS[day]}
    usual = profile.hours.get(day) or next(iter(profile.hours.values()))
    opens, closes = f'{usual.opens:%H:%M}', f'{usual.closes:%H:%M}'
    if times := _TIMES.search(text):
        start = _hour(times[1], times[3], 0)
        opens, closes = f'{start:02d}:{times[2] or "00"}', f'{_hour(times[4], times[6], start):02d}:{times[5] or "00"}'
    return {'kind': 'hours', 'weekday': WEEKDAYS[day], 'opens': opens, 'closes': closes}


def _hour(hour: str, half: str | None, after: int) -> int:
    """A written hour on the 24-hour clock: '4pm' 16; a bare '4' or one not after the opening is in the afternoon."""
    h = int(hour) % 24
    if half == 'pm' and h < 12 or half is None and h < 12 and (h < 8 or h <= after):
        h += 12
    return 0 if half == 'am' and h == 12 else min(h, 23)
