"""github/policy.py: the base commit's config, glossary and checklists, read from the
bytes the API sends (no temporary folder), as the loaders read them from disk."""

from __future__ import annotations

import pytest

from launchgate.errors import ConfigError
from launchgate.github.client import ChangedFile, GitHubClient, Limits
from launchgate.github.policy import BasePolicy, fetch_policy, policy_changes
from tests.github.fake import FakeGitHub
from tests.github.test_ci import BASE, CONFIG


def _policy(github: FakeGitHub, files: dict[str, str], prefix: str = "") -> BasePolicy:
    repo = github.add_repo("acme/app")
    sha = repo.commit(files)
    client = GitHubClient(github.url, "acme/app", github.token, Limits(tries=1))
    return fetch_policy(client, sha, prefix)


def test_the_config_and_glossary_are_the_base_commits(github: FakeGitHub) -> None:
    policy = _policy(github, BASE)
    assert policy.config_file == ".launchgate.yml"
    assert sorted(policy.config.roles) == ["legal", "marketing", "product"]
    assert policy.files.glossary is not None
    assert list(policy.files.glossary.metrics) == ["weekly_active_teams"]
    assert policy.files.problems == ()
    # The config, its second name not asked for, and the glossary: checklists come later.
    assert github.count("GET", "/contents/") == 2


def test_without_a_config_the_defaults_hold(github: FakeGitHub) -> None:
    policy = _policy(github, {"README.md": "hello\n"})
    assert (policy.config_file, policy.config.glossary) == (None, "glossary.yaml")
    assert policy.files.glossary is None
    assert github.count("GET", "/contents/") == 3  # both config names, then the glossary


def test_a_broken_base_config_names_the_commit(github: FakeGitHub) -> None:
    with pytest.raises(ConfigError, match=r"the base branch's config at [0-9a-f]{7}: "):
        _policy(github, {".launchgate.yml": "rules: {copy-lenght: error}\n"})


def test_a_broken_glossary_is_a_problem_named_by_its_path(github: FakeGitHub) -> None:
    config = CONFIG + "glossary: docs/terms.yaml\nmax_file_size: 100\n"
    policy = _policy(github, {".launchgate.yml": config, "docs/terms.yaml": "x: " * 60})
    assert policy.files.glossary is None
    (problem,) = policy.files.problems
    assert problem.file == "docs/terms.yaml"
    assert problem.problem.message == "file is 180 bytes, over the 100 limit"


def test_a_glossary_outside_the_repository_is_not_asked_for(github: FakeGitHub) -> None:
    _policy(github, {".launchgate.yml": CONFIG + "glossary: ../terms.yaml\n"})
    assert github.count("GET", "terms") == 0


def test_checklists_are_fetched_once_each_and_their_problems_kept(github: FakeGitHub) -> None:
    files = {**BASE, "checklists/bad.yaml": "signoffs: nobody\n"}
    policy = _policy(github, files, prefix="")
    standard = policy.checklists.get("standard")
    assert standard is not None and standard.signoffs == ["product", "marketing"]
    assert policy.checklists.get("standard") is standard
    assert github.count("GET", "/contents/checklists/standard") == 1
    assert policy.checklists.get("bad") is None
    assert [p.file for p in policy.checklists.problems] == ["checklists/bad.yaml"]
    builtin = policy.checklists.get("minor")  # not at the base: the built-in one
    assert builtin is not None
    assert policy.checklists.get("../secrets") is None  # no file can have that name
    assert github.count("GET", "secrets") == 0


def test_a_base_checklists_channel_locales_name_the_base_configs_channels(
    github: FakeGitHub,
) -> None:
    checklist = "channel_locales:\n  line.message: [ja-JP]\n  x.posts: [en-US]\n"
    files = {
        **BASE,
        ".launchgate.yml": CONFIG + "channels: {line.message: {max: 500}}\n",
        "checklists/social.yaml": checklist,
    }
    policy = _policy(github, files)
    social = policy.checklists.get("social")
    assert social is not None and social.channel_locales["line.message"] == ["ja-JP"]
    (problem,) = policy.checklists.problems
    assert (problem.file, problem.problem.line) == ("checklists/social.yaml", 3)
    assert "unknown channel 'x.posts' (did you mean 'x.post'?)" in problem.problem.message


def test_the_policy_files_a_pull_request_changes(github: FakeGitHub) -> None:
    policy = _policy(github, BASE)
    files = [
        ChangedFile("checklists/standard.yaml", "modified"),
        ChangedFile("glossary.yaml", "modified"),
        ChangedFile("launches/x.yaml", "renamed", previous=".launchgate.yaml"),
        ChangedFile("README.md", "modified"),
    ]
    assert policy_changes(policy.config, policy.config_file, files) == [
        ".launchgate.yaml",
        "checklists/standard.yaml",
        "glossary.yaml",
    ]
