"""The owner's live dashboard of one shop."""
from nicegui import ui

from engine import ShopEngine

from .. import theme
from ..components import activity_panel, header, metric_card, part_error, revenue_chart, services_trending
from ..live import LiveShops
from ..state import ChairView, SessionState


def create(live: LiveShops, engines: dict[str, ShopEngine], default_shop: str) -> None:
    @ui.page('/')
    def dashboard() -> None:
        engine = engines[default_shop]
        state = SessionState(chairs=[ChairView(barber) for barber in engine.profile.barbers])
        live.subscribe(default_shop, state)
        theme.apply()
        header.create(state, engine.clock.set_speed if engine.feed is not None else None)
        with ui.column().classes('w-full max-w-screen-xl mx-auto p-2 sm:p-4 gap-4'):
            with ui.row().classes('w-full items-center gap-2 rounded bg-amber-1 text-amber-10 px-3 py-2') \
                    .mark('closed-notice').bind_visibility_from(state, 'notice', backward=bool):
                ui.icon('nightlight')
                ui.label().bind_text_from(state, 'notice')
            part_error.create(state, 'cards')
            with ui.grid().classes('w-full gap-4 grid-cols-1 sm:grid-cols-2 lg:grid-cols-4'):
                metric_card.create('Revenue today', 'payments', 'revenue', state.revenue, state)
                metric_card.create('Bookings today', 'event_available', 'bookings', state.bookings, state)
                metric_card.create('Satisfaction', 'star', 'satisfaction', state.satisfaction, state)
                metric_card.create('Utilization', 'chair', 'utilization', state.utilization, state)
            with ui.grid().classes('w-full gap-4 grid-cols-1 lg:grid-cols-3'):
                with ui.column().classes('w-full gap-4 lg:col-span-2 min-w-0'):
                    revenue_chart.create(state)
                    services_trending.create(state)
                activity_panel.create(state)
