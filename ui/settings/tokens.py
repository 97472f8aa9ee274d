"""API tokens (for posting events and reading figures), kiosk tokens (for the shop's TV) and monitoring tokens (for
GET /api/health's details): create, list and revoke.

Only a hash of each token is stored, so a token is shown once, when it is made, and never again. Revoking one ends
what it opened at once: the kiosk screens showing it, the figures streamed to it.
"""
from collections.abc import Awaitable, Callable

from nicegui import ui

from shops import Shops
from store.errors import StoreError
from store.models import ApiToken
from store.tokens import SCOPES, Kind, Token, create_token, list_tokens, revoke_token

from . import dialogs

PURPOSE = {
    'api': ('API tokens', "Let the shop's booking or till system post events, or another program read the shop's "
                          'figures (metrics, their live stream, notifications): choose which when you make the token, '
                          'and send it as "Authorization: Bearer <token>".'),
    'kiosk': ('Kiosk tokens', "Open the kiosk link on the shop's TV for a read-only live view; no sign-in needed."),
    'monitor': ('Monitoring tokens', 'Let a monitoring service read the details of /api/health (engine, open pages, '
                                     'knowledge index, coach providers): send "Authorization: Bearer <token>".'),
}


async def create(shops: Shops, shop_id: str, kind: Kind) -> None:
    title, purpose = PURPOSE[kind]
    with ui.card().classes('w-full gap-3').mark(f'settings-{kind}-tokens'):
        ui.label(title).classes('text-base font-medium')
        ui.label(purpose).classes('text-sm text-grey-8')
        tokens = ui.column().classes('w-full gap-1')
        with ui.row().classes('w-full items-start gap-2'):
            name = ui.input('Name, such as "Front desk TV"').classes('grow').mark(f'{kind}-token-name')
            create_button = ui.button('Create', icon='key').classes('mt-2').mark(f'create-{kind}-token')
        scopes: dict[str, ui.checkbox] = {}
        if kind == 'api':
            with ui.row().classes('items-center gap-4 text-sm'):
                ui.label('The token may:').classes('text-grey-8')
                scopes = {scope: ui.checkbox(label, value=scope == 'events').mark(f'scope-{scope}')
                          for scope, label in SCOPES.items()}
        message = ui.label().classes('text-sm text-negative').mark(f'{kind}-token-error')

    async def show_tokens() -> None:
        tokens.clear()
        with tokens:
            rows = await list_tokens(shops.store, shop_id, kind)
            if not rows:
                ui.label('None yet.').classes('text-sm text-grey-7')
            for row in rows:
                _token_row(row, lambda r=row: revoke(r))

    async def make() -> None:
        message.set_text('')
        try:
            row, token = await create_token(shops.store, shop_id, kind, name.value or '',
                                            [scope for scope, box in scopes.items() if box.value])
        except StoreError as error:
            message.set_text(str(error))
            return
        name.value = ''
        secrets = {'Token': token}
        if kind == 'kiosk':
            secrets['Kiosk link'] = str(ui.context.client.request.base_url).rstrip('/') + f'/kiosk/{token}'
        dialogs.reveal(f'{title[:-1]} "{row.name}" created', secrets, [purpose])
        await show_tokens()

    async def revoke(row: Token) -> None:
        if not await dialogs.confirm(f'Revoke "{row.name}"? Whatever uses it stops working at once.',
                                              'Revoke'):
            return
        if not await revoke_token(shops.store, shop_id, kind, row.id):
            message.set_text(f'"{row.name}" was already revoked.')
        await shops.token_watch.tell((kind, row.token_hash))  # its open screens and streams end now
        await show_tokens()

    create_button.on_click(make)
    name.on('keydown.enter', make)
    await show_tokens()


def _token_row(row: Token, revoke: Callable[[], Awaitable[None]]) -> None:
    with ui.row().classes('w-full items-center gap-2').mark('token'):
        ui.label(row.name).classes('grow font-medium')
        if isinstance(row, ApiToken):
            ui.label(', '.join(SCOPES[scope] for scope in row.scopes.split())).classes('text-xs text-grey-8') \
                .mark('token-scopes')
        ui.label(f'created {row.created_at:%d %b %Y %H:%M} UTC').classes('text-xs text-grey-7')
        if row.revoked_at is None:
            ui.badge('active', color='positive').mark('token-status')
            ui.button('Revoke', on_click=revoke).props('flat dense color=negative').mark('revoke-token')
        else:
            ui.badge(f'revoked {row.revoked_at:%d %b %Y}', color='grey').mark('token-status')
