"""Sign in, with local accounts or Supabase, then back to where the visitor was going."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from shops import Shops
from store.accounts import authenticate, has_owner
from store.errors import LinkProofNeeded, LoginError

from .. import auth, theme
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/login', response_timeout=RESPONSE_TIMEOUT)
    async def login(request: Request, redirect_to: str = '/') -> RedirectResponse | None:
        if not await has_owner(shops.store):
            return RedirectResponse('/setup')
        if app.storage.user.get('user_id'):
            return RedirectResponse(auth.safe_target(redirect_to))
        theme.apply()
        client_address = auth.client_address(request)

        async def try_login() -> None:
            message.set_text('')
            device = auth.device_for(email.value)
            try:
                if shops.supabase is not None:
                    account = await shops.supabase.sign_in(email.value, password.value, client_address, device=device,
                                                         proof=proof.value if proof.visible else None)
                else:
                    account = await authenticate(shops.store, email.value, password.value, client_address,
                                                 device=device)
            except LinkProofNeeded as error:
                proof.set_visibility(True)
                message.set_text(str(error))
                return
            except LoginError as error:
                message.set_text(str(error))
                return
            auth.sign_in(shops, request, account, '/account' if account.must_change_password else redirect_to)

        with ui.card().classes('absolute-center w-full max-w-sm gap-3'):
            with ui.row().classes('items-center gap-2'):
                ui.icon('content_cut', size='md', color='primary')
                ui.label('Chairside').classes('text-2xl font-bold')
            via = ' with your Supabase account' if shops.supabase is not None else ''
            ui.label(f'Sign in{via}.').classes('text-grey-8')
            email = ui.input('Email').classes('w-full').mark('email').on('keydown.enter', try_login)
            password = ui.input('Password', password=True, password_toggle_button=True).classes('w-full') \
                .mark('password').on('keydown.enter', try_login)
            if shops.supabase is not None:  # shown when a Supabase sign-in is to be linked to an existing account
                proof = ui.input('Chairside password', password=True, password_toggle_button=True) \
                    .classes('w-full').mark('link-proof').on('keydown.enter', try_login)
                proof.set_visibility(False)
            message = ui.label().classes('text-negative').mark('login-error')
            ui.button('Sign in', on_click=try_login).classes('w-full').mark('sign-in')
        return None
