"""The shop's profile: name, time zone, opening hours, barbers, services and daily goal, saved all at once."""
from zoneinfo import ZoneInfo, available_timezones

from nicegui import ui

from engine import ShopProfile
from shops import Shops
from store.errors import StoreError
from store.models import Shop
from store.shops import get_shop, update_shop

from . import barbers
from . import hours as settings_hours
from . import services as settings_services

TIME_ZONES = sorted(available_timezones())


def create(shops: Shops, shop: Shop) -> None:
    """Every field is checked before anything is saved, so a shop is never left half-edited."""
    with ui.column().classes('w-full gap-4').mark('settings-profile'):
        if shop.mode == 'demo':
            ui.label('This is a simulated demo shop: saving regenerates its simulated history with the new profile, '
                     'so the dashboard shows fresh figures.').classes('text-sm text-grey-8')
        with _section('Shop'):
            name = ui.input('Shop name', value=shop.name, validation={
                'Enter the name of the shop.': lambda v: bool((v or '').strip()),
                'Use at most 200 characters.': lambda v: len((v or '').strip()) <= 200,
            }).classes('w-full').mark('profile-name')
            zone = ui.select(TIME_ZONES, label='Time zone', value=shop.timezone, with_input=True, validation={
                'Choose a time zone from the list, such as Europe/London.': is_zone,
            }).classes('w-full').mark('profile-timezone')
            goal = ui.number('Daily revenue goal', value=shop.profile.get('daily_revenue_goal', 1500.0), min=0,
                             step=50, prefix='$', validation={
                                 'Enter a goal of 0 or more.': lambda v: v is not None and v >= 0,
                             }).classes('w-48').mark('profile-goal')
        with _section('Opening hours'):
            collect_hours = settings_hours.create(shop.profile['hours'])
        with _section('Barbers', 'One chair per barber, 1 to 12.'):
            collect_barbers = barbers.create(shop.profile['barbers'])
        with _section('Services', 'Prices in dollars; 5 to 240 minutes each.'):
            collect_services = settings_services.create(shop.profile['services'])

        async def save() -> None:
            basics_ok = all([field.validate() for field in (name, zone, goal)])
            hours, barbers, services = collect_hours(), collect_barbers(), collect_services()
            if not basics_ok or hours is None or barbers is None or services is None:
                message.set_text('Some fields need fixing (marked in red). Nothing was saved.')
                return
            profile = {**shop.profile, 'hours': hours, 'barbers': barbers, 'services': services,
                       'daily_revenue_goal': float(goal.value)}
            try:
                ShopProfile.from_dict(shop.id, name.value, zone.value, profile)  # the engine must accept it too
                await update_shop(shops.store, shop.id, name=name.value.strip(), timezone=zone.value, profile=profile)
                saved = await get_shop(shops.store, shop.id)
            except (StoreError, ValueError, KeyError) as error:
                message.set_text(str(error))
                return
            message.set_text('')
            if saved is not None:
                await shops.restart_shop(saved)
            ui.notify('Profile saved. The dashboard now shows it.', type='positive')

        with ui.row().classes('items-center gap-3'):
            ui.button('Save profile', icon='save', on_click=save).mark('save-profile')
            message = ui.label().classes('text-negative').mark('profile-error')


def is_zone(value: str | None) -> bool:
    try:
        return bool(value) and ZoneInfo(value) is not None
    except (ValueError, KeyError):
        return False


def _section(title: str, hint: str = '') -> ui.card:
    with ui.card().classes('w-full gap-2') as card:
        ui.label(title).classes('text-base font-medium')
        if hint:
            ui.label(hint).classes('text-xs text-grey-7')
    return card
