"""A page of a shop that another worker of the cluster runs goes there: only that worker has the shop's engine.

The proxy in front (deploy/haproxy.cfg) sends a browser to the worker its persistence cookie names; the page sets
that cookie to the shop's worker and loads again. While no worker runs the shop (a worker died moments ago, and
another takes its shops within seconds), the page says so and tries again.
"""
import json

from nicegui import ui

from shops import Shops
from shops.placement import COOKIE, RETRY_AFTER


def elsewhere(shops: Shops, shop_id: str) -> bool:
    """Call first in a page of the shop: True (the page is left to load elsewhere) when this worker does not run it."""
    if shops.runs(shop_id):
        return False
    holder = shops.placement.holder(shop_id) if shops.placement is not None else None
    if holder:
        cookie = json.dumps(f'{COOKIE}={holder}; path=/; SameSite=Lax')
        ui.add_head_html(f'<script>document.cookie = {cookie}; location.reload();</script>')
        ui.label('Opening the shop…').mark('shop-elsewhere')
    else:
        ui.add_head_html(f'<script>setTimeout(() => location.reload(), {RETRY_AFTER * 1000});</script>')
        ui.label('The shop is moving to another server: this page opens it again in a few seconds.') \
            .mark('shop-moving')
    return True
