"""The shop's team: who can see the dashboard, inviting someone with a one-time password, and removing them."""
from nicegui import ui

from shops import Shops
from store.accounts import Account
from store.errors import StoreError
from store.staff import invite_staff, list_members, remove_staff

from . import dialogs


async def create(shops: Shops, account: Account, shop_id: str) -> None:
    """Staff see the dashboard and the coach; only an owner opens these settings."""
    with ui.card().classes('w-full gap-3').mark('settings-staff'):
        ui.label('Staff accounts').classes('text-base font-medium')
        ui.label('Staff see the live dashboard; only the owner can change settings.').classes('text-sm text-grey-8')
        members = ui.column().classes('w-full gap-1')
        with ui.row().classes('w-full items-start gap-2'):
            email = ui.input('Email of the person to invite', validation={
                'Enter an email address like name@example.com.': _is_email,
            }).classes('grow').mark('invite-email')
            invite_button = ui.button('Invite', icon='person_add').classes('mt-2').mark('invite')
        message = ui.label().classes('text-sm').mark('staff-message')

    async def show_members() -> None:
        members.clear()
        with members:
            for user_id, address, role in await list_members(shops.store, shop_id):
                with ui.row().classes('w-full items-center gap-2').mark('member'):
                    ui.label(address + (' (you)' if user_id == account.user_id else '')).classes('grow')
                    ui.badge(role, color='primary' if role == 'owner' else 'secondary')
                    if role == 'staff':
                        ui.button(icon='person_remove', on_click=lambda u=user_id, a=address: remove(u, a)) \
                            .props('flat round dense').mark(f'remove-{address}').tooltip('Remove from the team')

    async def invite() -> None:
        if not email.validate():
            return
        _say(message, '')
        try:
            password = await invite_staff(shops.store, shop_id, email.value)
        except StoreError as error:
            _say(message, str(error), error=True)
            return
        address, email.value = email.value.strip().lower(), ''
        email.error = None  # an emptied field after a sent invitation is not a mistake
        if password is None:
            _say(message, f'{address} already has a Chairside account: they can sign in with their existing '
                          'password and will find this shop in their menu.')
        else:
            dialogs.reveal('Invitation ready', {'One-time password': password}, [
                f'Give {address} this one-time password to sign in with.',
                'They must change it to a password of their own at their first sign-in.',
            ])
        await show_members()

    async def remove(user_id: str, address: str) -> None:
        if not await dialogs.confirm(f'Remove {address} from the team? They will no longer see this shop.',
                                              'Remove'):
            return
        if not await remove_staff(shops.store, shop_id, user_id):
            _say(message, f'{address} was no longer on the team.', error=True)
        else:
            _say(message, f'{address} was removed from the team.')
        await shops.session_watch.tell(user_id)  # their open pages of this shop close now
        await show_members()

    invite_button.on_click(invite)
    email.on('keydown.enter', invite)
    await show_members()


def _say(label: ui.label, text: str, *, error: bool = False) -> None:
    label.set_text(text)
    label.classes(replace='text-sm ' + ('text-negative' if error else 'text-positive'))


def _is_email(value: str | None) -> bool:
    value = (value or '').strip()
    return '@' in value and '.' in value.split('@')[-1]
