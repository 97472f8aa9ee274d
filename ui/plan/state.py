"""What one planner tab holds: the changes chosen, the run's progress, and what to tell the owner."""
from dataclasses import field

from nicegui.binding import bindable_dataclass


@bindable_dataclass
class PlanState:
    changes: list[dict] = field(default_factory=list)  # as engine.planner.parse takes them
    weeks: float | None = 8
    seeds: float | None = 8
    running: bool = False
    progress: float = 0.0  # 0..1: the futures run so far
    progress_text: str = ''
    message: str = ''  # what is wrong, or why there is no result (cancelled)

    def on_progress(self, done: int, total: int) -> None:
        self.progress = done / total
        self.progress_text = f'{done} of {total} simulated futures run'
