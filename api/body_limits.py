"""How deep and how many objects and lists a JSON body holds, found BEFORE it is parsed.

Python's json recurses once per level, so a body of 100,000 `[` raised RecursionError, and a few million small
lists took it seconds. Events are flat objects, so a real body is three levels deep (`{"events": [{...}]}`) with one
object per event. The scan works on bytes with C-speed operations only (replace, translate, one regex over what is
left of the strings): a few hundredths of a second for 8 MiB, whatever its shape.
"""
import re

_KEEP = bytes(b for b in range(256) if b not in b'"[]{}')  # translate() deletes everything else
_SAME_LEVEL = bytes.maketrans(b'{}', b'[]')  # for depth, an object is a list
_STRING = re.compile(rb'"[^"]*"')  # once escapes are gone, a string is a quote, no quote, a quote


def shape(body: bytes, max_depth: int) -> tuple[bool, int]:
    """(whether it nests deeper than `max_depth`, how many objects and lists it opens), for a body that is valid
    JSON; for one that is not, the answer is only as good as the body, and parsing it fails afterwards anyway."""
    brackets = body.replace(b'\\\\', b'').replace(b'\\"', b'').translate(_SAME_LEVEL, _KEEP).replace(b'""', b'')
    if b'"' in brackets:  # strings that hold brackets
        brackets = _STRING.sub(b'', brackets)
    opened = brackets.count(b'[')
    for _ in range(max_depth):  # each pass takes away the innermost level
        inner = brackets.replace(b'[]', b'')
        if len(inner) == len(brackets):
            break
        brackets = inner
    return bool(brackets), opened
