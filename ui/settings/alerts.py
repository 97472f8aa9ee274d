"""Which notifications the shop gets, and their thresholds: saved for the shop and applied to its engine at once."""
from nicegui import ui

from engine.alerts import KINDS, AlertSettings
from shops import Shops, alert_settings

LABELS = {
    'five_star_review': 'New 5-star reviews', 'low_review': 'Reviews of 2 stars or less',
    'revenue_goal': 'Daily revenue goal met', 'booking_milestone': 'Booking milestones',
    'rush': 'A rush coming', 'long_wait': 'Long waits', 'walk_out': 'Walk-ins leaving', 'no_show': 'No-shows',
    'quiet': 'Quiet stretches with idle chairs', 'insight': 'Insights at closing time',
}
NUMBERS = (  # field, label, minimum, maximum
    ('long_wait_minutes', 'Long wait: average wait above (minutes)', 5, 120),
    ('quiet_minutes', 'Quiet stretch: idle for (minutes)', 10, 240),
    ('quiet_idle_chairs', 'Quiet stretch: idle chairs at least', 1, 12),
    ('rush_horizon_minutes', 'Rush: look ahead (minutes)', 15, 180),
)


async def create(shops: Shops, shop_id: str) -> None:
    current = await alert_settings.load(shops.store, shop_id)
    with ui.card().classes('w-full gap-3').mark('settings-alerts'):
        ui.label('Notifications').classes('text-lg font-medium')
        ui.label('Changes apply to the running shop as soon as they are saved.').classes('text-sm text-grey-7')
        switches = {kind: ui.switch(LABELS[kind], value=current.is_on(kind)).mark(f'alert-{kind}') for kind in KINDS}
        numbers = {field: ui.number(label, value=getattr(current, field), min=low, max=high, precision=0,
                                    validation={f'Give a whole number from {low} to {high}.':
                                                lambda v, lo=low, hi=high: v is not None and lo <= v <= hi})
                   .classes('w-72').mark(f'alert-{field}') for field, label, low, high in NUMBERS}
        milestones = ui.input('Booking milestones per day (comma-separated)',
                              value=', '.join(map(str, current.booking_milestones_day)),
                              validation={'Give whole numbers above 0, e.g. 20, 30, 40.': _milestones_ok}) \
            .classes('w-72').mark('alert-milestones')

        async def save() -> None:
            if not all(field.validate() for field in (*numbers.values(), milestones)):
                message.set_text('Some fields need fixing (marked in red). Nothing was saved.')
                return
            settings = AlertSettings(enabled={kind: switch.value for kind, switch in switches.items()},
                                     booking_milestones_day=_milestones(milestones.value),
                                     **{field: int(number.value) for field, number in numbers.items()})
            await shops.set_alert_settings(shop_id, settings)
            message.set_text('')
            ui.notify('Notification settings saved.', type='positive')

        with ui.row().classes('items-center gap-3'):
            ui.button('Save notifications', icon='save', on_click=save).mark('save-alerts')
            message = ui.label().classes('text-negative')


def _milestones(text: str) -> tuple[int, ...]:
    return tuple(sorted({int(part) for part in text.replace(' ', '').split(',') if part}))


def _milestones_ok(text: str) -> bool:
    try:
        return all(n > 0 for n in _milestones(text))
    except ValueError:
        return False

