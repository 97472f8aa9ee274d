"""Questions to start from, one set per area the coach knows; a chip asks its question at once."""
from collections.abc import Callable

from nicegui import ui

SUGGESTIONS = {
    'Business analysis': ('How is the shop doing today compared with last week?',
                          'Which figures should I watch most closely this week?'),
    'Customer service': ('How can I get more regulars to rebook before they leave?',
                         'How should I answer an unhappy review?'),
    'Scheduling': ('How can I fill the quiet afternoons?',
                   'How many barbers do I need at peak hours?'),
    'Financial planning': ('Should I raise my prices, and by how much?',
                           'How can I grow retail sales and tips?'),
    'Marketing': ('How can I attract new customers nearby?',
                  'What should I post on Instagram to bring in bookings?'),
}
ICONS = {'Business analysis': 'insights', 'Customer service': 'sentiment_satisfied',
         'Scheduling': 'event', 'Financial planning': 'savings', 'Marketing': 'campaign'}


def create(on_pick: Callable[[str], object], compact: bool = False) -> ui.element:
    """One chip per area in the compact panel, two on the full page."""
    with ui.row().classes('w-full gap-1').mark('chat-suggestions') as row:
        for area, questions in SUGGESTIONS.items():
            for text in questions[:1 if compact else 2]:
                ui.chip(text, icon=ICONS[area], on_click=lambda t=text: on_pick(t)) \
                    .props('outline clickable color=primary').classes('text-xs').mark('chat-suggestion') \
                    .tooltip(area)
    return row
