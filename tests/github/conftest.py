"""Fixtures for tests that talk to GitHub: ``github`` (the fake) and ``pygithub`` (clients).

::

    def test_something(github: FakeGitHub, pygithub: PyGithubFactory) -> None:
        repo = github.add_repo("acme/app")
        repo.commit({"README.md": "hello\\n"})
        client = pygithub()                      # github.token, github.url, lazy
        assert client.get_repo("acme/app").get_contents("README.md")...
        assert github.count("GET") == 1

The ``github`` fixture fails the test at teardown when the fake recorded a contract
error (``github.errors``): a test that provokes errors on purpose clears them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import pytest
from github import Auth, Github

from tests.github.fake import FakeGitHub


class PyGithubFactory(Protocol):
    def __call__(self, token: str | None = None, *, ghes: bool = False, **kwargs: Any) -> Github:
        """A PyGithub client on the fake (closed at teardown)."""
        ...


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with FakeGitHub() as fake:
        yield fake
        assert fake.errors == [], (
            "the fake GitHub saw requests or answers outside GitHub's contract"
        )


@pytest.fixture
def pygithub(github: FakeGitHub) -> Iterator[PyGithubFactory]:
    clients: list[Github] = []

    def make(token: str | None = None, *, ghes: bool = False, **kwargs: Any) -> Github:
        options: dict[str, Any] = {
            "base_url": github.url_ghes if ghes else github.url,
            "per_page": 100,
            "retry": None,
            # Lazy: get_repo(), get_organization()… make no request until one is needed.
            "lazy": True,
            # PyGithub waits 0.25 s between requests and 1 s between writes by default.
            "seconds_between_requests": None,
            "seconds_between_writes": None,
            **kwargs,
        }
        client = Github(auth=Auth.Token(token or github.token), **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
