"""Questions to start from, one set per area the coach knows; a chip (a rounded button, so long text wraps on
phones) asks its question at once."""
from collections.abc import Awaitable, Callable

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


class Suggestions(ui.row):
    def __init__(self, compact: bool) -> None:
        """One chip per area in the compact panel, two on the full page; `on_pick` is set by the panel."""
        super().__init__()
        self.on_pick: Callable[[str], Awaitable[None]] | None = None
        self.classes('w-full gap-1').mark('chat-suggestions')
        with self:
            for area, questions in SUGGESTIONS.items():
                for text in questions[:1 if compact else 2]:
                    ui.button(text, icon=ICONS[area], on_click=lambda t=text: self._pick(t)) \
                        .props('outline rounded no-caps dense size=sm color=primary align=left') \
                        .classes('max-w-full px-2 text-left').mark('chat-suggestion').props(f'title="{area}"')

    async def _pick(self, text: str) -> None:
        if self.on_pick is not None:
            await self.on_pick(text)


def create(compact: bool = False) -> Suggestions:
    return Suggestions(compact)
