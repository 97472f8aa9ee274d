"""What a page shows while its shop catches up on its history after a restart, until its figures are there."""
from collections.abc import Callable

from nicegui import ui
from nicegui.binding import bindable_dataclass

from shops import CatchingUp, Shops, Update


def create(state: object, name: str) -> None:
    """The sentence in `state`'s bindable field `name`, shown while it is not empty."""
    with ui.row().classes('w-full items-center gap-2 rounded bg-blue-1 text-blue-10 px-3 py-2') \
            .bind_visibility_from(state, name, backward=bool):
        ui.spinner(size='1.2em')
        ui.label().mark('catching-up').bind_text_from(state, name)


@bindable_dataclass
class _Waiting:
    sentence: str = ''


def when_ready(shops: Shops, shop_id: str, build: Callable[[], object]) -> None:
    """`build` the page's body now, or, while the shop is catching up, say so and build it once the shop is ready,
    in place: the person waiting need not reload."""
    progress = shops.catching_up(shop_id)
    if progress is None:
        build()
        return
    waiting = _Waiting(str(progress))
    body = ui.column().classes('w-full max-w-screen-xl mx-auto p-2 sm:p-4')
    with body:
        create(waiting, 'sentence')

    def receive(update: Update) -> None:
        if isinstance(update, CatchingUp):
            waiting.sentence = str(update)
        elif waiting.sentence:  # started (or stopped): the page as for any shop
            waiting.sentence = ''
            body.clear()
            with body:
                build()
    shops.live.subscribe(shop_id, receive)
