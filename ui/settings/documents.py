"""The shop's own documents (policies, price list, FAQ) for the coach: searched for this shop only."""
from nicegui import events, run, ui

from knowledge import KnowledgeNotReady
from shops import Shops

from .dialogs import confirm

MAX_BYTES = 200_000


async def create(shops: Shops, shop_id: str) -> None:
    knowledge = shops.knowledge
    with ui.card().classes('w-full gap-3').mark('settings-documents'):
        ui.label("The coach's knowledge: your documents").classes('text-lg font-medium')
        ui.label('Markdown or plain text, up to 200 KB each. Only this shop can retrieve them.') \
            .classes('text-sm text-grey-7')
        listing = ui.column().classes('w-full gap-1').mark('documents')
        message = ui.label().classes('text-negative').mark('documents-error')

        async def refresh() -> None:
            listing.clear()
            try:
                documents = await run.io_bound(knowledge.list_documents, shop_id)
            except (KnowledgeNotReady, OSError) as error:
                message.set_text(f'The knowledge base is not ready yet ({error}). Try again in a minute.')
                return
            with listing:
                if not documents:
                    ui.label('No documents yet.').classes('text-grey-7 text-sm')
                for document in documents:
                    with ui.row().classes('w-full items-center justify-between no-wrap'):
                        ui.label(document.name).classes('truncate')
                        ui.button(icon='delete', on_click=lambda d=document: remove(d.doc_id, d.name)) \
                            .props('flat round dense color=negative').mark('remove-document')

        async def remove(doc_id: str, name: str) -> None:
            if await confirm(f'Remove "{name}" from the coach\'s knowledge?', 'Remove'):
                await run.io_bound(knowledge.remove_document, shop_id, doc_id)
                await refresh()

        async def upload(e: events.UploadEventArguments) -> None:
            message.set_text('')
            data = await e.file.read()
            if len(data) > MAX_BYTES:
                message.set_text(f'{e.file.name} is larger than 200 KB: split it into smaller documents.')
                return
            try:
                text = data.decode('utf-8')
                await run.io_bound(knowledge.add_document, shop_id, e.file.name.rsplit('.', 1)[0], text)
            except UnicodeDecodeError:
                message.set_text(f'{e.file.name} is not UTF-8 text: save it as markdown or plain text and retry.')
                return
            except (ValueError, KnowledgeNotReady) as error:
                message.set_text(str(error))
                return
            ui.notify(f'{e.file.name} added to the knowledge of the coach.', type='positive')
            await refresh()

        ui.upload(label='Add documents (.md, .txt)', multiple=True, auto_upload=True, on_upload=upload,
                  max_file_size=MAX_BYTES).props('accept=".md,.txt,.markdown" flat bordered').classes('w-full') \
            .mark('upload-document')
        await refresh()
