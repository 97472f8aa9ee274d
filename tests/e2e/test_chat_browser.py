"""The chat in real Chromium, against a local OpenAI-compatible stand-in that streams as slowly as a test needs."""
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ..coach.provider_stand_in import Reply, StandIn
from .conftest import App, sign_up

XSS = '<img src=x onerror="window.__xss=1;alert(1)"> and <script>window.__xss=2;alert(1)</script>'
COUNT_RENDERS = """el => { window.__renders = [];
    new MutationObserver(() => window.__renders.push(performance.now())).observe(el, {childList: true, subtree: true});
}"""


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    server = StandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def chat_app(tmp_path: Path, stand_in: StandIn, knowledge_dir: str) -> Iterator[App]:
    app = App(tmp_path, CHAIRSIDE_SIM_START='2026-11-24T11:30:00', CHAIRSIDE_SHOP_TIMEZONE='Europe/London',
              CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir,
              CHAIRSIDE_OPENAI_BASE_URL=stand_in.base_url('openai'), OPENAI_API_KEY='test-key',
              CHAIRSIDE_COACH_PROVIDERS='openai')
    app.start()
    yield app
    app.stop()


def open_coach(browser: Browser, app: App) -> Page:
    page = browser.new_page(viewport={'width': 1366, 'height': 900})
    sign_up(page, app)
    page.goto(f'{app.url}/coach')
    page.get_by_test_id('chat-input').wait_for()
    return page


def ask(page: Page, text: str) -> None:
    page.get_by_test_id('chat-input').fill(text)
    page.get_by_test_id('chat-input').press('Enter')


def test_tokens_arrive_progressively_and_an_answer_can_be_stopped_and_regenerated(chat_app, stand_in, browser):
    page = open_coach(browser, chat_app)
    stand_in.script('openai', Reply(chunks=tuple(f'word{i} ' for i in range(600)), chunk_delay=0.1))  # a minute
    ask(page, 'How can I fill the quiet afternoons?')
    answer = page.get_by_test_id('chat-answer').last
    expect(answer).to_contain_text('word3')
    first = answer.inner_text()
    expect(answer).to_contain_text('word12')
    assert 'word599' not in first and len(answer.inner_text()) > len(first)  # it grew while we watched
    page.get_by_test_id('chat-stop').click()
    expect(page.get_by_text('Stopped: what is shown is partial.')).to_be_visible()
    kept = answer.inner_text()
    assert 'word12' in kept and 'word599' not in kept
    assert stand_in.requests('openai')[-1].disconnected  # Stop closed the provider's request
    stand_in.script('openai', Reply(chunks=('A regenerated ', 'answer.')))
    page.get_by_test_id('chat-regenerate').click()
    expect(page.get_by_test_id('chat-answer')).to_have_text('A regenerated answer.')
    expect(page.get_by_text('OpenAI-compatible server at')).to_contain_text('· gpt-4o-mini')


def test_a_fast_stream_is_rendered_a_few_times_a_second_not_per_token(chat_app, stand_in, browser):
    page = open_coach(browser, chat_app)
    stand_in.script('openai', Reply(chunks=tuple(f'w{i} ' for i in range(400)), chunk_delay=0.005))
    ask(page, 'How is the shop doing today?')
    bubble = page.get_by_test_id('chat-answer').last
    bubble.wait_for()
    bubble.evaluate(COUNT_RENDERS)
    expect(bubble).to_contain_text('w399')
    renders = page.evaluate('window.__renders')
    seconds = (renders[-1] - renders[0]) / 1000
    assert 0 < len(renders) <= 15 * seconds + 3  # at most ~15 renders a second, however long it takes: not per token


def test_html_in_an_answer_or_a_question_stays_inert(chat_app, stand_in, browser):
    page = open_coach(browser, chat_app)
    dialogs = []
    page.on('dialog', lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    stand_in.script('openai', Reply(chunks=(f'Look: {XSS} ', 'done.')))
    ask(page, f'Is this safe? {XSS}')
    expect(page.get_by_test_id('chat-answer').last).to_contain_text('done.')
    expect(page.get_by_test_id('chat-question').last).to_contain_text('<script>window.__xss=2')  # shown as typed
    page.get_by_test_id('chat-regenerate').wait_for()
    page.wait_for_timeout(500)
    _assert_inert(page, dialogs)
    page.goto(f'{chat_app.url}/coach')  # resumed from the store, the same
    page.get_by_text('Is this safe?').first.click()
    expect(page.get_by_test_id('chat-answer').last).to_contain_text('done.')
    page.wait_for_timeout(500)
    _assert_inert(page, dialogs)


def _assert_inert(page: Page, dialogs: list) -> None:
    assert dialogs == []
    assert page.evaluate('window.__xss') is None
    assert page.locator('[data-testid=chat-answer] script, [data-testid=chat-answer] img[onerror]').count() == 0


@pytest.fixture
def offline_app(tmp_path: Path, knowledge_dir: str) -> Iterator[App]:
    app = App(tmp_path, CHAIRSIDE_SIM_START='2026-11-24T11:30:00', CHAIRSIDE_SHOP_TIMEZONE='Europe/London',
              CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir, OPENAI_API_KEY='', ANTHROPIC_API_KEY='', GEMINI_API_KEY='')
    app.start()
    yield app
    app.stop()


def test_a_data_question_shows_its_number_first_and_the_look_up_behind_it_then_a_follow_up(offline_app, browser):
    page = open_coach(browser, offline_app)
    ask(page, 'How much did we make yesterday?')
    answer = page.get_by_test_id('chat-answer').first
    expect(answer).to_contain_text('Monday 23 November 2026')
    first = re.match(r'Revenue yesterday \(Monday 23 November 2026\) was (\$[\d,]+)\.', answer.inner_text())
    assert first, answer.inner_text()  # the number first
    look_ups = page.get_by_test_id('chat-tool-calls').first
    look_ups.get_by_text('How this was worked out').click()
    expect(look_ups.get_by_text('Figures · Revenue')).to_be_visible()
    expect(look_ups.get_by_text(f'Revenue {first[1]}', exact=True)).to_be_visible()  # the number it came from
    ask(page, 'and the week before?')
    expect(page.get_by_test_id('chat-answer')).to_have_count(2)
    expect(page.get_by_test_id('chat-answer').last).to_contain_text(
        re.compile(r'^Revenue the week before \(Monday 16 November 2026\) was \$[\d,]+'))
