"""pytest plugin for the nbval steps of ``start.py test``: start a notebook's kernel once more when it does
not answer.

The two nbval workers (``-n 2``) start kernels at the same moment, and jupyter_client can give both the same
free port (jupyter/jupyter_client#487; nbclient#114). That kernel then never answers: nbval waits for the
start-up time-out and reports every cell of the notebook as an error. This happened once in a fresh-clone
CI run and not in the next ones. A second start picks new ports. A kernel that fails twice still fails the
notebook, with nbval's own message.
"""

from __future__ import annotations

import logging
from typing import Any

LOG = logging.getLogger(__name__)


def met_herstart(start: Any) -> Any:
    """``start`` (nbval's ``start_new_kernel``), tried a second time after a RuntimeError."""
    if getattr(start, "_voordeur_herstart", False):
        return start

    def start_new_kernel(*args: Any, **kwargs: Any) -> Any:
        try:
            return start(*args, **kwargs)
        except RuntimeError:
            LOG.warning("The kernel did not answer; starting a new one (other ports).")
            return start(*args, **kwargs)

    start_new_kernel._voordeur_herstart = True  # type: ignore[attr-defined]
    return start_new_kernel


def pytest_configure(config: Any) -> None:
    try:
        from nbval import kernel
    except ImportError:  # pragma: no cover - nbval is in the dev environment
        return
    kernel.start_new_kernel = met_herstart(kernel.start_new_kernel)
