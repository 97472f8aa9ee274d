"""Finding 7, the address the sign-in limits count by: X-Forwarded-For is believed from CHAIRSIDE_TRUSTED_PROXIES
alone (main.py hands the setting to uvicorn's ProxyHeadersMiddleware, which these tests run as the app does)."""
import pytest
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from settings import Settings


async def client_seen(trusted: str, peer: str, forwarded_for: str) -> str:
    seen: list[str] = []

    async def app(scope, receive, send) -> None:
        seen.append(scope['client'][0])
    scope = {'type': 'http', 'client': (peer, 50000), 'headers': [(b'x-forwarded-for', forwarded_for.encode())]}
    await ProxyHeadersMiddleware(app, trusted_hosts=trusted)(scope, None, None)
    return seen[0]


async def test_by_default_a_proxy_on_this_machine_is_believed_and_nobody_else():
    trusted = Settings(_env_file=None).trusted_proxies
    assert await client_seen(trusted, '127.0.0.1', '198.51.100.66') == '198.51.100.66'
    assert await client_seen(trusted, '203.0.113.5', '198.51.100.66') == '203.0.113.5'  # a stranger's own header


@pytest.mark.parametrize('trusted', ['10.0.0.0/8', '10.1.2.3, 127.0.0.1'])
async def test_a_configured_proxy_is_believed_but_not_what_the_client_wrote_before_it(trusted: str):
    setting = Settings(_env_file=None, trusted_proxies=trusted).trusted_proxies
    assert await client_seen(setting, '10.1.2.3', '1.2.3.4, 198.51.100.66') == '198.51.100.66'  # 1.2.3.4: forged
