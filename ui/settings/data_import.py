"""The shop's data source: the demo simulation, or live with real events (the API and imported appointments).

The two never mix: a demo shop takes no real events, and a live shop shows no simulation. Switching is the owner's
choice, confirmed first; real events stay stored while the shop runs the demo and come back when it is live again.
"""
from nicegui import events, run, ui

from engine.csv_import import COLUMNS, CsvError, ParsedFile, parse_appointments
from shops import Shops
from store.errors import StoreError
from store.events import append_in_chunks
from store.shops import get_shop, update_shop

from . import dialogs

MAX_FILE_BYTES = 20 * 1024 * 1024
SAYS = {
    'demo': 'Demo: the dashboard shows a simulated shop. Switch to live mode to send real events from your booking '
            'or till system (Settings > Tokens) and to import past appointments.',
    'live': 'Live: the dashboard shows only the real events your systems send and the appointments you import.',
}
ASK = {
    'live': ('Switch to live mode? The simulated figures disappear: the dashboard starts from the real events '
             'stored for this shop (none yet if you have sent none). You can switch back at any time.',
             'Switch to live'),
    'demo': ('Switch back to the demo? The dashboard shows the simulation again and the API refuses real events '
             'until you switch to live again; events already stored are kept.', 'Switch to demo'),
}


async def create(shops: Shops, shop_id: str) -> None:
    shop = await get_shop(shops.store, shop_id)
    mode = shop.mode if shop else 'demo'
    with ui.card().classes('w-full gap-3').mark('settings-data-source'):
        ui.label('Data source').classes('text-base font-medium')
        says = ui.label().classes('text-sm text-grey-8').mark('data-source-mode')
        switch_button = ui.button().props('outline').mark('switch-mode')
        message = ui.label().classes('text-sm text-negative').mark('data-source-error')
        with ui.column().classes('w-full gap-2') as importer:
            ui.separator()
            ui.label('Import past appointments').classes('font-medium')
            ui.label(f'A CSV file with the columns {", ".join(COLUMNS)} (status: completed, cancelled or no-show), '
                     "dates as YYYY-MM-DD and times in the shop's time zone, and optionally client (the client's id, "
                     'for new and returning clients and retention). Importing the same file again adds nothing '
                     'twice.').classes('text-sm text-grey-8')
            upload = ui.upload(label='CSV file', auto_upload=True, max_file_size=MAX_FILE_BYTES,
                               on_rejected=lambda: status.set_text('Choose a CSV file of at most 20 MB.')) \
                .props('accept=.csv,text/csv flat bordered').classes('w-full').mark('import-upload')
            progress = ui.linear_progress(value=0, show_value=False).props('instant-feedback') \
                .mark('import-progress')
            status = ui.label().classes('text-sm').mark('import-status')
            report = ui.column().classes('w-full gap-1')
    progress.visible = False

    def show() -> None:
        says.set_text(SAYS[mode])
        switch_button.set_text('Switch to demo' if mode == 'live' else 'Switch to live mode')
        importer.set_visibility(mode == 'live')

    async def switch() -> None:
        nonlocal mode
        current = await get_shop(shops.store, shop_id)  # another tab may have switched it meanwhile
        mode = current.mode if current else mode
        target = 'demo' if mode == 'live' else 'live'
        question, action = ASK[target]
        if not await dialogs.confirm(question, action):
            return
        try:
            saved = await update_shop(shops.store, shop_id, mode=target)
        except StoreError as error:
            message.set_text(str(error))
            return
        await shops.restart_shop(saved)
        mode = target
        message.set_text('')
        show()
        ui.notify('The shop is live: the dashboard shows real events.' if target == 'live' else
                  'The shop runs the demo simulation again.', type='positive')

    async def receive(upload_event: events.UploadEventArguments) -> None:
        report.clear()
        engine = shops.engines.get(shop_id)
        if engine is None and shops.catching_up(shop_id):
            status.set_text('The shop is catching up on its history after a restart: choose the file again in a '
                            'moment.')
            return
        if engine is None or engine.feed is not None:
            status.set_text('Switch the shop to live mode first: imported visits are never mixed with the demo.')
            return
        try:
            text = await upload_event.file.text('utf-8-sig')
            parsed = await run.io_bound(parse_appointments, text, engine.profile, engine.clock.now())
        except UnicodeDecodeError:
            status.set_text('The file is not UTF-8 text: save it as "CSV UTF-8" and choose it again.')
            return
        except CsvError as error:
            status.set_text(str(error))
            return
        upload.disable()
        progress.value, progress.visible = 0, True
        status.set_text(f'Importing {parsed.visits:,} appointments...')
        try:
            total = max(len(parsed.events), 1)
            new = await append_in_chunks(shops.store, shop_id, parsed.events, progress=lambda done:
                                         progress.set_value(done / total))
            await shops.load_live_events(shop_id)  # the engine takes the imported past in time order
        finally:
            progress.visible = False
            upload.enable()
            upload.reset()
        _report(parsed, new, status, report)

    switch_button.on_click(switch)
    upload.on_upload(receive)
    show()


def _report(parsed: ParsedFile, new: int, status: ui.label, report: ui.column) -> None:
    """What went in, and every rejected row with its line number and what to fix."""
    again = len(parsed.events) - new
    status.set_text(f'{parsed.visits:,} of {parsed.rows:,} rows imported ({new:,} new events'
                    + (f', {again:,} were there already' if again else '') + '); '
                    + (f'{len(parsed.rejected):,} rejected: fix them and import the file again.' if parsed.rejected
                       else 'none rejected.'))
    if parsed.rejected:
        with report:
            ui.table(columns=[{'name': 'line', 'label': 'Line', 'field': 'line', 'align': 'left'},
                              {'name': 'reason', 'label': 'Why it was rejected', 'field': 'reason', 'align': 'left'}],
                     rows=[{'line': row.line, 'reason': row.reason} for row in parsed.rejected],
                     pagination=10).props('dense flat wrap-cells').classes('w-full').mark('import-rejected')
