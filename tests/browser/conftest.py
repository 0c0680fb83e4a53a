"""Fixtures for the browser tests: one JupyterLab server, one Chromium and one loaded app for the session.

Without Chromium (or Playwright) the tests are skipped with a clear reason, except on CI (``CI=true``),
where a missing browser is a failure: a green CI must mean the lessons really ran in a browser.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import labdriver as ld
import pytest

ON_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _unavailable(reason: str) -> None:
    if ON_CI:
        pytest.fail(f"Browsertests kunnen niet draaien op CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_available() -> None:
    problem = ld.chromium_problem()
    if problem:
        _unavailable(problem)


@pytest.fixture(scope="session")
def lab(browser_available: None) -> Iterator[ld.LabServer]:
    """JupyterLab on 127.0.0.1 serving a temp copy of notebooks/ + data/ plus the test notebooks."""
    with ld.running_lab(extra={**ld.TEST_NOTEBOOKS, **ld.quiz_notebooks()}) as server:
        yield server


@pytest.fixture(scope="session")
def playwright(browser_available: None) -> Iterator[Any]:
    """One Playwright for the whole session: a second sync_playwright() in the same thread fails
    ("Sync API inside the asyncio loop"), so every test file launches its browsers from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    b = ld.launch_browser(playwright)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="session")
def lab_page(browser: Any, lab: ld.LabServer) -> Iterator[ld.LabPage]:
    """JupyterLab loaded once in one page; notebooks open in it as tabs (see ``labdriver.opened``)."""
    lp = ld.LabPage(browser, lab)
    try:
        yield lp
    finally:
        lp.close()


@pytest.fixture(scope="session")
def axe_js(browser_available: None) -> Any:
    try:
        return ld.ensure_axe()
    except (FileNotFoundError, OSError) as exc:
        _unavailable(f"axe-core niet beschikbaar: {exc}")


@pytest.fixture(scope="session")
def axe_report() -> Iterator[dict[str, Any]]:
    """Collected axe results, written to test-artifacts/axe-report.json at the end of the session."""
    report: dict[str, Any] = {"ours": {}, "jupyterlab": {}}
    yield report
    if report["ours"] or report["jupyterlab"]:
        ld.ARTIFACTS.mkdir(exist_ok=True)
        path = ld.ARTIFACTS / "axe-report.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
