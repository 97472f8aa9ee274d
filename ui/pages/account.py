"""The signed-in person's own account: change the password (required after an invitation)."""
from nicegui import app, ui

from shops import Shops
from store.accounts import change_password
from store.errors import AccountError

from .. import auth, theme
from ..shared import header
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/account', response_timeout=RESPONSE_TIMEOUT)
    async def account_page() -> None:
        session = await auth.signed_in(shops)
        if session is None:
            ui.navigate.to('/login?redirect_to=/account')
            return
        account, shop_id = session
        auth.watch_session(shops, account, shop_id, '/account')
        storage = app.storage.user  # this page's, whichever request a handler runs in
        theme.apply()
        header.create(shops, account, shop_id, 'Your account')

        async def save() -> None:
            if not all(field.validate() for field in (new, repeat)):
                return
            try:
                changed = await change_password(shops.store, account.user_id, old.value, new.value)
            except AccountError as error:
                message.set_text(str(error))
                return
            storage['epoch'] = changed.session_epoch  # this session holds; every other one ends now
            await shops.session_watch.tell(account.user_id)
            ui.notify('Password changed.', type='positive')
            ui.navigate.to('/')

        with ui.card().classes('w-full max-w-md mx-auto mt-8 gap-3'):
            ui.label(account.email).classes('text-lg font-medium')
            if account.must_change_password:
                ui.label('Choose your own password to continue.').classes('text-warning').mark('must-change')
            old = ui.input('Current password', password=True).classes('w-full').mark('old-password')
            new = ui.input('New password', password=True, password_toggle_button=True,
                           validation={'Use at least 10 characters.': lambda v: len(v) >= 10}) \
                .classes('w-full').mark('new-password')
            repeat = ui.input('Repeat the new password', password=True,
                              validation={'The two passwords differ.': lambda v: v == new.value}) \
                .classes('w-full').mark('repeat-password').on('keydown.enter', save)
            message = ui.label().classes('text-negative').mark('account-error')
            ui.button('Change password', on_click=save).classes('w-full').mark('change-password')
