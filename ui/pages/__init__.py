"""One module per route.

A page reads the store before its first paint (who is signed in, which shop, a kiosk's token); under a burst of page
opens on a busy server those reads queue behind each other. NiceGUI answers with an error page when a page is not
built within its `response_timeout` (3 s by default); a late page is better than that, so pages wait this long.
Anything a page can show later (stored notifications, conversations) is loaded after it has answered.
"""
RESPONSE_TIMEOUT = 20.0  # seconds
