"""The period's headline figures, each with its change against the period before and the year before."""
from nicegui import ui

from engine.analytics import FIGURES

from .view import HEADLINE, ReportView


class Headline:
    def __init__(self) -> None:
        self.values: dict[str, ui.label] = {}
        self.changes: dict[str, ui.label] = {}
        with ui.grid().classes('w-full gap-2 grid-cols-2 sm:grid-cols-3 lg:grid-cols-6'):
            for name in HEADLINE:
                with ui.card().classes('gap-0 p-3 break-inside-avoid'):
                    ui.label(FIGURES[name].label).classes('text-xs text-grey-7')
                    self.values[name] = ui.label().classes('text-xl font-bold') \
                        .props(f'data-testid=report-{name}').mark(f'report-{name}')
                    self.changes[name] = ui.label().classes('text-xs text-grey-8').mark(f'report-{name}-change')

    def show(self, view: ReportView) -> None:
        for card in view.cards:
            self.values[card.name].set_text(card.value)
            self.changes[card.name].set_text(f'{card.change} vs period before · {card.year} vs year before')
