"""The install-free browser version (JupyterLite, Pyodide): load the chart packages when there is
internet, and a short Dutch message instead of a bare ``ModuleNotFoundError`` when there is not.

The lite site ships the quiz stack inside the site, but numpy, pandas and matplotlib for Pyodide come
from the Pyodide CDN (no registry this project can reach has them). The lite install cell runs::

    from voordeur import browser
    await browser.laad_grafiekpakketten()

which tries to load them once. Whatever happens, it installs :class:`OntbrekendPakketZoeker` at the end
of ``sys.meta_path``: Python only asks it for a module that no other finder found, so it changes nothing
when pandas is installed. When pandas or matplotlib is missing, the import raises
:class:`NietOfflineFout` (a :class:`VoordeurFout` *and* a ``ModuleNotFoundError``), which
``les.start`` shows as a short message.

Outside the browser nothing here does anything (``in_browser()`` is false), so desktop behaviour is
unchanged.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from typing import Any

from voordeur.fouten import VoordeurFout

#: Top-level modules that only come from the Pyodide CDN (with their compiled dependencies).
CDN_PAKKETTEN: tuple[str, ...] = ("numpy", "pandas", "matplotlib")

MELDING = (
    "Zonder internet werkt dit deel niet: {naam} (nodig voor tabellen en grafieken) is niet geladen.\n"
    "Wat wel werkt: de quizzen, je antwoorden bewaren en de oefeningen zonder tabellen.\n"
    "De grafieken en tabellen in de les zijn vooraf gemaakt met dezelfde cijfers. "
    "Ze kloppen nog steeds, ook als je ze nu niet opnieuw kunt maken.\n"
    "Wel internet? Kies Kernel → Restart Kernel en voer de eerste cel opnieuw uit."
)
OFFLINE_NOTITIE = ("Geen internet: de quizzen en het bewaren van je antwoorden werken wel. "
                   "Nieuwe tabellen en grafieken maken lukt niet.")


class NietOfflineFout(VoordeurFout, ModuleNotFoundError):
    """pandas/numpy/matplotlib is not available in the browser (no internet to load it)."""

    def __init__(self, naam: str) -> None:
        VoordeurFout.__init__(self, MELDING.format(naam=naam))
        self.name = naam


def in_browser() -> bool:
    """True in Pyodide (JupyterLite)."""
    return sys.platform == "emscripten"


class OntbrekendPakketZoeker:
    """A last-resort import finder: a clear Dutch error for a missing CDN package."""

    def __init__(self, namen: Sequence[str] = CDN_PAKKETTEN) -> None:
        self.namen = tuple(namen)

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        top = fullname.split(".", 1)[0]
        if top in self.namen:
            raise NietOfflineFout(top)
        return None


def installeer_zoeker(meta_path: list[Any] | None = None) -> OntbrekendPakketZoeker:
    """Append the finder to *meta_path* (default ``sys.meta_path``) once; return it."""
    paths = sys.meta_path if meta_path is None else meta_path
    for finder in paths:
        if isinstance(finder, OntbrekendPakketZoeker):
            return finder
    finder = OntbrekendPakketZoeker()
    paths.append(finder)
    return finder


async def laad_grafiekpakketten(pakketten: Sequence[str] = ("pandas", "matplotlib")) -> bool:
    """In the browser: try to load *pakketten* from the site's lock (the CDN); return whether it worked.

    Never raises: offline the lessons go on without charts, and the finder gives the message later.
    """
    if not in_browser():
        return True
    installeer_zoeker()
    try:
        import micropip  # type: ignore[import-not-found]  # only exists in Pyodide

        # Pyodide logs a failed download and goes on, so only an import says whether it worked.
        await micropip.install(list(pakketten))
        for naam in pakketten:
            importlib.import_module(naam)
    except Exception:  # offline or filtered: any failure means "not available"
        print(OFFLINE_NOTITIE)
        return False
    return True
