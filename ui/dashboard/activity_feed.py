"""What just happened, newest first: new events are added at the top without rebuilding the list."""
from collections import deque
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import ui

from engine import (
    Booked,
    Cancelled,
    CheckedIn,
    Event,
    LeftUnserved,
    NoShow,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    WalkedOut,
    words,
)
from shops import Published, Update

from ..shared import icon_text

FEED_LENGTH = 20


class ActivityFeed(ui.column):
    def __init__(self) -> None:
        super().__init__()
        self.classes('w-full gap-1').mark('activity-feed')
        self._shown: deque[str] = deque(maxlen=FEED_LENGTH * 4)  # ids already on screen, newest last
        with self:
            self._empty = ui.label('Nothing has happened yet today.').classes('text-grey-6 text-sm')

    def receive(self, published: Update) -> None:
        if not isinstance(published, Published):
            return
        update = published.snapshot
        if not update.recent or (self._shown and update.recent[-1].id == self._shown[-1]):
            return  # nothing happened since the last tick
        zone = ZoneInfo(update.timezone)
        new = [event for event in update.recent if event.id not in self._shown]
        for event in new[-FEED_LENGTH:]:
            self._shown.append(event.id)
            self._add(event, zone, update.names.get(event.customer, 'A customer'))
        rows = [child for child in self.default_slot.children if child is not self._empty]
        for row in rows[FEED_LENGTH:]:
            row.delete()
        self._empty.set_visibility(not rows)

    def _add(self, event: Event, zone: ZoneInfo, name: str) -> None:
        """One element per row (not a row of icon and labels): a dashboard holds twenty, a process a thousand pages."""
        icon, color, text = describe(event, name)
        with self:
            row = ui.html(icon_text.markup(icon, text, f'text-{color} text-base mt-0.5', 'grow')
                          + f'<span class="text-grey-6 text-xs">{datetime.fromtimestamp(event.at, zone):%H:%M}</span>',
                          sanitize=False).classes('w-full flex items-start gap-2 no-wrap text-sm').mark('feed-item')
        row.move(target_index=0)


def describe(event: Event, name: str) -> tuple[str, str, str]:
    """Icon, colour and sentence for one event."""
    if isinstance(event, Booked):
        return 'event', 'primary', f'{name} booked a {event.service.lower()}'
    if isinstance(event, Cancelled):
        return 'event_busy', 'grey-7', f'{name} cancelled'
    if isinstance(event, NoShow):
        return 'person_off', 'warning', f'{name} did not show up'
    if isinstance(event, CheckedIn):
        return 'login', 'secondary', f'{name} checked in' + (' (walk-in)' if event.walk_in else '')
    if isinstance(event, LeftUnserved):
        return 'nightlight', 'negative', f'{name} was still waiting at the end of the day: left unserved'
    if isinstance(event, WalkedOut):
        return 'directions_walk', 'negative', f'{name} left without being served'
    if isinstance(event, ServiceStarted):
        return 'content_cut', 'secondary', f'{event.barber} started a {event.service.lower()} for {name}'
    if isinstance(event, ServiceCompleted):
        tip = f' + {words.money(event.tip)} tip' if event.tip else ''
        retail = f' + {words.money(event.retail)} retail' if event.retail else ''
        return 'payments', 'positive', f'{event.barber} finished {name}: {words.money(event.price)}{tip}{retail}'
    if isinstance(event, Reviewed):
        return 'star', 'amber-8', f'{name} gave {event.barber} {"★" * event.stars}: "{event.text}"'
    return 'info', 'grey-7', event.kind
