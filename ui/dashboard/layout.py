"""The live dashboard: the headline cards, the floor, the charts, what just happened, and the coach."""
from nicegui import ui

from shops import Shops
from store.accounts import Account

from .. import theme
from ..chat import panel as chat_panel
from ..shared import catching_up
from . import (
    activity_feed,
    activity_panel,
    arrivals_chart,
    header,
    kpi_panel,
    metric_card,
    part_error,
    revenue_chart,
    services_trending,
)
from .notification_center import NotificationCenter
from .state import ChairView, SessionState


def create(shops: Shops, account: Account, shop_id: str) -> None:
    profile = shops.profile(shop_id)  # the shop may still be catching up on its history: the page says so
    state = SessionState(chairs=[ChairView() for _ in profile.barbers])
    shops.live.subscribe(shop_id, state.receive)
    theme.apply()
    is_owner_of_demo = shops.clock(shop_id) is shops.demo_clock and account.role_in(shop_id) == 'owner'
    notifications = NotificationCenter(shops, shop_id, account.user_id)
    notifications.create()
    shops.live.subscribe(shop_id, notifications.receive)
    header.create(shops, state, account, shop_id, shops.demo_clock.set_speed if is_owner_of_demo else None,
                  notifications.bell)
    with ui.column().classes('w-full max-w-screen-xl mx-auto p-2 sm:p-4 gap-4'):
        with ui.row().classes('w-full items-center gap-2 rounded bg-amber-1 text-amber-10 px-3 py-2') \
                .mark('closed-notice').bind_visibility_from(state, 'notice', backward=bool):
            ui.icon('nightlight')
            ui.label().bind_text_from(state, 'notice')
        catching_up.create(state, 'catching_up')
        part_error.create(state, 'cards')
        with ui.grid().classes('w-full gap-4 grid-cols-1 sm:grid-cols-2 lg:grid-cols-4'):
            metric_card.create('Revenue today', 'payments', 'revenue', state.revenue, state, 'revenue_forecast')
            metric_card.create('Bookings today', 'event_available', 'bookings', state.bookings, state)
            metric_card.create('Satisfaction', 'star', 'satisfaction', state.satisfaction, state)
            metric_card.create('Utilization', 'chair', 'utilization', state.utilization, state)
        kpi_panel.create(state)
        with ui.grid().classes('w-full gap-4 grid-cols-1 lg:grid-cols-3'):
            with ui.column().classes('w-full gap-4 lg:col-span-2 min-w-0'):
                revenue_chart.create(state)
                arrivals_chart.create(state)
                services_trending.create(state)
            with ui.column().classes('w-full gap-4 min-w-0'):
                activity_panel.create(state)
                with ui.card().classes('w-full'):
                    ui.label('What just happened').classes('text-lg font-medium')
                    feed = activity_feed.ActivityFeed()
                    shops.live.subscribe(shop_id, feed.receive)
                chat_panel.create(shops, account, shop_id, compact=True)
