"""A what-if's result: each figure without and with the change and the difference, as ranges over the simulated
futures, and the assumptions in words."""
from nicegui import ui

from engine import words
from engine.planner import PlanResult

KIND = {'money a week': ('money', ' a week'), 'a week': ('count', ' a week'), 'minutes': ('minutes', ''),
        'share': ('share', '')}  # PlanFigure.unit -> (words kind, what follows)
COLUMNS = [
    {'name': 'figure', 'label': '', 'field': 'figure', 'align': 'left'},
    {'name': 'before', 'label': 'As it is', 'field': 'before', 'align': 'left'},
    {'name': 'after', 'label': 'With the change', 'field': 'after', 'align': 'left'},
    {'name': 'change', 'label': 'Difference', 'field': 'change', 'align': 'left'},
]


def rows(result: PlanResult) -> list[dict]:
    """Each figure's median with its range (lowest to highest over the futures); the difference taken future by
    future."""
    table = []
    for name, figure in result.figures.items():
        kind, per = KIND[figure.unit]
        before, after, change = figure.before, figure.after, figure.change
        table.append({'name': name, 'figure': f'{figure.label}{per}',
                      'before': words.ranged(kind, before.median, before.low, before.high),
                      'after': words.ranged(kind, after.median, after.low, after.high),
                      'change': words.ranged(kind, change.median, change.low, change.high, signed=True)})
    return table


def create(result: PlanResult) -> None:
    with ui.card().classes('w-full gap-2').props('data-testid=plan-result').mark('plan-result'):
        ui.label(f'{result.weeks} weeks from {words.long_day(result.first)}, over {result.seeds} simulated futures') \
            .classes('text-base font-medium')
        ui.label('Each figure: the middle of the futures, and in brackets the lowest to the highest.') \
            .classes('text-xs text-grey-7')
        ui.table(columns=COLUMNS, rows=rows(result), row_key='name').props('flat dense hide-bottom wrap-cells') \
            .classes('w-full').mark('plan-table')
        ui.label('What this assumes').classes('text-sm font-medium mt-2')
        with ui.column().classes('gap-1').mark('plan-assumptions'):
            for line in result.assumptions:
                ui.label(line).classes('text-sm text-grey-8')
