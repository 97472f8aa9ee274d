"""The coach's provider for the live bench: the tests' OpenAI stand-in, streaming long answers at a steady rate.

It runs in a process of its own on 127.0.0.1, so its work shows neither in the app's CPU nor in the bench's event
loop. Every answer is `tokens` words tok0 tok1 …, so a chat session can tell how far an answer has got from the
highest number shown. The process ends when the bench closes its stdin (or dies).
"""
import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from bench.live_app import Proc  # noqa: E402

WORD = 'tok'
PARAGRAPH = 40  # words; a blank line after each, as a real answer has (the chat seals finished paragraphs)


def words(tokens: int) -> tuple[str, ...]:
    return tuple(f'{WORD}{i}' + ('\n\n' if i % PARAGRAPH == PARAGRAPH - 1 else ' ') for i in range(tokens))


class StandInProcess:
    def __init__(self, rate: float, tokens: int) -> None:
        self.rate, self.tokens = rate, tokens
        self.process: asyncio.subprocess.Process | None = None
        self.base_url = ''

    async def start(self) -> Proc:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, __file__, '--rate', str(self.rate), '--tokens', str(self.tokens), cwd=ROOT,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, start_new_session=True)
        line = await asyncio.wait_for(self.process.stdout.readline(), 60)
        if not line.startswith(b'http://127.0.0.1:'):
            raise RuntimeError(f'the provider stand-in did not start: {line[:200]!r}')
        self.base_url = line.decode().strip()
        return Proc(self.process.pid)

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 10)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


def main() -> None:
    from tests.coach.provider_stand_in import Reply, StandIn
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rate', type=float, default=50.0, help='tokens per second, per answer')
    parser.add_argument('--tokens', type=int, default=500, help='tokens per answer')
    args = parser.parse_args()
    server = StandIn()
    server.default = Reply(chunks=words(args.tokens), chunk_delay=1 / args.rate, paced=True)
    server.start()
    print(server.base_url('openai'), flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == '__main__':
    main()
