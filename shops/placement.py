"""Where each shop runs. One process runs every shop (no placement); in a cluster each worker runs the shops it holds a
lease on (cluster/worker.py), and pages and events of a shop it does not run go to the one that does."""
from typing import Protocol

COOKIE = 'chairside_worker'  # the proxy's persistence cookie (deploy/haproxy.py): its value is a worker's name
RETRY_AFTER = 2  # seconds a client waits while no worker runs the shop (one died; another takes it within seconds)
MOVED = 'This shop now runs on another worker'  # what its pages are told (shops/live.py) where it ran before


class Placement(Protocol):
    def owns(self, shop_id: str) -> bool:
        """Whether this worker runs the shop now."""

    def holder(self, shop_id: str) -> str | None:
        """The name of the worker running the shop (the proxy's name for it), or None while none does."""
