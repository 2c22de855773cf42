"""The `check` fixture for the tests of the checker, which also asserts that every problem
it finds carries a registered code with the registered severity."""

from __future__ import annotations

import pytest

from caseshelf.cases.rules import REGISTRY


@pytest.fixture
def check(check):
    def run(*args, **kwargs):
        problems = check(*args, **kwargs)
        for problem in problems:
            assert problem.code in REGISTRY, problem
            assert problem.severity is REGISTRY[problem.code].severity, problem
        return problems

    return run
