"""`launchgate ci`: sign-offs from a pull request's reviews, published back to GitHub.

Imported only by `launchgate ci`: `launchgate check` never loads PyGithub.
"""
