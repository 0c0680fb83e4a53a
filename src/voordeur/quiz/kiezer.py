"""The quiz app's chooser (the Voilà page ``notebooks/quizzen.ipynb``): a list of quizzen, a class-mode
switch, and the chosen quiz below them.

The list comes from :func:`voordeur.quiz.bank.keuzelijst` (no bank is read until it is chosen). A bank
that cannot be read shows its Dutch message in place of the quiz; the list stays usable.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from voordeur.quiz.fouten import QuizFout


def quiz_of_melding(maak: Any) -> tuple[Any, Any]:
    """``(quiz, widget)`` from ``maak()``; for a :class:`QuizFout` ``(None, a notice with its text)``."""
    from voordeur.weergave import Melding

    try:
        gemaakt = maak()
    except QuizFout as fout:
        melding = Melding(str(fout))._repr_mimebundle_()["text/html"]
        return None, w.HTML(melding)
    return gemaakt, gemaakt.widget


class QuizKiezer:
    """A list to pick a quiz, a class-mode switch and the chosen quiz (made by :func:`voordeur.quiz.toon`)."""

    def __init__(self) -> None:
        from voordeur import quiz
        from voordeur.quiz.bank import keuzelijst

        self.keuzes = keuzelijst()
        self.kies = w.Dropdown(options=self.keuzes, description="Kies een quiz:",
                               style={"description_width": "initial"}, layout=w.Layout(width="max-content"))
        self.kies.add_class("vd-quizkiezer")
        # width auto: the label is never cut off (issue 16.7)
        self.klas = w.Checkbox(value=quiz.klasmodus(), indent=False,
                               description="Klasmodus (antwoord pas na 'Toon antwoord')",
                               layout=w.Layout(width="auto"))
        self.quiz, getoond = self._maak()
        self.widget = w.VBox([w.HBox([self.kies, self.klas]), getoond])
        self.kies.observe(self.wissel, names="value")
        self.klas.observe(self.wissel, names="value")

    def _maak(self) -> tuple[Any, Any]:
        from voordeur import quiz

        return quiz_of_melding(lambda: quiz.toon(self.kies.value, klasmodus=self.klas.value))

    def wissel(self, _: Any = None) -> None:
        self.quiz, getoond = self._maak()
        self.widget.children = (self.widget.children[0], getoond)

    def __repr__(self) -> str:
        lijst = "\n".join(f"- {label}" for label, _ in self.keuzes)
        nu = repr(self.quiz).splitlines()[-1] if self.quiz is not None else "een vragenbank met fouten"
        return f"Voer deze cel uit om een quiz te kiezen. {len(self.keuzes)} quizzen:\n{lijst}\nNu: {nu}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = repr(self)  # what shows before the cell runs ("Nu: Quiz: <titel>, N vragen.")
        return bundel
