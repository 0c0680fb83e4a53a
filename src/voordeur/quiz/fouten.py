"""The quiz error, importable without pydantic or ipywidgets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from voordeur.fouten import VoordeurFout

if TYPE_CHECKING:
    from voordeur.quiz.bank import Probleem


class QuizFout(VoordeurFout):
    """A problem with a question bank or a saved-answers file; the message names the file."""

    def __init__(self, melding: str, problemen: Iterable[Probleem] = ()) -> None:
        super().__init__(melding)
        self.problemen: list[Probleem] = list(problemen)

    @classmethod
    def uit_problemen(cls, problemen: Iterable[Probleem]) -> QuizFout:
        lijst = list(problemen)
        if len(lijst) == 1:
            return cls(f"Er is een probleem met de vragenbank: {lijst[0]}", lijst)
        regels = "\n".join(f"- {p}" for p in lijst)
        return cls(f"Er zijn {len(lijst)} problemen met de vragenbank:\n{regels}", lijst)
