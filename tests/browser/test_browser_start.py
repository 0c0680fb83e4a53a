"""The way a student starts: JupyterLab in Dutch, no "Jupyter news" toast, the start lesson opens.

``student_lab`` is JupyterLab *as installed* (``make lab`` / ``py start.py``): no test settings folder, no
news switches on the command line, so only the settings start.py put into this environment apply
(``<venv>/share/jupyter/lab/settings/overrides.d/voordeur.json``). ``bare_lab`` has no settings at all
and shows that the checks can fail: an English menu and the news question.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import labdriver as ld
import pytest

pytestmark = pytest.mark.browser

DUTCH_MENUS = ["Bestand", "Bewerk", "Weergave", "Uitvoeren"]
ENGLISH_MENUS = ["File", "Edit", "View", "Run"]
NEWS_QUESTION = "Jupyter news"
TOAST = ".Toastify__toast"
# the news question appears a few seconds after start-up when it is not switched off
WAIT_FOR_TOASTS_MS = 6_000


@pytest.fixture(scope="module")
def student_lab(browser_available: None) -> Iterator[ld.LabServer]:
    with ld.running_lab(as_installed=True) as server:
        yield server


def _load(browser: Any, server: ld.LabServer, path: str) -> Any:
    page = ld.new_page(browser)
    page.goto(server.lab_url(path), wait_until="domcontentloaded")
    page.wait_for_function("() => !!(window.jupyterapp && window.jupyterapp.shell)", polling=100)
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    return page


def _menus(page: Any) -> list[str]:
    page.wait_for_selector(".lm-MenuBar-itemLabel")
    return [t.strip() for t in page.locator(".lm-MenuBar-itemLabel").all_inner_texts()]


def _toasts(page: Any) -> list[str]:
    page.wait_for_timeout(WAIT_FOR_TOASTS_MS)
    return page.locator(TOAST).all_inner_texts()


def test_dutch_interface_and_no_news_toast(browser: Any, student_lab: ld.LabServer) -> None:
    page = _load(browser, student_lab, "notebooks/00-start.ipynb")
    try:
        menus = _menus(page)
        assert menus[: len(DUTCH_MENUS)] == DUTCH_MENUS, menus
        assert not set(ENGLISH_MENUS) & set(menus)
        assert page.evaluate("() => document.documentElement.lang").startswith("nl")
        toasts = _toasts(page)
        assert not [t for t in toasts if NEWS_QUESTION in t], toasts
        assert toasts == [], f"unexpected notifications: {toasts}"
        # the start lesson is the open document
        assert page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path") == \
            "notebooks/00-start.ipynb"
    finally:
        page.context.close()


def test_the_checks_have_teeth_without_our_settings(browser: Any, browser_available: None) -> None:
    with ld.running_lab(overrides={}) as bare:
        page = _load(browser, bare, "notebooks/00-start.ipynb")
        try:
            # its own, empty settings folder: the environment's overrides.d is not read
            menus = _menus(page)
            assert menus[: len(ENGLISH_MENUS)] == ENGLISH_MENUS, menus
            assert any(NEWS_QUESTION in t for t in _toasts(page)), "the news question should appear"
        finally:
            page.context.close()
