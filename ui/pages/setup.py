"""First start: create the owner's account and shop. There is no default password anywhere."""
from zoneinfo import ZoneInfo, available_timezones

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from engine import demo_profile
from store.accounts import create_owner, has_owner
from store.errors import AccountError
from store.shops import get_shop

from .. import auth, theme
from ..context import AppContext


def create(ctx: AppContext) -> None:
    @ui.page('/setup')
    async def setup(request: Request) -> RedirectResponse | None:
        if await has_owner(ctx.store):
            return RedirectResponse('/login')
        theme.apply()

        async def create_account() -> None:
            if not all(field.validate() for field in (shop_name, zone, email, password, repeat)):
                return
            try:
                profile = {**demo_profile(zone.value).to_dict(), 'seed': ctx.settings.sim_seed}  # the demo's seed
                account = await create_owner(ctx.store, email.value, password.value, shop_name.value.strip(),
                                             zone.value, profile, mode='demo')
            except AccountError as error:
                message.set_text(str(error))
                return
            shop = await get_shop(ctx.store, account.shops[0].shop_id)
            ctx.start_shop(shop)
            auth.sign_in(ctx, request, account, '/')

        with ui.card().classes('absolute-center w-full max-w-md gap-3'):
            ui.label('Welcome to Chairside').classes('text-2xl font-bold')
            ui.label('Create the owner account. Your shop starts as a simulated demo shop, '
                     'so the dashboard is live at once.').classes('text-grey-8')
            shop_name = ui.input('Shop name', value='Demo Barbershop',
                                 validation={'Enter the shop name.': lambda v: bool(v.strip())}).classes('w-full')
            zone = ui.select(sorted(available_timezones()), label='Time zone', value=ctx.settings.timezone,
                             with_input=True, validation={'Choose a time zone from the list.': _is_zone}) \
                .classes('w-full')
            email = ui.input('Email', validation={'Enter an email address like name@example.com.': _is_email}) \
                .classes('w-full').mark('setup-email')
            password = ui.input('Password', password=True, password_toggle_button=True,
                                validation={'Use at least 10 characters.': lambda v: len(v) >= 10}).classes('w-full') \
                .mark('setup-password')
            repeat = ui.input('Repeat the password', password=True,
                              validation={'The two passwords differ.': lambda v: v == password.value}) \
                .classes('w-full').mark('setup-repeat').on('keydown.enter', create_account)
            message = ui.label().classes('text-negative').mark('setup-error')
            ui.button('Create account', on_click=create_account).classes('w-full').mark('create-account')
        return None


def _is_email(value: str) -> bool:
    return '@' in value and '.' in value.split('@')[-1]


def _is_zone(value: str | None) -> bool:
    try:
        return bool(value) and ZoneInfo(value) is not None
    except (ValueError, KeyError):
        return False
