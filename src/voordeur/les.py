"""What every lesson shares: the start cell and the friendly error handler.

A lesson's first code cell is::

    from voordeur import les
    les.start(3)

which checks the lesson number and makes errors from this package show as a short Dutch message
(naming the file, row or field) instead of a traceback.

It is cheap on purpose: it does not import pandas or matplotlib, so a quiz before the first chart shows
fast. The chart house style needs no set-up here: ``voordeur.charts`` draws every chart in it.
"""

from __future__ import annotations

from typing import Any

from voordeur.fouten import VoordeurFout
from voordeur.lessen import les as _les
from voordeur.weergave import Melding


def _toon_fout(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None) -> None:
    """IPython custom exception handler: show the message only."""
    from IPython.display import display

    display(Melding(str(value)))


def installeer_foutmeldingen() -> bool:
    """Show :class:`VoordeurFout` errors as a short message in IPython; return whether it worked."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always ships with Jupyter
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((VoordeurFout,), _toon_fout)
    return True


def start(nummer: int) -> None:
    """Prepare a lesson: check the lesson number and switch on friendly error messages."""
    _les(nummer)  # a clear error for a lesson number that does not exist
    installeer_foutmeldingen()
