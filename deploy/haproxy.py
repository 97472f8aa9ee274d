"""HAProxy's configuration for N Chairside workers (deploy/haproxy.cfg is it for three on this machine).

- Sticky by a cookie (`chairside_worker`, the worker's name): a page's HTTP request and its NiceGUI socket reach the
  same worker. A page of a shop another worker runs sends the browser through /to-worker, which sets the cookie to
  that worker and loads the page again (ui/placement.py): `preserve` leaves a cookie the app set alone.
- Health checks on /api/health every second: a worker that is gone (its port refuses) twice is out within ~2 s, and a
  browser whose cookie names it goes to a live worker (`option redispatch`); NiceGUI then reloads the page there. A
  busy worker has 10 s to answer a check (`timeout check`): the check waits on the same event loop as its pages (and
  a shop starting holds it for a moment). With the default (`inter`, 1 s) a busy machine's workers went out and in
  and pages opening got 503s; with 5 s, 39 of 1,000 pages opening on one worker still got the proxy's 503 (its log:
  "Layer7 timeout, check duration: 5001ms ... no server available"; `bench/cluster.py`, load average 9 on 2 cores).
- Events are idempotent by id, so a request the proxy could not get an answer to is tried again on another worker
  (`retry-on`); should that fail too, the answer is 503 with Retry-After (deploy/errors/503.http), never a 502.
- `maxconn 8000`: each connection costs the proxy two file descriptors; 8,000 fit a limit of 20,000 open files.
- Websockets: `timeout tunnel` keeps an idle page's socket open (NiceGUI pings every few seconds anyway).
"""
from pathlib import Path

from shops.placement import COOKIE  # pages (ui/placement.py) and API reads (api/placement.py) set it

HERE = Path(__file__).parent

TEMPLATE = """\
# Chairside behind HAProxy: rendered by deploy/haproxy.py ({count} workers). See the README, "Running several workers".
global
    maxconn 8000

defaults
    mode http
    option forwardfor
    option redispatch
    option http-buffer-request
    retries 3
    retry-on conn-failure empty-response response-timeout
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    timeout http-request 10s
    timeout check 10s
    errorfile 502 {errors}/503.http
    errorfile 503 {errors}/503.http
    errorfile 504 {errors}/503.http

frontend chairside
    bind {bind}
    default_backend workers

backend workers
    balance roundrobin
    cookie {cookie} insert indirect nocache preserve
    option httpchk GET /api/health
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
{servers}
"""


def render(workers: list[tuple[str, str]], bind: str = '127.0.0.1:8080', errors: Path = Path('deploy/errors')) -> str:
    """`workers`: (name, host:port) each; a worker's name is its CHAIRSIDE_WORKER_ID and its cookie value. `errors`:
    the folder of 503.http (relative to where haproxy runs, or absolute)."""
    servers = '\n'.join(f'    server {name} {address} cookie {name} check' for name, address in workers)
    return TEMPLATE.format(count=len(workers), bind=bind, cookie=COOKIE, servers=servers, errors=errors)


def local_workers(count: int, first_port: int = 8081) -> list[tuple[str, str]]:
    return [(f'w{n}', f'127.0.0.1:{first_port + n - 1}') for n in range(1, count + 1)]
