"""Errors meant for people: teachers and students see the message, never a raw traceback.

Every error the package raises on purpose derives from :class:`VoordeurFout`. In a notebook,
:func:`voordeur.les.start` installs a handler that prints only the message of such an error.
"""

from __future__ import annotations


class VoordeurFout(Exception):
    """Base class: the message names the file, the row/line and the field where that is known."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding

    def __str__(self) -> str:
        return self.melding
