"""Beamer mode: one question per screen, for the class on a 1024×768 projector (issue 16.1).

A view on the same pieces as the quiz in a lesson (:class:`~voordeur.quiz.widgets.VraagWeergave` and a
:class:`~voordeur.quiz.sessie.Sessie`): no code, no ids, one small title instead of a heading per quiz.
Class mode is on by default and switched with a visible checkbox; "Toon antwoord" reveals the answer
and the feedback of every option. Navigation: the buttons "Vorige" and "Volgende", or the keys
PageDown / PageUp (what a presenter's clicker sends) and Alt+→ / Alt+← anywhere on the page.

The navigation logic (:class:`Bladeren`) is pure and unit-tested; the widgets only show it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import anywidget
import ipywidgets as w
import traitlets as t

from voordeur.quiz.sessie import Sessie, voor_bank
from voordeur.quiz.widgets import STIJL, WEERGAVEN, VraagWeergave, _knop, _zichtbaar

BEAMER_STIJL = """<style>
.vd-beamer { max-width: 60rem; margin: 0 auto; font-size: 1.25rem; }
.vd-beamer .vd-beamer-balk { display: flex; align-items: center; gap: .6rem; flex-wrap: wrap;
  border-bottom: 2px solid #1a1a1a; padding-bottom: .3rem; margin-bottom: .4rem; }
.vd-beamer .vd-beamer-titel { font-weight: bold; }
.vd-beamer .vd-vraag { border: 0; padding: .2rem .3rem; margin: 0; }
.vd-beamer .widget-label, .vd-beamer .vd-keuze, .vd-beamer .vd-keuzegroep-legenda,
.vd-beamer .widget-checkbox label, .vd-beamer .widget-html-content, .vd-beamer .jupyter-button,
.vd-beamer input { font-size: 1.25rem; line-height: 1.35; }
.vd-beamer .vd-casus p, .vd-beamer .vd-casus ul { margin: .2rem 0 .35rem; }
.vd-beamer .widget-vbox, .vd-beamer .widget-box { max-width: 100%; min-width: 0; }
.vd-beamer .widget-checkbox { width: auto; max-width: 100%; height: auto; }
.vd-beamer .widget-checkbox label { white-space: normal; height: auto; }
.vd-beamer .vd-beamer-klasmodus label { white-space: nowrap; }
.vd-beamer .jupyter-button { min-height: 2.2rem; }
</style>"""

TOETSEN_ESM = r"""
function render({ model, el }) {
  const kijk = (e) => {
    let richting = 0;
    if (e.key === "PageDown" || (e.altKey && e.key === "ArrowRight")) richting = 1;
    if (e.key === "PageUp" || (e.altKey && e.key === "ArrowLeft")) richting = -1;
    if (!richting) return;
    e.preventDefault();
    e.stopPropagation();
    model.send({ blader: richting });
  };
  document.addEventListener("keydown", kijk, true);
  el.hidden = true;
  return () => document.removeEventListener("keydown", kijk, true);
}
export default { render };
"""


class Toetsen(anywidget.AnyWidget):  # type: ignore[misc]
    """Listens for PageDown/PageUp and Alt+→/Alt+← on the page and reports ``+1``/``-1``."""

    _esm = TOETSEN_ESM
    stap = t.Int(0).tag(sync=False)


@dataclass
class Bladeren:
    """Which question is on the screen (pure: no widgets)."""

    aantal: int
    plek: int = 0

    def naar(self, plek: int) -> int:
        self.plek = max(0, min(self.aantal - 1, plek))
        return self.plek

    def volgende(self) -> int:
        return self.naar(self.plek + 1)

    def vorige(self) -> int:
        return self.naar(self.plek - 1)

    @property
    def eerste(self) -> bool:
        return self.plek == 0

    @property
    def laatste(self) -> bool:
        return self.plek == self.aantal - 1

    def tekst(self) -> str:
        return f"Vraag {self.plek + 1} van {self.aantal}"


class Weergaven:
    """The question views of a beamer, each made when it is first shown (one screen shows one question:
    the browser then gets the widgets of that question only, not of all eleven; Voila starts faster)."""

    def __init__(self, maak: Callable[[int], VraagWeergave], aantal: int) -> None:
        self._maak = maak
        self._aantal = aantal
        self._gemaakt: dict[int, VraagWeergave] = {}

    def __len__(self) -> int:
        return self._aantal

    def __getitem__(self, i: int) -> VraagWeergave:
        if i < 0:
            i += self._aantal
        if not 0 <= i < self._aantal:
            raise IndexError(i)
        if i not in self._gemaakt:
            self._gemaakt[i] = self._maak(i)
        return self._gemaakt[i]

    def __iter__(self) -> Iterator[VraagWeergave]:
        return (self[i] for i in range(self._aantal))

    @property
    def gemaakt(self) -> int:
        """How many views exist so far."""
        return len(self._gemaakt)


class Beamer:
    """The beamer view of one bank."""

    def __init__(self, bank: Any, *, klasmodus: bool = True, seed: int | None = None) -> None:
        from voordeur.quiz.bank import laad_bank

        self.bank = laad_bank(bank) if isinstance(bank, str) else bank
        self.seed = seed
        self.bladeren = Bladeren(len(self.bank.vragen))
        self.teller = w.HTML("")
        self.teller.add_class("vd-beamer-teller")
        self.knop_vorige = _knop("← Vorige", "Vorige vraag (PageUp of Alt+←)", "vd-vorige")
        self.knop_volgende = _knop("Volgende →", "Volgende vraag (PageDown of Alt+→)", "vd-volgende")
        self.klas = w.Checkbox(
            value=klasmodus, indent=False, description="Klasmodus", layout=w.Layout(width="auto")
        )
        self.klas.add_class("vd-beamer-klasmodus")
        self.toetsen = Toetsen()
        self.toetsen.on_msg(self._toets)
        self.knop_vorige.on_click(lambda _: self.ga(self.bladeren.vorige()))
        self.knop_volgende.on_click(lambda _: self.ga(self.bladeren.volgende()))
        self.klas.observe(lambda _: self._nieuwe_modus(), names="value")
        titel = w.HTML(f'<span class="vd-beamer-titel">{html.escape(self.bank.titel)}</span>')
        self.balk = w.HBox([titel, self.teller, self.knop_vorige, self.knop_volgende, self.klas])
        self.balk.add_class("vd-beamer-balk")
        self.plek = w.Box([])
        self.widget = w.VBox([w.HTML(STIJL + BEAMER_STIJL), self.balk, self.plek, self.toetsen])
        for klasse in ("vd-quiz", "vd-beamer"):
            self.widget.add_class(klasse)
        self._nieuwe_modus()

    @property
    def sessie(self) -> Sessie:
        return voor_bank(self.bank, klasmodus=self.klas.value)

    def _nieuwe_modus(self) -> None:
        """(Re)build the question views for the current mode; the screen stays on the same question."""
        sessie = self.sessie
        sessie.voeg_toe(self.bank.vragen)
        seed = sessie.seed if self.seed is None else self.seed
        klas = self.klas.value

        def maak(i: int) -> VraagWeergave:
            v = self.bank.vragen[i]
            weergave = WEERGAVEN[v.type](v, i + 1, klas, True, seed, lambda: None, sessie)
            weergave.naar_volgende = self.knop_volgende.focus
            _zichtbaar(weergave.kop, False)  # the bar says "Vraag 3 van 11": no heading per question
            return weergave

        self.weergaven = Weergaven(maak, len(self.bank.vragen))
        if self.klas.value:
            self.widget.add_class("vd-klasmodus")
        else:
            self.widget.remove_class("vd-klasmodus")
        self.ga(self.bladeren.plek)

    def _toets(self, _widget: Any, inhoud: Any, _buffers: Any) -> None:
        if isinstance(inhoud, dict) and inhoud.get("blader") in (1, -1):
            self.ga(self.bladeren.naar(self.bladeren.plek + inhoud["blader"]))

    def ga(self, plek: int) -> None:
        self.bladeren.naar(plek)
        self.plek.children = (self.weergaven[self.bladeren.plek].box,)
        self.teller.value = f'<span role="status" aria-live="polite">{self.bladeren.tekst()}</span>'
        self.knop_vorige.disabled = self.bladeren.eerste
        self.knop_volgende.disabled = self.bladeren.laatste
        _zichtbaar(self.knop_vorige, True)

    @property
    def huidige(self) -> VraagWeergave:
        return self.weergaven[self.bladeren.plek]

    def __repr__(self) -> str:
        return f"Beamer: {self.bank.titel}, {len(self.bank.vragen)} vragen, één vraag per scherm" + (
            ", klasmodus" if self.klas.value else ""
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = repr(self)
        return bundel


class BeamerKiezer:
    """A lesson list above the beamer view (the Voilà page ``notebooks/beamer.ipynb``)."""

    def __init__(self) -> None:
        from voordeur.quiz.bank import keuzelijst

        self.keuzes = keuzelijst()  # without the authoring demo bank; no bank is read until it is chosen
        self.kies = w.Dropdown(options=self.keuzes, description="Les:", layout=w.Layout(width="max-content"))
        self.kies.add_class("vd-beamer-kiezer")
        self.beamer, getoond = self._maak()
        self.widget = w.VBox([self.kies, getoond])
        self.kies.observe(self._wissel, names="value")

    def _maak(self) -> tuple[Beamer | None, Any]:
        from voordeur.quiz.kiezer import quiz_of_melding

        return quiz_of_melding(lambda: Beamer(self.kies.value))

    def _wissel(self, _: Any = None) -> None:
        self.beamer, getoond = self._maak()
        self.widget.children = (self.kies, getoond)

    def __repr__(self) -> str:
        nu = repr(self.beamer) if self.beamer is not None else "een vragenbank met fouten"
        return f"Beamer: {len(self.keuzes)} lessen. Nu: {nu}"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = repr(self)
        return bundel
