"""Issue 17: the HTTP API fuzzed from its own OpenAPI schema (schemathesis): well-formed and malformed requests to
every route answer without a server error, and after the fuzzing the app starts again and serves every shop.

Against the app as a real process, with a fixed seed (derandomize) and a bounded number of examples per route;
responses are read at most 4 KB far, so the endless metrics stream is fuzzed like the rest.
"""
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from engine import demo_profile
from tests.api.helpers import Shop
from tests.e2e.conftest import App

from .helpers import two_live_shops

# examples per route, well-formed, and as many malformed
EXAMPLES = {'POST /api/shops/{shop_id}/events': 100, 'POST /api/shops/{shop_id}/notifications/read': 20,
            'GET /api/shops/{shop_id}/notifications': 20, 'GET /api/shops/{shop_id}/metrics': 5,
            'GET /api/shops/{shop_id}/metrics/stream': 5, 'GET /api/health': 5,
            'GET /api/shops/{shop_id}/forecast': 10, 'GET /api/shops/{shop_id}/report': 20}
STRANGERS = 5  # examples with any shop id, and as many without a token: about 350 requests in all
READ_AT_MOST = 4096  # bytes of each answer
PROFILE = demo_profile()  # the shops' barbers and services (tests/security/helpers.py)


@pytest.fixture
def running(tmp_path: Path, knowledge_dir: str) -> Iterator[tuple[App, Shop, Shop]]:
    first, second = two_live_shops(tmp_path)
    app = App(tmp_path, CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir, CHAIRSIDE_SHOP_TIMEZONE='Europe/London')
    app.start()
    app.wait_ready(first.monitor)
    yield app, first, second
    app.stop()


def test_no_route_answers_a_server_error_and_a_restart_serves_every_shop(running):
    app, shop, other = running
    schema = schemathesis.openapi.from_url(f'{app.url}/openapi.json')
    operations = [result.ok() for result in schema.get_all_operations()]
    assert sorted(operation.label for operation in operations) == sorted(EXAMPLES)  # a new route gets a budget here
    accepted = 0
    with requests.Session() as session:
        for operation in operations:
            answers = _fuzz(operation, app, shop, session)
            assert not [answer for answer in answers if answer[0] >= 500], answers
            accepted += sum(answer[1] for answer in answers)
    assert accepted > 0  # some fuzzed events were valid, and are stored: the restart replays them

    app.stop()
    app.start()
    app.wait_ready(shop.monitor)
    health = httpx.get(f'{app.url}/api/health', headers={'Authorization': f'Bearer {shop.monitor}'}).json()
    assert health['status'] == 'ok' and health['shops_stopped'] == {}
    for each, applied in ((shop, accepted), (other, 0)):
        response = httpx.get(f'{app.url}{each.url}/metrics', headers=each.headers)
        assert response.status_code == 200 and response.json()['events_applied'] == applied


def _shop_facts(drawn: tuple) -> Any:
    """In most events, a time of the last 30 days and the barbers and services the shop knows: the schema cannot say
    them (now moves, and each shop has its own menu), and without them nearly every event stops at the first check."""
    case, random = drawn
    body = case.body if isinstance(case.body, dict) else {}
    events = body.get('events', [body])
    for event in events if isinstance(events, list) else []:
        if isinstance(event, dict) and random.random() < 0.8:
            facts = {'at': time.time() - random.uniform(0, 30 * 86400), 'barber': random.choice(PROFILE.barbers),
                     'service': random.choice(PROFILE.services).name}
            event.update({field: value for field, value in facts.items() if field in event})
    return case


def _fuzz(operation, app: App, shop: Shop, session: requests.Session) -> list[tuple[int, int, str]]:
    """(status, events accepted, request) of each example: the shop's own route with its token, well-formed
    (positive) and malformed (negative), then with any shop id, then without the token."""
    ours = {'path_parameters': {'shop_id': shop.id}} if '{shop_id}' in operation.path else {}
    well_formed = operation.as_strategy(GenerationMode.POSITIVE, headers=shop.headers, **ours)
    runs = [(st.tuples(well_formed, st.randoms()).map(_shop_facts), EXAMPLES[operation.label])]
    if operation.body or operation.query:  # else nothing can be malformed
        runs.append((operation.as_strategy(GenerationMode.NEGATIVE, headers=shop.headers, **ours),
                     EXAMPLES[operation.label]))
    if ours:
        runs += [(operation.as_strategy(GenerationMode.POSITIVE, headers=shop.headers), STRANGERS),
                 (operation.as_strategy(GenerationMode.POSITIVE), STRANGERS)]
    answers = []

    def send(case) -> None:
        request = case.as_transport_kwargs(base_url=app.url)
        with session.request(**request, stream=True, timeout=30) as response:
            body = response.raw.read(READ_AT_MOST, decode_content=True)
        posted = response.status_code == 200 and operation.label == 'POST /api/shops/{shop_id}/events'
        accepted = json.loads(body)['accepted'] if posted else 0
        answers.append((response.status_code, accepted, f'{request["method"]} {request["url"]}: {body[:300]!r}'))
    for strategy, examples in runs:
        fuzz = given(case=strategy)(send)
        settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                 phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))(fuzz)()
    return answers
