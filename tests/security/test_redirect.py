"""Finding 4: after signing in, a crafted `redirect_to` must not send the browser to another site.

Each bypass below is a string the login page receives (query already decoded) that a browser, following its own URL
rules (tabs and newlines dropped, ends trimmed, backslash read as slash), resolves to another origin.
"""
import pytest

from ui.auth import safe_target

BYPASSES = [
    '//example.org', '///example.org', '/\\example.org', '\\\\example.org', '\\/example.org', '/\\/example.org',
    '/\t/example.org', '/\n/example.org', '/\r/example.org', '/\t\\example.org', '\t//example.org', ' //example.org',
    '\x00//example.org', '\x1f/\\example.org', '/\r\n/example.org',
    'https://example.org', 'http:example.org', 'http:/\\example.org', 'javascript:alert(1)', 'data:text/html,hi',
]
# Harmless in a browser (kept as a path, percent-encoded), but outside what a target of ours can hold: refused too.
ODD = ['', 'example.org', '/ /example.org', '/\x0b/example.org', '/\x7f/example.org', '/\u2215example.org',
       '/\uff0fexample.org', '/\u3000/example.org']
OUR_PATHS = ['/', '/settings', '/coach?tab=1#answer', '/kiosk/AbC-12_x', '/coach?q=a%20b&c=%C3%BC', '/a/b/../c',
             '/login?redirect_to=/settings', '/%5Cexample.org', '/%2F%2Fexample.org']


@pytest.mark.parametrize('target', BYPASSES + ODD)
def test_a_target_a_browser_reads_as_another_site_goes_home(target: str):
    assert safe_target(target) == '/'


@pytest.mark.parametrize('target', OUR_PATHS)
def test_paths_of_this_app_are_kept(target: str):
    """Percent-encoded forms stay encoded in a path: the browser does not decode them into another host."""
    assert safe_target(target) == target
