"""A page of a shop that another worker of the cluster runs goes there: only that worker has the shop's engine.

The proxy in front (deploy/haproxy.cfg) sends a browser to the worker its persistence cookie names; the page goes
through ui/pages/to_worker.py, which sets that cookie to the shop's worker and loads the page again. While no worker
runs the shop (a worker died moments ago, and another takes its shops within seconds), or while it is starting, the
page says so and tries again; a page open when its shop moves away loads again.
"""
from urllib.parse import urlencode

from nicegui import ui

from shops import Shops
from shops.placement import MOVED, RETRY_AFTER

TO_WORKER = '/to-worker'  # ui/pages/to_worker.py


def elsewhere(shops: Shops, shop_id: str, path: str) -> bool:
    """Call first in a page of the shop: True (the page is left to load elsewhere, or again) when this worker does not
    run the shop, or has just taken it and is still starting it. A page of a shop it runs loads again should the shop
    move to another worker (a worker that joined takes its share)."""
    if shops.placement is None:
        return False
    if shops.runs(shop_id) and shop_id in shops.engines:
        reload = ui.navigate.reload  # bound now: in tests each simulated user has its own
        shops.live.subscribe(shop_id, lambda update: reload() if update == MOVED else None)
        return False
    holder = None if shops.runs(shop_id) else shops.placement.holder(shop_id)
    if holder:
        ui.navigate.to(f"{TO_WORKER}?{urlencode({'worker': holder, 'to': path})}")
        ui.label('Opening the shop…').mark('shop-elsewhere')
        return True
    ui.timer(RETRY_AFTER, ui.navigate.reload, once=True)  # bound now, as above
    ui.label('The shop is starting on this server: this page opens it in a few seconds.' if shops.runs(shop_id) else
             'The shop is moving to another server: this page opens it again in a few seconds.').mark('shop-moving')
    return True
