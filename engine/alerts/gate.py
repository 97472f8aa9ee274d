"""Whether a notification may be raised: its kind switched on, outside its window, its occurrence not yet raised."""
from ..snapshot import Notification
from .model import AlertSettings


class Gate:
    def __init__(self, settings: AlertSettings) -> None:
        self.settings = settings
        self.fired: set[str] = set()  # ids raised so far: an occurrence never fires twice
        self.last_fired: dict[str, float] = {}  # kind -> when it last fired, for throttling

    def allowed(self, kind: str, nid: str, at: float) -> bool:
        return nid not in self.fired and self.open(kind, at)

    def open(self, kind: str, at: float) -> bool:
        """On, and not within the kind's window since it last fired (notes raised at one instant pass together)."""
        if not self.settings.is_on(kind):
            return False
        last, window = self.last_fired.get(kind), self.settings.window(kind)
        return last is None or not 0 < at - last < window

    def raise_(self, nid: str, kind: str, priority: str, title: str, body: str, action: str,
               at: float) -> list[Notification]:
        self.fired.add(nid)
        self.last_fired[kind] = at
        return [Notification(nid, kind, priority, title, body, action, at)]
