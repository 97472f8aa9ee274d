"""Sign in, with local accounts or Supabase, then back to where the visitor was going."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from store.accounts import authenticate, has_owner
from store.errors import LoginError

from .. import auth, theme
from ..context import AppContext


def create(ctx: AppContext) -> None:
    @ui.page('/login')
    async def login(request: Request, redirect_to: str = '/') -> RedirectResponse | None:
        if not await has_owner(ctx.store):
            return RedirectResponse('/setup')
        if app.storage.user.get('user_id'):
            return RedirectResponse(auth.safe_target(redirect_to))
        theme.apply()
        client_address = request.client.host if request.client else 'unknown'

        async def try_login() -> None:
            message.set_text('')
            try:
                if ctx.supabase is not None:
                    account = await ctx.supabase.sign_in(email.value, password.value, client_address)
                else:
                    account = await authenticate(ctx.store, email.value, password.value, client_address)
            except LoginError as error:
                message.set_text(str(error))
                return
            auth.sign_in(ctx, request, account, '/account' if account.must_change_password else redirect_to)

        with ui.card().classes('absolute-center w-full max-w-sm gap-3'):
            with ui.row().classes('items-center gap-2'):
                ui.icon('content_cut', size='md', color='primary')
                ui.label('Chairside').classes('text-2xl font-bold')
            via = ' with your Supabase account' if ctx.supabase is not None else ''
            ui.label(f'Sign in{via}.').classes('text-grey-8')
            email = ui.input('Email').classes('w-full').mark('email').on('keydown.enter', try_login)
            password = ui.input('Password', password=True, password_toggle_button=True).classes('w-full') \
                .mark('password').on('keydown.enter', try_login)
            message = ui.label().classes('text-negative').mark('login-error')
            ui.button('Sign in', on_click=try_login).classes('w-full').mark('sign-in')
        return None
