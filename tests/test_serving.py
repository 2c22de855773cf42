"""`mkdocs serve`: no full garbage collection during a build, one in the pause after it."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from caseshelf import serving


class Node:
    """An object in a reference cycle: only a full collection frees it once it is old."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def thresholds():
    kept = gc.get_threshold()
    yield
    gc.set_threshold(*kept)


def old_garbage() -> weakref.ref:
    """A cycle that has lived through a full collection (so it sits in the oldest
    generation), then dropped: garbage that only another full collection frees."""
    node = Node()
    gc.collect()
    gone = weakref.ref(node)
    del node
    return gone


def test_a_full_collection_follows_a_build_and_none_comes_during_it(thresholds):
    pauses = serving.Pauses(serving=True)
    assert gc.get_threshold()[2] == serving.NEVER
    full = []

    def count(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(time.monotonic())
    gone = old_garbage()
    gc.callbacks.append(count)
    try:
        made = [[[], {}] for _ in range(500_000)]  # a build's worth of objects that live on
        assert full == [] and gone() is not None and made
        ended = time.monotonic()
        pauses.built()
        deadline = ended + serving.PAUSE + 5
        while gone() is not None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        gc.callbacks.remove(count)
    assert gone() is None  # the cycle was freed in the pause
    assert full and full[0] >= ended + serving.PAUSE * 0.9


def test_outside_serve_the_collector_is_left_as_python_sets_it(thresholds):
    before = gc.get_threshold()
    pauses = serving.Pauses()
    pauses.built()
    assert gc.get_threshold() == before
    assert pauses.timer is None


def test_when_serve_ends_the_collector_is_as_it_was(thresholds):
    before = gc.get_threshold()
    pauses = serving.Pauses(serving=True)
    pauses.built()
    pauses.stop()
    assert gc.get_threshold() == before
    assert not pauses.timer.is_alive() or pauses.timer.finished.is_set()
