"""A CSV of past appointments becomes each visit's events, with ids from the row's content; bad rows are named."""
import pytest

from engine import demo_profile
from engine.csv_import import CsvError, parse_appointments

from .helpers import NOW

PROFILE = demo_profile('Europe/London')
HEADER = 'date,time,barber,service,price,tip,status\n'
ROWS = ['2026-11-17,10:00,Marco,Haircut,35,5,completed', '2026-11-17,10:00,Dee,Skin fade,,,cancelled',
        '2026-11-17,9:30,sam,beard trim,20.50,0,no-show']


def parse(*rows: str, header: str = HEADER):
    return parse_appointments(header + '\n'.join(rows) + '\n', PROFILE, NOW)


def test_each_row_becomes_the_events_of_its_visit():
    parsed = parse(*ROWS)
    assert (parsed.rows, parsed.visits, parsed.rejected) == (3, 3, [])
    kinds = [event['kind'] for event in parsed.events]
    assert kinds == ['Booked', 'CheckedIn', 'ServiceStarted', 'ServiceCompleted', 'Booked', 'Cancelled', 'Booked',
                     'NoShow']
    done = parsed.events[3]
    assert (done['barber'], done['service'], done['price'], done['tip']) == ('Marco', 'Haircut', 35.0, 5.0)
    assert done['at'] - parsed.events[2]['at'] == 30 * 60  # the service's length
    assert parsed.events[6]['barber'] == 'Sam' and parsed.events[6]['service'] == 'Beard trim'  # names as in Settings


def test_ids_come_from_the_content_so_a_reordered_or_repeated_file_gives_the_same_ids():
    ids = {event['id'] for event in parse(*ROWS).events}
    assert ids == {event['id'] for event in parse(*reversed(ROWS)).events}
    assert ids < {event['id'] for event in parse(*ROWS, '2026-11-18,11:00,Luis,Haircut,35,0,completed').events}
    twice = parse(ROWS[0], ROWS[0])  # two identical rows are two visits, each kept once on re-import
    assert twice.visits == 2 and len({event['id'] for event in twice.events}) == 8
    assert all(len(event['id']) <= 64 for event in twice.events)


def test_every_bad_row_is_reported_with_its_line_and_what_to_fix_and_the_good_rows_still_go_in():
    parsed = parse(ROWS[0], '2026-11-17,11:00,Bob,Haircut,35,0,completed', '',
                   '2026-11-17,11:00,Dee,Perm,35,0,completed', '17/11/2026,25:00,Dee,Haircut,35,0,completed',
                   '2026-11-17,12:00,Dee,Haircut,-35,x,completed',
                   '2026-11-17,12:00,Dee,Haircut,35,0,maybe', '2026-11-24,14:00,Dee,Haircut,35,0,completed',
                   '2026-11-17,12:00,Dee,Haircut,"35,50",0,completed', '0026-11-17,12:00,Dee,Haircut,35,0,completed',
                   '2026-11-17,12:00,Dee,Haircut,1e300,0,completed')
    assert parsed.visits == 1 and parsed.rows == 10
    reasons = {row.line: row.reason for row in parsed.rejected}
    assert list(reasons) == [3, 5, 6, 7, 8, 9, 10, 11, 12]  # line 4 is blank
    assert reasons[3].startswith('Unknown barber "Bob": use one of Marco, Dee, Sam, Luis')
    assert reasons[5].startswith('Unknown service "Perm"')
    assert 'write it as YYYY-MM-DD' in reasons[6] and 'write it as HH:MM' in reasons[6]
    assert 'Price "-35" must be a number from 0 to 100,000' in reasons[7] and 'tip "x"' in reasons[7]
    assert 'unknown status "maybe": use completed, cancelled or no-show' in reasons[8].lower()
    assert reasons[9] == '2026-11-24 14:00 is not over yet: import only past appointments.'
    assert 'decimal point' in reasons[10]
    assert reasons[11] == 'Date "0026-11-17" is not between 2000 and 2099: check the year.'  # would stop the shop
    assert reasons[12] == 'Price "1e300" must be a number from 0 to 100,000 with a decimal point, such as 35.50.'


def test_a_file_without_the_columns_is_refused_as_a_whole():
    with pytest.raises(CsvError, match='missing: tip, status'):
        parse(ROWS[0], header='date,time,barber,service,price\n')
    with pytest.raises(CsvError, match='empty'):
        parse_appointments('', PROFILE, NOW)
    assert parse_appointments('\ufeffDate, Time ,Barber,Service,Price,Tip,Status\n' + ROWS[0], PROFILE, NOW).visits == 1


def test_an_optional_client_column_links_the_visits_and_leaves_the_ids_as_they_were():
    with_clients = parse(*(f'{row},{client}' for row, client in zip(ROWS, ('k-1', '', 'k-1'), strict=True)),
                         header=HEADER.replace('status', 'status,client'))
    assert [e['id'] for e in with_clients.events] == [e['id'] for e in parse(*ROWS).events]
    clients = [(e['kind'], e['client']) for e in with_clients.events if e['kind'] in ('Booked', 'CheckedIn')]
    assert clients == [('Booked', 'k-1'), ('CheckedIn', 'k-1'), ('Booked', None), ('Booked', 'k-1')]
    too_long = parse(f'{ROWS[0]},{"x" * 65}', header=HEADER.replace('status', 'status,client'))
    assert too_long.visits == 0 and 'longer than 64 characters' in too_long.rejected[0].reason
