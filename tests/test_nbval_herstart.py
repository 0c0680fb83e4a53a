"""The nbval plugin of ``start.py test`` (tests/nbval_herstart.py) starts a kernel that did not answer
once more."""

from __future__ import annotations

import pytest

from tests.nbval_herstart import met_herstart


def test_a_kernel_that_did_not_answer_is_started_again() -> None:
    pogingen: list[int] = []

    def start(startup_timeout: int = 60) -> str:
        pogingen.append(startup_timeout)
        if len(pogingen) == 1:
            raise RuntimeError("Kernel didn't respond in 30 seconds")
        return "kernel"

    assert met_herstart(start)(startup_timeout=30) == "kernel"
    assert pogingen == [30, 30]


def test_a_kernel_that_fails_twice_still_fails() -> None:
    def start() -> None:
        raise RuntimeError("Kernel didn't respond in 30 seconds")

    with pytest.raises(RuntimeError, match="respond"):
        met_herstart(start)()


def test_wrapped_once() -> None:
    def start() -> str:
        return "kernel"

    eenmaal = met_herstart(start)
    assert met_herstart(eenmaal) is eenmaal


def test_the_nbval_steps_load_it() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import start

    stappen = start.test_steps(Path(".venv"), start.Platform("Linux"))
    nbval = [cmd for titel, cmd in stappen if "nbval" in titel]
    assert len(nbval) == 2
    for cmd in nbval:
        assert "tests.nbval_herstart" in cmd and "--nbval-kernel-startup-timeout" in cmd
