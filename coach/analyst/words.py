"""An owner's words, read: a question made plain (case, possessives, typos), and what its words name: the figure,
the barber or service, the shape of the answer wanted.

Typos are mended against the words that matter here (figures, periods, the shop's barbers and services) with
rapidfuzz's optimal-string-alignment distance: one edit (a transposition counts as one) in a word of 5-7 letters (of
4 into a barber's name), two from 8, never the first letter, and never a word known to be English.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from engine.profile import ShopProfile

# (pattern, figure): the first that matches names the figure; specific phrases before general words
FIGURE_WORDS: tuple[tuple[str, str], ...] = (
    (r'no.?show (?:rate|percentage|%|share|ratio)|(?:rate|percentage|share|%|proportion) of no.?shows?'
     r'|how often .*no.?show', 'no_show_rate'),
    (r'late.?cancel\w* (?:rate|percentage|%)|(?:rate|percentage|%) of late.?cancel\w*', 'late_cancel_rate'),
    (r'(?:late|last.?minute) cancel\w*', 'late_cancellations'),
    (r'no.?shows?|didn.?t (?:show|turn) up|did not (?:show|turn) up|missed appointments?|ghosted', 'no_shows'),
    (r'cancel\w*', 'cancellations'),
    (r'rebook\w*|re.?book\w*|book(?:ed)? (?:their|the|a) next|booked again', 'rebooking_rate'),
    (r'retention|retain\w*|(?:come|came|coming) back within|kept coming back', 'retention'),
    (r'(?:share|percentage|%|proportion|rate) of walk.?ins?|walk.?in (?:share|percentage|rate|ratio)', 'walk_in_share'),
    (r'(?:share|percentage|%|proportion|rate) of walk.?ins? (?:lost|who left)|walk.?ins? lost (?:rate|%)',
     'walk_ins_lost'),
    (r'walk.?outs?|walked out|left without|gave up|left (?:before|unserved)|lost (?:walk.?ins?|customers|clients)'
     r'|walk.?ins? .{0,20}\blos[et]\b|\blose .{0,12}walk.?ins?|walk.?ins? (?:who )?left', 'walk_outs'),
    (r'walk.?ins?|walked in|without (?:a )?booking|no appointment', 'walk_ins'),
    (r'check.?ins?|checked in|arrivals?|through the door|footfall', 'check_ins'),
    (r'wait\w*|queue time|how long .*(?:sit|sat)', 'average_wait'),
    (r'utili[sz]\w*|occupancy|how (?:busy|full)|chair time|capacity', 'utilization'),
    (r'attach\w*|(?:share|%|percentage) .*(?:bought|buy\w*) (?:product|retail)', 'retail_attachment'),
    (r'retail|products?|merch\w*|pomade|beard oil|shampoo', 'retail_revenue'),
    (r'tips?|tipp\w*|gratuit\w*', 'tips'),
    (r'average (?:ticket|spend|sale|bill|transaction|check|invoice)|avg\.? (?:ticket|spend)|ticket size'
     r'|spend per|spent per|per (?:visit|head|client|customer|cut|haircut|service|person)|average .*spen[dt]'
     r'|average ticket|ticket|how much .*on average|average (?:price|cost)',
     'average_ticket'),
    (r'how many .{0,20}reviews?', 'reviews'),
    (r'ratings?|stars?|satisf\w*|review score|average review|rated|happy|(?:customers|clients|people|they) rate'
     r'|\brate (?:us|him|her|them)\b'
     r'|(?:best|top|highest|good|great|better|worst|lowest|bad|poor\w*) reviews?', 'rating'),
    (r'reviews?', 'reviews'),
    (r'new (?:client|customer|face|people|person)s?|first.?tim\w*|newcomers?|first visits?|new ones', 'new_clients'),
    (r'returning|regulars?|repeat (?:client|customer)s?|came back|come back|loyal (?:client|customer)s?',
     'returning_clients'),
    (r'(?:unique|different|distinct|individual|separate) (?:client|customer|people|person)s?', 'clients'),
    (r'bookings? (?:made|taken)|new bookings|booked in advance', 'bookings_made'),
    (r'bookings?|appointments?|booked', 'bookings'),
    (r'service revenue|revenue from services', 'service_revenue'),
    (r'revenue|takings?|took|take|taken|made|make|making|earn\w*|sales|sold|turnover|income|money|brought in'
     r'|bring in|brings in|gross|cash|profit|\$|dollars?|bucks|how much (?:did|came|come|have|has|was|were|is)'
     r'|came in|come in', 'revenue'),
    (r'visits?|cuts?|haircuts?|customers?|clients?|people|heads|jobs|services|served|serve|done|did we do'
     r'|popular|busiest|quietest|busy|quiet|slow\w*', 'visits'),
)
RATE_OF = {'no_shows': 'no_show_rate', 'late_cancellations': 'late_cancel_rate', 'walk_ins': 'walk_in_share',
           'walk_outs': 'walk_ins_lost'}
RATIO = r'\b(?:rate|percentage|percent|share|proportion|ratio|fraction|how often)\b|%'
# words that pick a figure only when nothing more telling is in the question (see understand.py)
WEAK = frozenset({'visits', 'bookings'})

BEST = r'\b(?:best|top|most|highest|biggest|busiest|strongest|leading|number one|no\.? ?1|most popular|longest|' \
       r'greatest|max\w*|more)\b'
WORST = r'\b(?:worst|least|lowest|bottom|quietest|slowest|weakest|fewest|poorest|shortest|min\w*|less)\b'
WHY = r'\b(?:why|how come|what (?:happened|caused|drove|explains|went wrong|changed)|explain\w*|reason\w*|' \
      r'what.?s behind|because)\b'
COMPARE = r'\b(?:compar\w*|vs\.?|versus|against|than|beat|differen\w*|(?:go|went|gone|going) (?:up|down)|increas\w*|' \
          r'decreas\w*|grow\w*|grew|drop\w*|fell|fall\w*|change\w*|better|worse|up on|down on|up or down|' \
          r'improv\w*|declin\w*)\b'
OVERVIEW = r'\b(?:how (?:are|were|was|is|did|have) (?:we|things|business|the shop|it|the business|our shop)|' \
           r'how.?s (?:business|it going|the shop|things)|how did (?:we|it) (?:do|go)|summar\w*|overview|recap|' \
           r'report|rundown|round.?up|how.?d we do|how we (?:did|are doing)|doing|key (?:numbers|figures)|' \
           r'numbers|figures|performance|perform\w*|kpis?)\b'
FLOOR = r'\b(?:right now|at the moment|currently|in the chairs?|in the shop now|waiting now|who.?s (?:in|waiting|on|' \
        r'cutting|working)|who is (?:in|waiting|on|cutting|working)|queue|line|how long is the wait|floor|' \
        r'now)\b'
NOTIFY = r'\b(?:notifications?|alerts?|warnings?|anything (?:i should|to) know|what.?s new|what did i miss|news)\b'
ADVICE = r'^(?:how (?:can|do|should|could|would|might) (?:i|we)|should (?:i|we)|what (?:can|should|could) (?:i|we)|' \
         r'any (?:tips|advice|ideas|suggestions)|ideas? (?:for|to)|tips (?:for|on|to)|advice|help me|ways to|' \
         r'is it (?:worth|ok|okay|a good idea)|do i need|when should|what.?s the best way|give me (?:ideas|advice))\b'
GROUPS: tuple[tuple[str, str], ...] = (
    (r'\b(?:day of (?:the )?week|weekdays?|days of the week)\b', 'weekday'),
    (r'\b(?:hours?|time of (?:the )?day|what time)\b', 'hour'),
    (r'\b(?:which|what|best|worst|busiest|quietest|slowest|top|bottom) (?:days?|dates?)\b|\bbusiest day\b|'
     r'\bday (?:was|did|had|made|brought)\b|\bdays\b', 'day'),
    (r'\b(?:services?|cuts? (?:type|kind)s?|treatments?|what (?:sold|(?:do|did|does) (?:people|clients|customers|they) '
     r'(?:book|get|want|buy|choose|ask for|have))|popular)\b', 'service'),
    (r'\b(?:who|whose|barbers?|staff|team|earners?|stylists?|whom|which of (?:us|them|the guys)|guys|person|'
     r'employees?)\b', 'barber'),
)
ENGLISH = frozenset(
    'about above after again against also always among answer anything april august average back bad been before '
    'being below best better between both busy came cancel come could count daily date days dear does doing done '
    'down during each early earn ever every fall fell fewer first from full good great guys happen happened have '
    'having help here high higher highest into just keep kind know last late later least less like likely look lost '
    'lower made make many march maybe mean might more most much must need never next nice none often only other '
    'over part past people please pretty quite rate rather really right same seen shop should show since some '
    'something still such sure take than thank thanks that their them then there these they thing things think '
    'this those though time today told took total twice under until very want week weeks well were what when where '
    'which while whole will with within without worse worst would year years your yours share shares percent '
    'percentage proportion ratio fraction often hours hour morning evening afternoon night chairs chair sell sold '
    'selling bought spent spend paid pays paying book books trade trend trends level levels value worth cost costs '
    'price prices charge charged guys team staff owner shop shops store open opened closed close busy quiet slow '
    'fast line long longer short shorter wait waits waited stay stayed leave left came come comes coming went goes '
    'give gave given bring brought brings clients client customer customers people person heads jobs tell show '
    'showed shown shows list give sort kind type types much many more most each every some total overall whole '
    'number numbers figure figures count counts compare again also still even ever just only same other another '
    'first second third fourth last next previous since before after during between against versus beat beats'.split())


@dataclass(frozen=True)
class Vocabulary:
    """The words a shop's questions are mended towards, and its barbers' and services' names in them."""
    words: tuple[str, ...]
    barbers: dict[str, str]  # lower-case name -> name
    services: tuple[tuple[re.Pattern, str], ...]  # pattern -> service name, longest names first


def vocabulary(profile: ShopProfile | None) -> Vocabulary:
    if profile is None:
        return _vocabulary((), ())
    return _vocabulary(profile.barbers, tuple(s.name for s in profile.services))


@lru_cache(maxsize=64)
def _vocabulary(barbers: tuple[str, ...], services: tuple[str, ...]) -> Vocabulary:
    words = set(_LEXICON_WORDS)
    named = {b.casefold(): b for b in barbers}
    words |= set(named)
    patterns = []
    names = {s: plain(s).split() for s in services}
    counts: dict[str, int] = {}
    for tokens in names.values():
        for token in set(tokens):
            counts[token] = counts.get(token, 0) + 1
    for service, tokens in sorted(names.items(), key=lambda i: -len(i[1])):
        words |= set(tokens)
        full = r'\s+'.join(re.escape(t) + 's?' for t in tokens)
        patterns.append((re.compile(rf'\b{full}\b'), service))
    for service, tokens in names.items():  # a word of one name alone ('fades', 'shave'), when no other has it
        for token in tokens:
            if counts[token] == 1 and len(token) >= 4 and token not in ('haircut', 'service', 'and'):
                patterns.append((re.compile(rf'\b{re.escape(token)}s?\b'), service))
    return Vocabulary(tuple(sorted(words)), named, tuple(patterns))


def plain(text: str) -> str:
    """Lower case, '&' and '+' as 'and', possessives gone, punctuation but $ % / - . between digits as spaces."""
    text = text.casefold().replace('’', "'").replace('‘', "'").replace('&', ' and ').replace('+', ' and ')
    text = re.sub(r"(\w)'s\b", r'\1', text)
    text = re.sub(r"(?<=[a-z]) '?n'? (?=[a-z])", ' and ', text)  # 'cut n beard', "cut 'n' beard"
    text = re.sub(r"s'(?=\s|$)", 's', text)
    text = re.sub(r'(?<!\d)[.,](?!\d)|[?!;:()"\[\]{}*_]', ' ', text)
    return ' '.join(text.split())


def mend(text: str, vocab: Vocabulary) -> str:
    """The plain text with each unknown word of 4+ letters replaced by the shop word it is a typo of, if one is."""
    out = []
    for token in text.split(' '):
        out.append(_mended(token, vocab) if token.isalpha() and len(token) >= 4 else token)
    return ' '.join(out)


def _mended(token: str, vocab: Vocabulary) -> str:
    if token in vocab.barbers or token in ENGLISH or token in _KNOWN or token.rstrip('s') in _KNOWN \
            or f'{token}s' in _KNOWN or token.removesuffix('ing') in ENGLISH:
        return token
    limit = 1 if len(token) <= 7 else 2
    names = len(token) < 5  # a word of four letters is mended only into a barber's name: English has too many
    choices = [w for w in (vocab.barbers if names else vocab.words) if w[0] == token[0]
               and abs(len(w) - len(token)) <= limit]
    found = process.extract(token, choices, scorer=OSA.distance, score_cutoff=limit, limit=2)
    if not found or (len(found) > 1 and found[0][1] == found[1][1] and found[0][0] != found[1][0]):
        return token  # nothing near, or two words as near: leave it
    return found[0][0]


def figure_of(text: str) -> list[tuple[int, str]]:
    """(position, figure) for each figure the text names, strongest first."""
    found = []
    for pattern, figure in _FIGURES:
        match = pattern.search(text)
        if match:
            found.append((match.start(), figure))
    return found


def names_in(text: str, vocab: Vocabulary) -> tuple[list[str], list[str]]:
    """The barbers and the services a text names, in the order it names them."""
    barbers = sorted({(m.start(), name) for key, name in vocab.barbers.items()
                      for m in re.finditer(rf'\b{re.escape(key)}\b', text)})
    services, taken = [], []
    for pattern, service in vocab.services:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                services.append((m.start(), service))
    return [b for _, b in barbers], [s for _, s in sorted(services)]


_FIGURES = tuple((re.compile(rf'(?:^|\b|(?<=\s)){pattern}(?:\b|$)'), figure) for pattern, figure in FIGURE_WORDS)
_LEXICON_WORDS = frozenset(
    'revenue takings sales turnover income money earned earnings tips tipped gratuities average ticket spend visits '
    'haircuts customers clients people rebooking rebooked retention returning regulars repeat bookings appointments '
    'booked cancellations cancelled cancel noshows no-shows no-show walk-ins walkins walk-in walkouts walk-outs '
    'check-ins arrivals waiting wait utilization utilisation occupancy attachment retail products rating ratings stars '
    'satisfaction reviews review new first-timers newcomers yesterday today tomorrow week weeks month months quarter '
    'year years weekend morning afternoon evening monday tuesday wednesday thursday friday saturday sunday january '
    'february march april may june july august september october november december compare compared versus against '
    'difference best worst highest lowest busiest quietest slowest most least top bottom popular why explain barber '
    'barbers service services staff total overall last this previous since between before earlier summary overview '
    'notifications alerts queue chairs chair right now currently'.split())
_KNOWN = frozenset(_LEXICON_WORDS)
