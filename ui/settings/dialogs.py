"""Dialogs the settings page shares: a secret shown once, and a confirmation before something is taken away."""
from nicegui import ui


def reveal(title: str, secrets: dict[str, str], notes: list[str]) -> None:
    """Show secrets that are stored only as hashes: closing this dialog is the last chance to copy them."""
    with ui.dialog().props('persistent') as dialog, ui.card().classes('w-full max-w-lg gap-3').mark('secret-dialog'):
        ui.label(title).classes('text-lg font-medium')
        for note in notes:
            ui.label(note)
        for label, secret in secrets.items():
            _secret_row(label, secret)
        ui.label('This is shown only now and cannot be shown again: copy it before you close this window.') \
            .classes('text-sm text-warning')
        with ui.row().classes('w-full justify-end'):
            ui.button('Done', on_click=lambda: (dialog.close(), dialog.delete())).mark('secret-done')
    dialog.open()


async def confirm(question: str, action: str) -> bool:
    """True when the person confirmed; the dialog is gone afterwards either way."""
    with ui.dialog() as dialog, ui.card().classes('gap-3').mark('confirm-dialog'):
        ui.label(question)
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat').mark('confirm-cancel')
            ui.button(action, on_click=lambda: dialog.submit(True)).props('color=negative').mark('confirm-yes')
    answer = await dialog
    dialog.delete()
    return bool(answer)


def _secret_row(label: str, secret: str) -> None:
    with ui.column().classes('w-full gap-1'):
        ui.label(label).classes('text-xs text-grey-7')
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            ui.label(secret).classes('grow font-mono text-sm break-all bg-grey-2 rounded px-2 py-1') \
                .mark('secret-value')
            ui.button(icon='content_copy', on_click=lambda: _copy(secret)).props('flat round dense') \
                .mark('copy-secret').tooltip('Copy')


def _copy(secret: str) -> None:
    ui.clipboard.write(secret)
    ui.notify('Copied.')
