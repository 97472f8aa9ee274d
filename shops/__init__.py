"""The service layer: the running shops, their events in, their snapshots out to every page, once per snapshot.

Used by ui/ and api/, and imports neither (tests/unit/test_layers.py). main.py makes one `Shops` and opens it.
"""
from .live import CatchingUp, LiveShops, Published, Update
from .plans import PlanBusy, Plans
from .service import Shops

__all__ = ['CatchingUp', 'LiveShops', 'PlanBusy', 'Plans', 'Published', 'Shops', 'Update']
