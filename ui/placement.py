"""A page of a shop that another worker of the cluster runs goes there: only that worker has the shop's engine.

The proxy in front (deploy/haproxy.cfg) sends a browser to the worker its persistence cookie names; the page sets
that cookie to the shop's worker and loads again. While no worker runs the shop (a worker died moments ago, and
another takes its shops within seconds), or while it is starting, the page says so and tries again; a page open
when its shop moves away loads again.
"""
import json

from nicegui import ui

from shops import Shops
from shops.placement import COOKIE, MOVED, RETRY_AFTER


def elsewhere(shops: Shops, shop_id: str) -> bool:
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
        cookie = json.dumps(f'{COOKIE}={holder}; path=/; SameSite=Lax')
        ui.add_head_html(f'<script>document.cookie = {cookie}; location.reload();</script>')
        ui.label('Opening the shop…').mark('shop-elsewhere')
        return True
    ui.add_head_html(f'<script>setTimeout(() => location.reload(), {RETRY_AFTER * 1000});</script>')
    ui.label('The shop is starting on this server: this page opens it in a few seconds.' if shops.runs(shop_id) else
             'The shop is moving to another server: this page opens it again in a few seconds.').mark('shop-moving')
    return True
