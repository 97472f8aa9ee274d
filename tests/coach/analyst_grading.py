"""How the analyst evaluation reads an answer: the expected value in its FIRST sentence, as an owner would read it.

Tolerant where an owner is (money rounded to the dollar or abbreviated, a rating to one decimal, a percentage to a
whole number) and strict where an owner would be misled (a count off by one, a change in the wrong direction, a
ranking whose winner is not the first name given). Dates, times of day and spans ("the last 7 days") in the sentence
are not read as figures.
"""
import re
from dataclasses import dataclass

BARBERS = ('Marco', 'Dee', 'Sam', 'Luis')
SERVICES = ('Haircut', 'Skin fade', 'Beard trim', 'Cut & beard', 'Hot towel shave', 'Kids cut')
WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
HOURS = tuple(f'{hour}:00' for hour in range(24))


@dataclass(frozen=True)
class Value:
    """One figure or one name. `rivals`: for a name, the others of its sort; none of them may come before it."""
    kind: str
    value: float | str
    rivals: tuple[str, ...] = ()

    def __str__(self) -> str:
        return _show(self.kind, self.value)


@dataclass(frozen=True)
class Change:
    """A comparison: passes on the change, either as an amount (up $340, -3 visits) or in percent (+12%)."""
    kind: str  # money or count
    current: float
    previous: float

    @property
    def delta(self) -> float:
        return self.current - self.previous

    @property
    def percent(self) -> float | None:
        return self.delta / self.previous * 100 if self.previous else None

    def __str__(self) -> str:
        percent = f', {self.percent:+.1f}%' if self.percent is not None else ''
        sign = '+' if self.delta >= 0 else '-'
        return f'{sign}{_show(self.kind, abs(self.delta))}{percent} ({_show(self.kind, self.current)} vs ' \
               f'{_show(self.kind, self.previous)})'


@dataclass(frozen=True)
class NotUnderstood:
    """The answer says it did not understand, and offers at least two questions it can answer."""

    def __str__(self) -> str:
        return 'says it did not understand, and suggests two or more questions'


Expected = Value | Change | NotUnderstood


def grade(expected: Expected, answer: str) -> bool:
    """Whether an owner reading the answer's first sentence gets the expected figure, name, change or refusal."""
    sentence = first_sentence(answer)
    if isinstance(expected, NotUnderstood):
        return bool(_ADMITS.search(sentence)) and _suggestions(answer) >= 2
    if isinstance(expected, Change):
        return _has_change(expected, sentence)
    if expected.kind == 'name':
        return _names_first(str(expected.value), expected.rivals, sentence)
    return any(_close(expected.kind, float(expected.value), number)
               for number in _numbers(expected.kind, _clean(sentence)))


def first_sentence(text: str) -> str:
    """The first sentence of the first non-empty line, markdown marks removed; '4.6' or 'vs.' do not end it."""
    text = _MARKS.sub('', text.replace('\u2019', "'"))
    line = next((stripped for raw in text.splitlines() if (stripped := _BULLET.sub('', raw.strip()).strip())), '')
    for end in re.finditer(r'[.!?](?=\s|$)', line):
        word = re.search(r'([\w.]+)$', line[:end.start()])
        if end.group() == '.' and word and word.group(1).lower().rstrip('.') in _ABBREVIATIONS:
            continue
        return line[:end.end()]
    return line


@dataclass(frozen=True)
class _Number:
    value: float
    sign: int  # +1 / -1 when written with one, else 0
    start: int
    abbreviated: bool = False  # $1.2k


def _numbers(kind: str, text: str) -> list[_Number]:
    """The candidates of one kind in a cleaned sentence: money has a currency sign, a percentage a % sign."""
    if kind == 'money':
        return [_Number(_amount(m) * (1000 if m['k'] else 1), _sign(m['sign'] or m['sign2']), m.start(), bool(m['k']))
                for m in _MONEY.finditer(text)]
    if kind == 'percent':
        return [_Number(float(m['num']), _sign(m['sign']), m.start()) for m in _PERCENT.finditer(text)]
    plain = _PERCENT.sub(_blank, _MONEY.sub(_blank, text))
    numbers = [_Number(_amount(m), _sign(m['sign']), m.start()) for m in _PLAIN.finditer(plain)]
    if kind == 'count':
        numbers += [_Number(_WORDS[m.group().lower()], 0, m.start()) for m in _WORD_NUMBER.finditer(plain)]
    return numbers


def _close(kind: str, expected: float, number: _Number) -> bool:
    shown = number.value
    if kind == 'money':
        return abs(shown - expected) <= (0.01 * abs(expected) if number.abbreviated else 1.0) + 1e-9
    if kind == 'count':
        return shown == round(expected)
    if kind in ('percent', 'minutes'):
        return abs(shown - expected) <= 0.5 + 1e-9
    if kind == 'rating':  # as rounded to the decimals shown (at least one): 4.62 reads as 4.6, never as 5
        decimals = max(1, len(repr(shown).partition('.')[2].rstrip('0')))
        return 0 <= shown <= 5 and abs(shown - round(expected, decimals)) <= 0.01 + 1e-9
    raise ValueError(f'unknown kind {kind!r}')


def _has_change(expected: Change, sentence: str) -> bool:
    """The change as an amount or in percent, with its direction: a sign, or the nearest word such as up or fewer."""
    text = _clean(sentence)
    direction = (expected.delta > 0) - (expected.delta < 0)
    if direction == 0:
        return bool(_SAME.search(text))
    candidates = [(expected.kind, n, abs(expected.delta)) for n in _numbers(expected.kind, text)]
    if expected.percent is not None:
        candidates += [('percent', n, abs(expected.percent)) for n in _numbers('percent', text)]
    return any(_close(kind, target, n) and _direction(n, text) == direction for kind, n, target in candidates)


def _direction(number: _Number, text: str) -> int:
    if number.sign:
        return number.sign
    words = [(abs(m.start() - number.start), 1 if m['up'] else -1) for m in _DIRECTION.finditer(text)]
    return min(words)[1] if words else 0


def _names_first(name: str, rivals: tuple[str, ...], sentence: str) -> bool:
    """The name is there, and no rival is named before it (a ranking lists its winner first)."""
    if re.fullmatch(r'\d{1,2}:00', name):
        hours = _hours(sentence)
        return bool(hours) and hours[0] == int(name.split(':')[0])
    text = _normal(_blank_all(_DATES, sentence))
    found = _name_pattern(name).search(text)
    if found is None:
        return False
    return not any((m := _name_pattern(r).search(text)) and m.start() < found.start() for r in rivals if r != name)


def _name_pattern(name: str) -> re.Pattern:
    """'Skin fade' matches 'skin fades', 'Dee' matches "Dee's", 'Cut & beard' matches 'cut and beard'."""
    words = _normal(name).split()
    return re.compile(r'\b' + r'\s+'.join(re.escape(word) + 's?' for word in words) + r'\b')


def _normal(text: str) -> str:
    text = text.lower().replace('&', ' and ').replace("'", '').replace('-', ' ')
    return re.sub(r'\s+', ' ', text)


def _hours(sentence: str) -> list[int]:
    """Hours of the day in the order written: 11am, 11 a.m., 11:00, 11-12, 1pm, 13:00, noon; a bare 1-8 is pm.
    The clock time a period ends at ("as of 15:00", "up to 3pm") is not one."""
    hours = []
    for m in _HOUR.finditer(_blank_all([*_DATES, _AS_OF], sentence).lower()):
        if m['noon']:
            hours.append(12)
            continue
        hour, half = int(m['hour']), (m['ampm'] or '').replace('.', '')
        if m['next'] and int(m['next']) % 12 != (hour + 1) % 12:
            continue  # 16-22: not an hour
        if m['next'] and m['ampm2']:  # 5-6pm, 11-12pm: an hour before the end
            end = int(m['next']) % 12 + (12 if m['ampm2'].startswith('p') else 0)
            hours.append((end - 1) % 24)
            continue
        if half == 'pm' and hour < 12:
            hour += 12
        elif half == 'am' and hour == 12:
            hour = 0
        elif not half and 1 <= hour <= 8:
            hour += 12
        hours.append(hour)
    return hours


def _suggestions(answer: str) -> int:
    """Suggested questions: each ends with a question mark, or is a line of a list."""
    questions = answer.count('?') - first_sentence(answer).endswith('?')
    bullets = sum(bool(_BULLET.match(line.strip())) for line in answer.splitlines())
    return max(questions, bullets)


def _clean(sentence: str) -> str:
    """Dates, times of day, years and spans blanked out (same length, so positions hold), minus signs made ASCII."""
    text = _OUT_OF_FIVE.sub(lambda m: m[1] + ' ' * (len(m[0]) - len(m[1])), _ascii(sentence))
    return _blank_all(_DATES + _NOT_FIGURES, text)


def _ascii(text: str) -> str:
    return text.replace('\u2212', '-').replace('\u2013', '-').replace('\xa0', ' ')


def _blank_all(patterns: list[re.Pattern], text: str) -> str:
    for pattern in patterns:
        text = pattern.sub(_blank, text)
    return text


def _blank(match: re.Match) -> str:
    return ' ' * len(match.group())


def _amount(match: re.Match) -> float:
    return float(match['num'].replace(',', '') + (match['dec'] or ''))


def _sign(char: str | None) -> int:
    return {'+': 1, '-': -1}.get(char or '', 0)


def _show(kind: str, value: float | str) -> str:
    if kind == 'money':
        return f'${value:,.2f}'
    if kind == 'count':
        return f'{value:,.0f}'
    if kind == 'percent':
        return f'{value:.1f}%'
    if kind == 'rating':
        return f'{value:.2f} stars'
    if kind == 'minutes':
        return f'{value:.1f} min'
    return str(value)


_MARKS = re.compile(r'[*_`]+|^#+\s*|^>\s*', re.M)
_BULLET = re.compile(r'^(?:[-*\u2022]|\d+[.)])\s+')
_ABBREVIATIONS = {'vs', 'e.g', 'i.e', 'approx', 'ca', 'mr', 'dr', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
                  'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat'}
_MONTH = (r'(?:january|february|march|april|may|june|july|august|september|october|november|december'
          r'|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?')
_DAY = r'\d{1,2}(?:st|nd|rd|th)?'
_WEEKDAY = r'(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?s?\b\.?'
_DATES = [re.compile(p, re.I) for p in (  # in this order: a longer form before its parts
    r'\b\d{4}-\d{2}-\d{2}(?:[t ]\d{1,2}:\d{2}(?::\d{2})?)?',  # ISO dates
    rf'\b{_WEEKDAY},?\s+{_DAY}\s*(?:-|to|until|through)\s*{_WEEKDAY},?\s+{_DAY}'  # Mon 16 - Sun 22 (Nov)
    rf'(?:\s+(?:of\s+)?{_MONTH})?',
    rf'\b{_DAY}\s*(?:-|to|and|until|through)\s*{_DAY}\s+(?:of\s+)?{_MONTH}',  # 16-22 November
    rf'\b{_MONTH}\s+{_DAY}\s*(?:-|to|and|until|through)\s*{_DAY}\b',  # November 16-22
    rf'\b(?:{_WEEKDAY},?\s+(?:the\s+)?)?{_DAY}\s+(?:of\s+)?{_MONTH}',  # Monday 23 November, 23rd of Nov
    rf'\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b',  # Monday, November 23
    r'(?<![\d.])\d{1,2}/\d{1,2}(?:/\d{2,4})?\b',  # 23/11, 23/11/2026
    rf'\b{_WEEKDAY},?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b',  # Saturday the 21st
    rf'\b{_WEEKDAY}\s*(?:-|to|through|until|till)\s*{_WEEKDAY}',  # Monday to Sunday
    rf'\b(?:since|from|until|till|through)\s+{_WEEKDAY}',  # since Monday
)]
_NOT_FIGURES = [re.compile(p, re.I) for p in (
    r'\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)',  # 3pm, 3:00 p.m.
    r'\b\d{1,2}:\d{2}(?::\d{2})?\b',  # 15:00
    r'\b\d{1,2}(?:st|nd|rd|th)\b',  # the 23rd
    r'\b(?:19|20)\d{2}\b',  # years
    r'\b\d+\s*(?:days?|weeks?|months?|years?|hours?|hrs?)\b',  # the last 7 days, 4 weeks
    r'\b(?:top|last|past|next|first)\s+\d{1,2}\b(?![.,]\d|\s*(?:%|percent))',  # top 3, the last 7
)]
_OUT_OF_FIVE = re.compile(r'(\d(?:\.\d+)?)\s*/\s*5\b')  # 4.6/5
_MONEY = re.compile(r'(?P<sign>[+-])?\s?[$\u00a3\u20ac]\s?(?P<sign2>[+-])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)'
                    r'(?P<dec>\.\d+)?(?:\s?(?P<k>[kK])\b)?')
_PERCENT = re.compile(r'(?P<sign>[+-])?(?P<num>\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)', re.I)
_PLAIN = re.compile(r'(?<![\w.,:/])(?P<sign>[+-])?(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?P<dec>\.\d+)?(?![\d%]|[.,]\d)')
_WORDS = {'no': 0, 'none': 0, 'zero': 0, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7,
          'eight': 8, 'nine': 9, 'ten': 10, 'eleven': 11, 'twelve': 12}
_WORD_NUMBER = re.compile(r'\b(?:no(?![\s-]*shows?\b)|' + '|'.join(list(_WORDS)[1:]) + r')\b', re.I)
_DIRECTION = re.compile(
    r'\b(?:(?P<up>up|more|higher|rose|risen|increased?|grew|grown|ahead|gained?|climbed|jumped|better|above)'
    r'|(?P<down>down|less|fewer|lower|fell|fallen|dropped|drop|decreased?|declined?|behind|below|worse|short))\b', re.I)
_SAME = re.compile(r'\b(?:the same|flat|unchanged|no change)\b|(?<![\d.,])[+-]?0(?:\.0+)?%', re.I)
_ADMITS = re.compile(
    r"\b(?:not sure what|(?:didn't|did not|don't|do not|couldn't|could not|can't|cannot|wasn't able to|unable to)"
    r"\s+(?:quite\s+|really\s+|fully\s+)?(?:understand|follow|catch|work out|make sense of|answer|help with|parse)"
    r"|not (?:something|a question) I can|(?:outside|beyond) what I can|I can only (?:answer|help))", re.I)
_AS_OF = re.compile(r'\b(?:as of|up to|until|till|to|by|since|through)\s+\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?'
                    r'(?![\w:-])', re.I)
_HOUR = re.compile(r'\b(?:(?P<noon>noon|midday)|(?P<hour>\d{1,2})(?:(?::00)?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?!\w)'
                   r'|:00\b|\s*(?:-|to|and)\s*(?P<next>\d{1,2})(?::00)?\s*(?P<ampm2>a\.?m\.?|p\.?m\.?)?(?![\w:])))',
                   re.I)
