"""First start: create the owner's account and shop. There is no default password anywhere.

Whoever completes this form first becomes the owner. On 127.0.0.1 that can only be someone at this machine; where
Chairside is reachable from others (another address, a reverse proxy) the form also asks for a one-time code printed
to the server's log at start, as Jupyter does, so that only whoever can read that log makes the owner.
"""
import ipaddress
import secrets
from zoneinfo import ZoneInfo, available_timezones

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import ui

from engine import demo_profile
from shops import Shops
from store.accounts import create_owner, has_owner
from store.errors import AccountError
from store.shops import get_shop

from .. import auth, theme
from . import RESPONSE_TIMEOUT

FORWARDED = ('x-forwarded-for', 'forwarded', 'x-real-ip')


def code_needed(shops: Shops, request: Request) -> bool:
    """Unless served on loopback and reached directly: a forwarding header means a proxy, whatever the settings say."""
    return shops.settings.behind_proxy or not _is_loopback(shops.settings.host) or \
        any(header in request.headers for header in FORWARDED)


def create(shops: Shops) -> None:
    @ui.page('/setup', response_timeout=RESPONSE_TIMEOUT)
    async def setup(request: Request, code: str = '') -> RedirectResponse | None:
        if await has_owner(shops.store):
            return RedirectResponse('/login')
        theme.apply()
        needs_code = code_needed(shops, request)

        async def create_account() -> None:
            if not all(field.validate() for field in (shop_name, zone, email, password, repeat)):
                return
            if needs_code and not (shops.setup_code and secrets.compare_digest(code_input.value.strip().encode(),
                                                                             shops.setup_code.encode())):
                message.set_text('That set-up code is not right. Copy it from the line "Set-up code: ..." in the '
                                 "server's log, or open the link printed there.")
                return
            try:
                profile = {**demo_profile(zone.value).to_dict(), 'seed': shops.settings.sim_seed}  # the demo's seed
                account = await create_owner(shops.store, email.value, password.value, shop_name.value.strip(),
                                             zone.value, profile, mode='demo')
            except AccountError as error:
                message.set_text(str(error))
                return
            shops.setup_code = ''  # used: no second owner can be made with it
            shop = await get_shop(shops.store, account.shops[0].shop_id)
            shops.add_shop(shop)
            auth.sign_in(shops, request, account, '/')

        with ui.card().classes('absolute-center w-full max-w-md gap-3'):
            ui.label('Welcome to Chairside').classes('text-2xl font-bold')
            ui.label('Create the owner account. Your shop starts as a simulated demo shop, '
                     'so the dashboard is live at once.').classes('text-grey-8')
            code_input = ui.input('Set-up code', value=code, password=True, password_toggle_button=True,
                                  placeholder="from the server's log").classes('w-full').mark('setup-code')
            code_input.set_visibility(needs_code)
            shop_name = ui.input('Shop name', value='Demo Barbershop',
                                 validation={'Enter the shop name.': lambda v: bool(v.strip())}).classes('w-full')
            zone = ui.select(sorted(available_timezones()), label='Time zone', value=shops.settings.timezone,
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


def _is_loopback(host: str) -> bool:
    try:
        return host == 'localhost' or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_email(value: str) -> bool:
    return '@' in value and '.' in value.split('@')[-1]


def _is_zone(value: str | None) -> bool:
    try:
        return bool(value) and ZoneInfo(value) is not None
    except (ValueError, KeyError):
        return False
