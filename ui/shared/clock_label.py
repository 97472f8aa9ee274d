"""The shop's clock, also carrying when the engine took the snapshot shown, so bench/live.py can time the delivery."""
from nicegui import binding, ui


class ClockLabel(ui.label):
    made = binding.BindableProperty(on_change=lambda sender, made: sender.props.update({'data-made': made}))

    def __init__(self) -> None:
        super().__init__()
        self.made = 0.0

    def bind_made_from(self, state: object, name: str = 'made_at') -> 'ClockLabel':
        """Bound to this element (not its props), so NiceGUI removes the binding with the element."""
        binding.bind_from(self, 'made', state, name)
        return self
