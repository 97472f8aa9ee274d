"""Past appointments from a CSV file (date, time, barber, service, price, tip, status) into the events of each visit.

An optional `client` column (the client's id in the old system, the same on every visit) lets the dashboard count
new and returning clients and retention; without it, or with an empty cell, the visit's client is unknown.
Ids are derived from each row's content (and how many identical rows came before it), so importing the same file
again, or a longer export that repeats it, adds nothing twice; the client is not part of it, so a file gives the
same ids with or without the column. Rows are checked like events posted to the API; a bad row is reported with its
line number and what to fix, and the good rows still go in.
"""
import csv
import hashlib
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from .bounds import EARLIEST, LATEST, MAX_AMOUNT
from .profile import ShopProfile

COLUMNS = ('date', 'time', 'barber', 'service', 'price', 'tip', 'status')
CLIENT = 'client'  # the optional column
MAX_CLIENT = 64  # characters, as the API takes them
STATUSES = {'completed': 'completed', 'complete': 'completed', 'done': 'completed', 'cancelled': 'cancelled',
            'canceled': 'cancelled', 'no-show': 'no-show', 'no show': 'no-show', 'noshow': 'no-show'}
MAX_AHEAD = 300.0  # seconds: a visit that ends later than this from now has not happened yet
NAME = 'Imported visit'  # the file has no customer names


class CsvError(ValueError):
    """The file as a whole cannot be read (no header, missing columns); the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Rejected:
    line: int  # as an editor numbers it, the header being line 1
    reason: str


@dataclass
class ParsedFile:
    rows: int = 0
    visits: int = 0  # rows accepted
    events: list[dict] = field(default_factory=list)  # as the store takes them, in time order per visit
    rejected: list[Rejected] = field(default_factory=list)


def parse_appointments(text: str, profile: ShopProfile, now: float) -> ParsedFile:
    """Every row checked; `now` bounds the times (only visits that are over can be imported)."""
    reader = csv.DictReader(io.StringIO(text.lstrip('\ufeff')))
    header = [(name or '').strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in header]
    if not header:
        raise CsvError(f'The file is empty. The first line must name the columns: {", ".join(COLUMNS)}.')
    if missing:
        raise CsvError(f'The first line must name the columns {", ".join(COLUMNS)}; missing: {", ".join(missing)}.')
    reader.fieldnames = header
    parsed, seen = ParsedFile(), Counter()
    barbers = {name.lower(): name for name in profile.barbers}
    services = {s.name.lower(): s.name for s in profile.services}
    for row in reader:
        if not any((value or '').strip() for value in row.values() if isinstance(value, str)):
            continue  # blank line
        parsed.rows += 1
        try:
            visit = _visit(row, profile, barbers, services, now)
        except ValueError as error:
            parsed.rejected.append(Rejected(reader.line_num, str(error)))
            continue
        key = '|'.join(str(visit[name]) for name in ('start', 'barber', 'service', 'price', 'tip', 'status'))
        seen[key] += 1
        digest = hashlib.sha256(f'{key}|{seen[key]}'.encode()).hexdigest()[:24]
        parsed.events.extend(_events(f'csv-{digest}', visit, profile))
        parsed.visits += 1
    return parsed


def _visit(row: dict, profile: ShopProfile, barbers: dict, services: dict, now: float) -> dict:
    problems = []
    cell = {column: (row.get(column) or '').strip() for column in (*COLUMNS, CLIENT)}
    day = _parse(cell['date'], date.fromisoformat, problems, 'date', 'write it as YYYY-MM-DD, such as 2026-11-24')
    if day is not None and not 2000 <= day.year < 2100:  # the engine's window (bounds.py): a typo in the year
        problems.append(f'date "{cell["date"]}" is not between 2000 and 2099: check the year')
        day = None
    hour = _parse(_pad(cell['time']), time.fromisoformat, problems, 'time', 'write it as HH:MM, such as 14:30')
    barber = barbers.get(cell['barber'].lower())
    if barber is None:
        problems.append(f'unknown barber "{cell["barber"]}": use one of {", ".join(profile.barbers)} '
                        '(or add the barber in Settings first)')
    service = services.get(cell['service'].lower())
    if service is None:
        problems.append(f'unknown service "{cell["service"]}": use one of {", ".join(services.values())} '
                        '(or add the service in Settings first)')
    status = STATUSES.get(cell['status'].lower())
    if status is None:
        problems.append(f'unknown status "{cell["status"]}": use completed, cancelled or no-show')
    listed = profile.service(service).price if service else 0.0
    price = _amount(cell['price'], 'price', listed, problems)
    tip = _amount(cell['tip'], 'tip', 0.0, problems)
    if len(cell[CLIENT]) > MAX_CLIENT:
        problems.append(f'client "{cell[CLIENT][:20]}…" is longer than {MAX_CLIENT} characters: use the id, not a note')
    if problems:
        reason = '; '.join(problems)
        raise ValueError(f'{reason[0].upper()}{reason[1:]}.')
    start = datetime.combine(day, hour, profile.tz).timestamp()
    if not EARLIEST <= start <= LATEST:  # the first hours of 2000 east of UTC
        raise ValueError(f'{cell["date"]} {cell["time"]} is before the year 2000 in UTC: check the date.')
    end = start + profile.service(service).minutes * 60 if status == 'completed' else start
    if end > now + MAX_AHEAD:
        raise ValueError(f'{cell["date"]} {cell["time"]} is not over yet: import only past appointments.')
    return {'start': start, 'end': end, 'barber': barber, 'service': service, 'status': status,
            'price': price if status == 'completed' else 0.0, 'tip': tip if status == 'completed' else 0.0,
            'client': cell[CLIENT] or None}


def _events(customer: str, visit: dict, profile: ShopProfile) -> list[dict]:
    """The visit as the engine would have seen it live; numbered ids keep the order among equal times."""
    start, barber, service = visit['start'], visit['barber'], visit['service']
    common = {'customer': customer}
    client = visit['client']
    events = [{'kind': 'Booked', 'at': start, 'name': NAME, 'service': service, 'barber': barber,
               'appointment_at': start, 'client': client}]
    if visit['status'] == 'cancelled':
        events.append({'kind': 'Cancelled', 'at': start})
    elif visit['status'] == 'no-show':
        events.append({'kind': 'NoShow', 'at': start})
    else:
        events += [{'kind': 'CheckedIn', 'at': start, 'name': NAME, 'walk_in': False, 'client': client},
                   {'kind': 'ServiceStarted', 'at': start, 'barber': barber, 'service': service},
                   {'kind': 'ServiceCompleted', 'at': visit['end'], 'barber': barber, 'service': service,
                    'price': visit['price'], 'tip': visit['tip'], 'retail': 0.0}]
    return [{'id': f'{customer}-{n}', **common, **event} for n, event in enumerate(events, 1)]


def _parse(value: str, parse, problems: list[str], column: str, how: str):
    try:
        return parse(value)
    except ValueError:
        problems.append(f'{column} "{value}" cannot be read: {how}')
        return None


def _pad(value: str) -> str:
    """9:30 as 09:30, which is what time.fromisoformat reads."""
    return f'0{value}' if re.fullmatch(r'\d:\d\d(:\d\d)?', value) else value


def _amount(value: str, column: str, default: float, problems: list[str]) -> float:
    if not value:
        return default
    try:
        amount = float(value.lstrip('$€£'))
    except ValueError:
        amount = math.nan
    if not math.isfinite(amount) or not 0 <= amount <= MAX_AMOUNT:
        problems.append(f'{column} "{value}" must be a number from 0 to {MAX_AMOUNT:,.0f} with a decimal point, '
                        'such as 35.50')
        return default
    return round(amount, 2)
