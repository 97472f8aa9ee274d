"""Each provider's last success and failure, for /api/health and the settings page. Owned by one Coach."""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class ProviderState:
    name: str
    label: str
    model: str
    last_success: float | None = None  # wall-clock timestamps
    last_failure: float | None = None
    last_failure_reason: str = ''

    def as_dict(self) -> dict:
        return {'name': self.name, 'label': self.label, 'model': self.model, 'last_success': self.last_success,
                'last_failure': self.last_failure, 'last_failure_reason': self.last_failure_reason}


class Health:
    def __init__(self) -> None:
        self.states: dict[str, ProviderState] = {}

    def register(self, name: str, label: str, model: str) -> None:
        self.states.setdefault(name, ProviderState(name, label, model))

    def success(self, name: str) -> None:
        if name in self.states:
            self.states[name].last_success = time.time()

    def failure(self, name: str, reason: str) -> None:
        if name in self.states:
            state = self.states[name]
            state.last_failure, state.last_failure_reason = time.time(), reason
