"""The bell, the drawer of notifications and the toasts: read state per user, the same on every device."""
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import background_tasks, binding, ui

from engine.alerts import Notification
from shops import Published, Shops, Update
from store.notifications import (
    NotificationView,
    list_notifications,
    mark_all_read,
    mark_read,
    notification_id_for,
)

STYLE = {  # priority -> icon, colour
    'critical': ('error', 'negative'),
    'warning': ('warning', 'warning'),
    'success': ('celebration', 'positive'),
    'info': ('info', 'primary'),
}
TOASTED = ('critical', 'warning', 'success')  # info stays in the drawer
LENGTH = 50


class NotificationCenter:
    """The drawer's rows are built the first time it opens: most pages never open it (a TV, an idle tab), and a
    thousand pages each building rows for a new notification in the same tick would hold up everyone's updates."""
    unread = binding.BindableProperty()

    def __init__(self, shops: Shops, shop_id: str, user_id: str) -> None:
        self.shops, self.shop_id, self.user_id = shops, shop_id, user_id
        self.unread = 0
        self.items: dict[str, NotificationView] = {}  # oldest first, at most LENGTH
        self.read: set[str] = set()  # ids this user has read
        self.unstored: dict[str, Notification] = {}  # came with a snapshot, maybe not in the store yet
        self.rows: dict[str, ui.element] = {}  # once the drawer has opened
        self.times: dict[str, ui.label] = {}
        self.dots: dict[str, ui.icon] = {}
        self.seen: set[str] = set()  # alert ids already known to this page
        self.primed = False
        self.zone = ZoneInfo(shops.profile(shop_id).timezone)
        self.now = 0.0
        self.minute = -1  # of the shop's clock, when relative times were last worked out
        self.built = False  # the drawer's rows
        self.loaded = False  # the store's notifications and this user's read state are in

    def create(self) -> None:
        """The drawer the bell opens; call inside the page. The store is read after the page has answered, so that
        a burst of page opens never waits for it (an unread count appears once the read state is known)."""
        with ui.right_drawer(value=False).classes('bg-grey-1 p-0').props('width=360 overlay bordered') as drawer:
            with ui.row().classes('w-full items-center justify-between p-3 border-b'):
                ui.label('Notifications').classes('text-lg font-medium')
                ui.button('Mark all read', on_click=self._mark_all).props('flat dense no-caps') \
                    .mark('mark-all-read').bind_enabled_from(self, 'unread', backward=bool)
            self.list = ui.column().classes('w-full gap-0').mark('notifications')
            self.empty = ui.label('Nothing yet: milestones, reviews and rushes will show here.') \
                .classes('p-4 text-grey-7 text-sm')
        self.drawer = drawer
        self.shops.live.subscribe_user(self.user_id, self._reload_read_state)
        background_tasks.create(self._load(), name='stored notifications')

    async def _load(self) -> None:
        stored = await list_notifications(self.shops.store, self.shop_id, self.user_id, LENGTH)
        if self.list.is_deleted:
            return
        known = {view.id: view for view in stored}
        merged = sorted([*stored, *(item for item_id, item in self.items.items() if item_id not in known)],
                        key=lambda item: item.at)  # what snapshots brought meanwhile, in its place by time
        self.items, self.read = {}, set()
        if self.built:
            self.list.clear()
            for shown in (self.rows, self.times, self.dots):
                shown.clear()
        self.loaded = True
        for item in merged:
            self._add(item)
        self._count()

    def bell(self) -> None:
        with ui.button(icon='notifications', on_click=self._toggle) \
                .props('flat round color=white data-testid=notifications-bell').mark('notifications-bell'):
            ui.badge().props('floating color=negative').mark('unread-count') \
                .bind_text_from(self, 'unread').bind_visibility_from(self, 'unread', backward=bool)

    def _toggle(self) -> None:
        if not self.built:
            self.built = True
            for item in self.items.values():
                self._row(item)
        self.drawer.toggle()

    def receive(self, published: Update) -> None:
        if not isinstance(published, Published):
            return
        update = published.snapshot
        self.now = update.at
        if int(update.at // 60) != self.minute:  # relative times are in minutes: a page need not redo them each tick
            self.minute = int(update.at // 60)
            for item_id, label in self.times.items():
                label.set_text(self._when(self.items[item_id].at))
        if self.primed and (not update.notifications or update.notifications[-1].id in self.seen):
            return  # nothing new (the engine appends new notifications at the end)
        first, self.primed = not self.primed, True  # what is already there when the page opens is no news
        toasts = []
        for notification in update.notifications:
            if notification.id in self.seen:
                continue
            self.seen.add(notification.id)
            stored_id = notification_id_for(self.shop_id, notification.id)
            if stored_id in self.items:
                continue
            self.unstored[stored_id] = notification
            self._add(_item(stored_id, notification))
            if not first and notification.priority in TOASTED:
                toasts.append(notification)
        if len(toasts) == 1:
            ui.notify(f'{toasts[0].title}: {toasts[0].body}', type=_toast_type(toasts[0].priority),
                      position='top-right', timeout=8000)
        elif toasts:  # a sped-up demo can raise several at once: one toast says so
            ui.notify(f'{len(toasts)} new notifications: {", ".join(t.title for t in toasts)}',
                      type=_toast_type(toasts[0].priority), position='top-right', timeout=8000)

    def _add(self, item: NotificationView) -> None:
        if item.read:
            self.read.add(item.id)
        self.items[item.id] = item
        if self.built:
            self._row(item)
        for old in list(self.items)[:-LENGTH]:
            del self.items[old]
            self.read.discard(old)
            self.unstored.pop(old, None)
            if old in self.rows:
                self.rows.pop(old).delete()
                del self.times[old], self.dots[old]
        self.empty.set_visibility(False)
        self._count()

    def _row(self, item: NotificationView) -> None:
        icon, color = STYLE.get(item.priority, STYLE['info'])
        with self.list:
            with ui.row().classes('w-full items-start gap-3 no-wrap px-3 py-2 border-b cursor-pointer') \
                    .props('data-testid=notification').mark('notification') \
                    .on('click', lambda i=item.id: self._mark(i)) as row:
                ui.icon(icon, color=color).classes('mt-1')
                with ui.column().classes('gap-0 grow min-w-0'):
                    ui.label(item.title).classes('font-medium')
                    ui.label(item.body).classes('text-sm text-grey-8')
                    with ui.row().classes('gap-2 text-xs text-grey-6'):
                        self.times[item.id] = ui.label(self._when(item.at))
                        if item.action:
                            ui.label(f'See: {item.action}')
                self.dots[item.id] = ui.icon('circle', color='primary', size='10px').classes('mt-2') \
                    .mark('unread-dot')
                self.dots[item.id].set_visibility(item.id not in self.read)
        row.move(target_index=0)
        self.rows[item.id] = row

    async def _mark(self, item_id: str) -> None:
        if item_id not in self.read:
            await self._store_shown()
            await mark_read(self.shops.store, self.shop_id, self.user_id, item_id)
            self.shops.live.tell_user(self.user_id)

    async def _mark_all(self) -> None:
        await self._store_shown()
        await mark_all_read(self.shops.store, self.shop_id, self.user_id)
        self.shops.live.tell_user(self.user_id)

    async def _store_shown(self) -> None:
        """The loop stores new notifications in the background: make sure what this page shows is there."""
        await self.shops.keep_notifications(self.shop_id, self.unstored.values())
        self.unstored.clear()

    async def _reload_read_state(self) -> None:
        """Another page of this user (or this one) read something: take the store's word for it."""
        stored = await list_notifications(self.shops.store, self.shop_id, self.user_id, LENGTH)
        for view in stored:
            if view.id in self.items and view.read and view.id not in self.read:
                self.read.add(view.id)
                if view.id in self.dots:
                    self.dots[view.id].set_visibility(False)
        self._count()

    def _when(self, at: float) -> str:
        """Relative to the shop's clock, which may run faster than the wall's in a demo."""
        minutes = (self.now - at) / 60 if self.now else 0
        if minutes < 1:
            return 'just now'
        if minutes < 60:
            return f'{minutes:.0f} min ago'
        if minutes < 24 * 60:
            return f'{minutes / 60:.0f} h ago'
        return f'{datetime.fromtimestamp(at, self.zone):%a %-d %b %H:%M}'

    def _count(self) -> None:
        self.unread = sum(item_id not in self.read for item_id in self.items) if self.loaded else 0


def _toast_type(priority: str) -> str:
    return {'critical': 'negative', 'warning': 'warning', 'success': 'positive'}.get(priority, 'info')


def _item(stored_id: str, n: Notification) -> NotificationView:
    return NotificationView(stored_id, n.kind, n.priority, n.title, n.body, n.action, n.at, False)
