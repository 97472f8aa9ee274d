"""Server CPU to show a long answer streamed into one open chat: it must stay flat per token, not grow.

    .venv/bin/python bench/chat_render.py [--tokens 2000] [--rate 50]

Starts the app (main.py) as a process with a local OpenAI-compatible stand-in (tests/coach) that streams
`--tokens` words at `--rate` per second, opens /coach in Chromium, asks, and prints the app's CPU time per window
of 200 tokens. Paragraphs of 40 words keep the answer realistic. Loopback only; stops by itself.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.coach.provider_stand_in import Reply, StandIn  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, App, sign_up  # noqa: E402

WINDOW = 200  # tokens per printed row
KNOWLEDGE = Path(tempfile.gettempdir()) / 'chairside-bench-knowledge'  # built once, so no build runs meanwhile


def cpu_seconds(pid: int) -> float:
    fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks of 1/100 s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--tokens', type=int, default=2000)
    parser.add_argument('--rate', type=float, default=50)
    args = parser.parse_args()

    words = tuple(f'word{i}' + ('\n\n' if i % 40 == 39 else ' ') for i in range(args.tokens))
    stand_in = StandIn()
    stand_in.start()
    stand_in.script('openai', Reply(chunks=words, chunk_delay=1 / args.rate))
    from knowledge import KnowledgeBase
    KnowledgeBase(KNOWLEDGE).build()
    with tempfile.TemporaryDirectory() as data:
        app = App(Path(data), CHAIRSIDE_OPENAI_BASE_URL=stand_in.base_url('openai'), OPENAI_API_KEY='bench',
                  CHAIRSIDE_COACH_PROVIDERS='openai', CHAIRSIDE_KNOWLEDGE_DIR=str(KNOWLEDGE))
        app.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                sign_up(page, app)
                page.goto(f'{app.url}/coach')
                page.get_by_test_id('chat-input').fill('How can I fill the quiet afternoons?')
                page.get_by_test_id('chat-input').press('Enter')
                answer = page.locator('.chat-answer')
                print(f'{args.tokens} tokens at {args.rate:g}/s into one open chat; app CPU per {WINDOW} tokens:')
                last_cpu, last_time = cpu_seconds(app.process.pid), time.monotonic()
                for window in range(1, args.tokens // WINDOW + 1):
                    page.wait_for_function(f'document.body.innerText.includes("word{window * WINDOW - 1}")',
                                           timeout=120_000, polling=100)
                    cpu, now = cpu_seconds(app.process.pid), time.monotonic()
                    print(f'  tokens {(window - 1) * WINDOW:5d}-{window * WINDOW - 1:5d}: '
                          f'{(cpu - last_cpu) * 1000:6.0f} ms CPU over {now - last_time:4.1f} s '
                          f'({(cpu - last_cpu) / WINDOW * 1e6:5.0f} µs per token)')
                    last_cpu, last_time = cpu, now
                print(f'  rendered in {answer.count()} markdown element(s) while streaming')
                browser.close()
        finally:
            app.stop()
            stand_in.stop()


if __name__ == '__main__':
    main()
