"""Every figure a report answers, named once, with its kind (so any screen can put it into words) and definition.

A figure derives from the days' measures (measures.py). Most are sums or ratios of sums, so they hold for any group;
utilization and the client counts across visits are worked out in report.py, for the groupings listed.
"""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

FigureKind = Literal['money', 'count', 'share', 'rating', 'minutes']
Grouping = Literal['barber', 'service', 'weekday', 'hour', 'day']
GROUPINGS: tuple[Grouping, ...] = ('barber', 'service', 'weekday', 'hour', 'day')
Value = float | int | None

_ALL = frozenset(GROUPINGS)
_NO_HOUR = frozenset({'barber', 'service', 'weekday', 'day'})
_TIMES = frozenset({'weekday', 'hour', 'day'})
_BARBER = frozenset({'barber', 'weekday', 'day'})
_DAY = frozenset({'day'})


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    kind: FigureKind  # money: in the shop's currency; share: 0..1; rating: stars 1..5; minutes
    label: str
    groupings: frozenset[Grouping]  # what a report can break it down by
    definition: str


FIGURES: dict[str, Figure] = {f.name: f for f in (
    Figure('revenue', 'money', 'Revenue', _ALL,
           'Service prices plus retail sales of the services completed (tips apart), on the day they were completed'),
    Figure('service_revenue', 'money', 'Service revenue', _ALL, 'Service prices of the services completed'),
    Figure('retail_revenue', 'money', 'Retail revenue', _ALL, 'Retail sold with the services completed'),
    Figure('tips', 'money', 'Tips', _ALL, "Tips on the services completed (the barbers', not in revenue)"),
    Figure('average_ticket', 'money', 'Average ticket', _ALL, 'Revenue per completed service'),
    Figure('visits', 'count', 'Visits', _ALL, 'Services completed; by hour, the hour they were completed'),
    Figure('new_clients', 'count', 'New clients', _ALL,
           "Clients whose first visit in the shop's history was in the period (by barber, service or hour: that "
           "visit's)"),
    Figure('returning_clients', 'count', 'Returning clients', _DAY,
           'Clients with a visit in the period and one before it'),
    Figure('clients', 'count', 'Clients', _DAY, 'Clients (people, known by their client id) with a visit'),
    Figure('rebooking_rate', 'share', 'Rebooked', _ALL,
           'Of the visits with a known client, the share whose client booked the next visit before leaving '
           '(from check-in to 15 minutes after checkout)'),
    Figure('retention_30', 'share', 'Retention 30 days', _DAY,
           "Of the clients of a window as long as the period, ending 30 days before the period's end, the share "
           'who came back within 30 days of their latest visit in the window'),
    Figure('retention_60', 'share', 'Retention 60 days', _DAY, 'The same, 60 days'),
    Figure('retention_90', 'share', 'Retention 90 days', _DAY, 'The same, 90 days'),
    Figure('bookings', 'count', 'Bookings', _ALL,
           'Appointments booked for the period, less those cancelled (by barber: the one asked for, None for any; '
           "by hour: the appointment's hour)"),
    Figure('bookings_made', 'count', 'Bookings made', _NO_HOUR, 'Bookings made in the period, for any date'),
    Figure('appointments_due', 'count', 'Appointments due', _ALL,
           'Appointments in the period that were kept (checked in) or missed (no-show)'),
    Figure('cancellations', 'count', 'Cancellations', _ALL, 'Appointments in the period cancelled'),
    Figure('late_cancellations', 'count', 'Late cancellations', _ALL,
           'Of those, cancelled less than 24 hours before the appointment'),
    Figure('late_cancel_rate', 'share', 'Late cancellations (%)', _ALL,
           'Late cancellations over the appointments in the period (due or cancelled)'),
    Figure('no_shows', 'count', 'No-shows', _ALL, 'Appointments in the period missed'),
    Figure('no_show_rate', 'share', 'No-show rate', _ALL, 'No-shows over the appointments due'),
    Figure('check_ins', 'count', 'Check-ins', _TIMES, 'Customers who checked in'),
    Figure('walk_ins', 'count', 'Walk-ins', _TIMES, 'Customers who checked in without a booking'),
    Figure('walk_in_share', 'share', 'Walk-in share', _TIMES, 'Walk-ins over check-ins'),
    Figure('walk_outs', 'count', 'Walk-outs', _TIMES, 'Customers who left without being served'),
    Figure('walk_ins_lost', 'share', 'Walk-ins lost', _TIMES, 'Walk-outs over walk-ins'),
    Figure('waits', 'count', 'Waits', _ALL,
           'Services started whose check-in is known; by hour, the hour they started'),
    Figure('average_wait', 'minutes', 'Average wait', _ALL, 'Mean minutes from check-in to the chair'),
    Figure('utilization', 'share', 'Utilization', frozenset({'barber', 'weekday', 'hour', 'day'}),
           'Busy chair time over open chair time: the chair time of the services started on each open day, up '
           "to their end or closing, over the chairs' opening hours (today: so far). By hour: the chair time that "
           "fell in that hour over that hour's open chair time. By barber, as the dashboard's table: their "
           "services' start-to-end time, on the day completed, over one chair's opening hours"),
    Figure('retail_attachment', 'share', 'Retail attachment', _ALL, 'Completed services with retail sold'),
    Figure('reviews', 'count', 'Reviews', _BARBER, 'Reviews posted in the period'),
    Figure('rating', 'rating', 'Rating', _BARBER, 'Mean stars of the reviews posted in the period'),
)}
COUNTS = frozenset(name for name, figure in FIGURES.items() if figure.kind == 'count')

Measures = Callable[[str], np.ndarray]  # a measure's value in each group


def ratio(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """NaN (shown as None) rather than a made-up 0 where there is nothing to divide by."""
    part, whole = np.broadcast_arrays(np.asarray(part, dtype=float), np.asarray(whole, dtype=float))
    return np.divide(part, whole, out=np.full(whole.shape, np.nan), where=whole != 0)


SUMS: dict[str, Callable[[Measures], np.ndarray]] = {  # the figures that are sums or ratios of sums
    'revenue': lambda m: m('price') + m('retail'),
    'service_revenue': lambda m: m('price'),
    'retail_revenue': lambda m: m('retail'),
    'tips': lambda m: m('tips'),
    'average_ticket': lambda m: ratio(m('price') + m('retail'), m('visits')),
    'visits': lambda m: m('visits'),
    'new_clients': lambda m: m('first_visits'),
    'rebooking_rate': lambda m: ratio(m('rebooked'), m('client_visits')),
    'bookings': lambda m: m('booked') - m('cancellations'),
    'bookings_made': lambda m: m('bookings_made'),
    'appointments_due': lambda m: m('due'),
    'cancellations': lambda m: m('cancellations'),
    'late_cancellations': lambda m: m('late_cancellations'),
    'late_cancel_rate': lambda m: ratio(m('late_cancellations'), m('due') + m('cancellations')),
    'no_shows': lambda m: m('no_shows'),
    'no_show_rate': lambda m: ratio(m('no_shows'), m('due')),
    'check_ins': lambda m: m('check_ins'),
    'walk_ins': lambda m: m('walk_ins'),
    'walk_in_share': lambda m: ratio(m('walk_ins'), m('check_ins')),
    'walk_outs': lambda m: m('walk_outs'),
    'walk_ins_lost': lambda m: ratio(m('walk_outs'), m('walk_ins')),
    'waits': lambda m: m('waits'),
    'average_wait': lambda m: ratio(m('wait_seconds'), m('waits')) / 60,
    'retail_attachment': lambda m: ratio(m('retail_visits'), m('visits')),
    'reviews': lambda m: m('reviews'),
    'rating': lambda m: ratio(m('stars'), m('reviews')),
}


def values(name: str, array: np.ndarray) -> list[Value]:
    """Plain Python values: whole numbers for counts, None for NaN."""
    if name in COUNTS:
        return [int(round(v)) for v in array.tolist()]
    return [None if v != v else v for v in array.tolist()]
