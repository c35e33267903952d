"""`launchgate board`: every launch at a glance, as a static site the whole team opens.

site.py gathers what the pages show (the launches, the check's Report, the
digest, the calendar) and writes them; one module per page renders it to HTML
with plain string building and one escape helper (html.py). The pages load
nothing from elsewhere: the style and the one script are inlined, allowed by
their hashes in each page's Content-Security-Policy.
"""
