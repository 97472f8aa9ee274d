"""The what-if planner: the owner adds changes to the shop as it is, runs them over simulated futures (in worker
processes, shops.plans) and reads the difference, as ranges, with what it assumes. One plan at a time per shop."""
import re

from nicegui import ui

from engine.planner import Cancelled, PlanError
from shops import PlanBusy, Shops

from . import change_form, result
from .changes import describe
from .state import PlanState


def create(shops: Shops, shop_id: str) -> None:
    engine = shops.engines[shop_id]
    state = PlanState()
    client = ui.context.client
    with ui.column().classes('w-full max-w-screen-md mx-auto p-2 sm:p-4 gap-4'):
        ui.label(f'What if… at {engine.profile.name}').classes('text-xl font-bold')
        ui.label('Start from the shop as it is (its barbers, hours, prices and the customers its last weeks had), '
                 'change something, and see what it would do over the same simulated weeks with and without it.') \
            .classes('text-sm text-grey-8')
        change_form.create(engine.profile, lambda change: add(change), lambda text: setattr(state, 'message', text))
        with ui.card().classes('w-full gap-2'):
            ui.label('Changes to try').classes('text-base font-medium')
            changes = ui.column().classes('w-full gap-1').mark('plan-changes')
            with ui.row().classes('items-end gap-3'):
                ui.number('Weeks', min=1, max=26, precision=0).classes('w-24').mark('plan-weeks') \
                    .bind_value(state, 'weeks')
                ui.number('Simulated futures', min=1, max=32, precision=0).classes('w-36').mark('plan-seeds') \
                    .bind_value(state, 'seeds')
                ui.button('Run', icon='play_arrow', on_click=lambda: run()).props('data-testid=plan-run') \
                    .mark('plan-run').bind_enabled_from(state, 'running', backward=lambda r: not r)
                ui.button('Cancel', icon='stop', on_click=lambda: cancel()).props('outline data-testid=plan-cancel') \
                    .mark('plan-cancel') \
                    .bind_visibility_from(state, 'running')
            ui.label().classes('text-sm text-negative').mark('plan-message').bind_text_from(state, 'message') \
                .bind_visibility_from(state, 'message', backward=bool)
            with ui.column().classes('w-full gap-1').bind_visibility_from(state, 'running'):
                ui.linear_progress(show_value=False).props('instant-feedback data-testid=plan-progress') \
                    .mark('plan-progress') \
                    .bind_value_from(state, 'progress')
                ui.label().classes('text-xs text-grey-7').mark('plan-progress-text') \
                    .bind_text_from(state, 'progress_text')
        outcome = ui.column().classes('w-full')
    run_now = None

    def show_changes() -> None:
        changes.clear()
        with changes:
            if not state.changes:
                ui.label('None yet: add one above.').classes('text-sm text-grey-7')
            for n, change in enumerate(state.changes):
                with ui.row().classes('items-center gap-2').mark('plan-change'):
                    ui.label(describe(change)).classes('text-sm')
                    ui.button(icon='close', on_click=lambda n=n: remove(n)).props('flat round dense size=sm') \
                        .mark('plan-remove')

    def add(change: dict) -> None:
        state.changes = [*state.changes, change]
        show_changes()

    def remove(n: int) -> None:
        state.changes = [c for i, c in enumerate(state.changes) if i != n]
        show_changes()

    async def run() -> None:
        nonlocal run_now
        state.message = ''
        if not state.changes:
            state.message = 'Add a change first: choose what to change above and press "Add this change".'
            return
        if state.weeks is None or state.seeds is None:
            state.message = 'Give the weeks (1 to 26) and the simulated futures (1 to 32) to run.'
            return
        try:
            run_now, result_of = shops.plans.start(shop_id, state.changes, int(state.weeks), int(state.seeds),
                                                   state.on_progress)
        except PlanError as error:
            state.message = _which(error) + str(error)
            return
        except (PlanBusy, ValueError) as error:
            state.message = str(error)
            return
        outcome.clear()
        state.on_progress(0, int(state.seeds))
        state.running = True
        try:
            done = await result_of
        except Cancelled:
            state.message = 'Cancelled: run it again when you are ready.'
            return
        finally:
            state.running = False
        with outcome:
            result.create(done)

    def cancel() -> None:
        if run_now is not None:
            shops.plans.cancel(shop_id, run_now)

    client.on_delete(cancel)  # a plan nobody will read stops
    show_changes()


def _which(error: PlanError) -> str:
    """'Change 2: ' for an error about the second change."""
    found = re.match(r'changes\[(\d+)\]', error.field)
    return f'Change {int(found.group(1)) + 1}: ' if found else ''
