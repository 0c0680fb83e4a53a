"""The ipywidgets view: shows questions and forwards clicks to :mod:`voordeur.quiz.model`.

No quiz rules live here. Every text from a bank goes through :func:`voordeur.quiz.tekst.naar_html`
(escape first, then a small safe subset) or into a widget that shows plain text (labels, options).
Feedback is written into an ``HTML`` widget's ``value`` so headless tests can read it.

DOM hooks (contract section 3): ``vd-vraag``, ``vd-vraag-<id>``, ``vd-type-<type>``, ``vd-feedback``,
``vd-score``; buttons "Controleer", "Probeer opnieuw", "Hint", and in class mode "Toon antwoord".
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle, LabelStyle, TextStyle

from voordeur import oordeel
from voordeur.oordeel import GOED, LEEG, STORING
from voordeur.quiz import model
from voordeur.quiz.fouten import QuizFout
from voordeur.quiz.keuze import Keuzegroep
from voordeur.quiz.model import Resultaat
from voordeur.quiz.sessie import Sessie
from voordeur.quiz.tekst import inline_html, naar_html

STIJL = """<style>
.vd-quiz { color: #1a1a1a; background: #ffffff; max-width: 60em; }
.vd-quiz .vd-vraag { border: 1px solid #767676; border-radius: 4px; padding: 0.75em; margin: 0 0 1em 0;
  background: #ffffff; color: #1a1a1a; }
.vd-quiz .widget-label, .vd-quiz .widget-checkbox label {
  white-space: normal; color: #1a1a1a; height: auto; line-height: 1.4; }
.vd-quiz .vd-keuzegroep { border: 0; margin: 0.2em 0; padding: 0; min-width: 0; }
.vd-quiz .vd-keuzegroep-legenda { padding: 0; margin-bottom: 0.2em; color: #1a1a1a; }
.vd-quiz .vd-keuze { display: flex; align-items: flex-start; gap: 0.4em; margin: 0.15em 0;
  line-height: 1.4; color: #1a1a1a; cursor: pointer; }
.vd-quiz .vd-keuze input { flex: none; margin: 0.25em 0 0 0; }
.vd-quiz .vd-keuze input:disabled + span { color: #4d4d4d; }
""" + oordeel.STIJL + """
.vd-quiz .vd-bron { font-size: 90%; color: #333333; }
.vd-quiz .jupyter-button { height: auto; min-height: 2em; }
.vd-quiz .jupyter-button:focus, .vd-quiz input:focus { outline: 3px solid #1a4f8b; outline-offset: 2px; }
.vd-quiz .widget-box, .vd-quiz .widget-hbox, .vd-quiz .widget-vbox { overflow: visible; }
.vd-quiz .widget-hbox { padding: 3px 0; }
.vd-quiz .vd-volgorde-rij .widget-label { white-space: normal; }
.vd-klasmodus { font-size: 150%; }
.vd-klasmodus .vd-keuze input { width: 1.1em; height: 1.1em; }
.vd-klasmodus .widget-label, .vd-klasmodus .vd-keuze, .vd-klasmodus .vd-keuzegroep-legenda,
.vd-klasmodus .widget-checkbox label,
.vd-klasmodus .widget-html-content, .vd-klasmodus .jupyter-button, .vd-klasmodus input {
  font-size: 1.5rem; line-height: 1.5; }
</style>"""


# --- shared layouts and styles ---------------------------------------------------------------------------
# Every ipywidgets Layout and Style is a widget model of its own: a quiz of 10 questions made 477 models,
# 300 of them layouts and styles, and the browser has to create every one before the first question shows
# (Voila, issue 16.8). Widgets with the same layout or style now share one model; showing and hiding
# (_zichtbaar) assigns another shared layout instead of changing the one the widget has.

_LAYOUTS: dict[tuple[tuple[str, str], ...], w.Layout] = {}
_STIJLEN: dict[tuple[str, tuple[tuple[str, str], ...]], w.Widget] = {}


def _layout(**eigenschappen: str) -> w.Layout:
    """The shared Layout with these properties (empty values left out)."""
    sleutel = tuple(sorted((k, v) for k, v in eigenschappen.items() if v))
    if sleutel not in _LAYOUTS:
        layout = w.Layout(**dict(sleutel))
        layout._vd_eigenschappen = dict(sleutel)  # type: ignore[attr-defined]
        _LAYOUTS[sleutel] = layout
    return _LAYOUTS[sleutel]


def _stijl(soort: type[w.Widget], **eigenschappen: str) -> Any:
    """The shared style model of this kind (``HTMLStyle``, ``w.ButtonStyle``, ...) with these values."""
    sleutel = (soort.__name__, tuple(sorted(eigenschappen.items())))
    if sleutel not in _STIJLEN:
        _STIJLEN[sleutel] = soort(**eigenschappen)
    return _STIJLEN[sleutel]


def _html(waarde: str = "") -> w.HTML:
    return w.HTML(waarde, layout=_layout(), style=_stijl(HTMLStyle))


def _label(tekst: str = "", **layout: str) -> w.Label:
    return w.Label(tekst, layout=_layout(**layout), style=_stijl(LabelStyle))


def _hbox(kinderen: list[w.Widget]) -> w.HBox:
    return w.HBox(kinderen, layout=_layout())


def _vbox(kinderen: list[w.Widget]) -> w.VBox:
    return w.VBox(kinderen, layout=_layout())


def _zichtbaar(widget: w.Widget, aan: bool) -> None:
    eigen = getattr(widget.layout, "_vd_eigenschappen", None)
    if eigen is None:  # a layout of its own: change it
        widget.layout.display = "" if aan else "none"
        return
    widget.layout = _layout(**{**eigen, "display": "" if aan else "none"})


def _is_zichtbaar(widget: w.Widget) -> bool:
    return bool(widget.layout.display != "none")


def _knop(tekst: str, uitleg: str, klasse: str, **layout: str) -> w.Button:
    knop = w.Button(description=tekst, tooltip=uitleg, layout=_layout(width="auto", **layout),
                    style=_stijl(w.ButtonStyle))
    knop.add_class(klasse)
    return knop


def feedback_html(status: str, tekst: str, details: tuple[str, ...] | list[str] = (), extra: str = "") -> str:
    """Feedback block: symbol AND words first (never colour alone), then the escaped text."""
    return oordeel.html_blok(status, naar_html(tekst), punten_html=[inline_html(d) for d in details],
                             extra_html=extra)


class _EenVraag:
    """A stand-in bank for a question view made on its own (without a :class:`Quiz`)."""

    def __init__(self, vraag: Any) -> None:
        self.bank, self.versie, self.titel, self.vragen = "los", 1, "", [vraag]


def _info_html(tekst: str) -> str:
    return (f'<div class="vd-fb vd-fb-info" role="status" aria-live="polite" style="color:#1a1a1a">'
            f"{naar_html(tekst)}</div>")


class VraagWeergave:
    """Shared parts of one question: text, buttons, feedback. Subclasses add the answer widgets."""

    def __init__(self, vraag: Any, nummer: int, klasmodus: bool, schud: bool, seed: int,
                 bij_verandering: Callable[[], None] = lambda: None, sessie: Sessie | None = None) -> None:
        self.vraag = vraag
        #: The pure state this view observes and writes to (results, attempts, shown answers).
        self.sessie = sessie if sessie is not None else Sessie(_EenVraag(vraag), klasmodus=klasmodus)
        self.sessie.voeg_toe([vraag])
        self.nummer = nummer
        self.klasmodus = klasmodus
        self.schud = schud
        self.seed = seed
        self.bij_verandering = bij_verandering
        self.antwoord_getoond = False
        #: Where the keyboard focus goes when this question is done (set by :class:`Quiz`).
        self.naar_volgende: Callable[[], None] = lambda: None

        self.kop = _html(f"<h3>Vraag {nummer}</h3>")
        self.casus = _html(naar_html(vraag.casus))
        self.casus.add_class("vd-casus")
        _zichtbaar(self.casus, bool(vraag.casus))
        self.vraagtekst = _html(f"<strong>{naar_html(vraag.vraag)}</strong>" if vraag.vraag else "")
        self.vraagtekst.add_class("vd-vraagtekst")
        _zichtbaar(self.vraagtekst, bool(vraag.vraag))
        self.feedback = _html("")
        self.feedback.add_class("vd-feedback")
        self.hinttekst = _html("")
        self.hinttekst.add_class("vd-hint")
        self.bron = _html(f'<p class="vd-bron">Bron: {html.escape(vraag.bron)}</p>' if vraag.bron else "")
        _zichtbaar(self.bron, bool(vraag.bron))

        self.knop_controleer = _knop("Controleer", "Kijk of je antwoord goed is", "vd-controleer")
        self.knop_opnieuw = _knop("Probeer opnieuw", "Wis je antwoord en probeer het nog een keer",
                                  "vd-opnieuw")
        self.knop_hint = _knop("Hint", "Laat een tip zien", "vd-hint-knop")
        self.knop_toon = _knop("Toon antwoord", "Laat het goede antwoord en de uitleg zien (voor de docent)",
                               "vd-toon-antwoord")
        self.knop_controleer.on_click(lambda _: self.bij_controleer())
        self.knop_opnieuw.on_click(lambda _: self.opnieuw())
        self.knop_hint.on_click(lambda _: self.toon_hint())
        self.knop_toon.on_click(lambda _: self.toon_antwoord())
        _zichtbaar(self.knop_controleer, not klasmodus)
        _zichtbaar(self.knop_toon, klasmodus)
        _zichtbaar(self.knop_opnieuw, False)
        _zichtbaar(self.knop_hint, bool(vraag.hint))

        self.knoppen = _hbox([self.knop_controleer, self.knop_toon, self.knop_opnieuw, self.knop_hint])
        self.box = _vbox([self.kop, self.casus, self.vraagtekst, *self.invoer(), self.knoppen,
                           self.hinttekst, self.feedback, self.bron])
        for klasse in ("vd-vraag", f"vd-vraag-{vraag.id}", f"vd-type-{vraag.type}"):
            self.box.add_class(klasse)
        self._herstel()

    @property
    def resultaat(self) -> Resultaat | None:
        """The final result of this question, from the session (``None``: not answered yet)."""
        return self.sessie.resultaat(self.vraag.id)

    def _herstel(self) -> None:
        """A rerun cell: show what the session already knows about this question (answers are kept)."""
        r = self.resultaat
        if r is None:
            return
        n = self.sessie.pogingen(self.vraag.id)
        wanneer = "bij de eerste poging" if n == 1 else f"na {n} pogingen"
        self.feedback.value = feedback_html(r.status, f"Je hebt deze vraag al beantwoord ({wanneer}). "
                                            f"{r.feedback}", r.details)
        self.zet_actief(False)
        _zichtbaar(self.knop_controleer, False)
        _zichtbaar(self.knop_toon, False)
        _zichtbaar(self.knop_opnieuw, True)

    # --- to be filled in per type ---------------------------------------------------------------------
    def invoer(self) -> list[w.Widget]:
        raise NotImplementedError

    def antwoord(self) -> Any:
        raise NotImplementedError

    def zet_actief(self, aan: bool) -> None:
        raise NotImplementedError

    def wis(self) -> None:
        raise NotImplementedError

    def eerste_invoer(self) -> w.DOMWidget:
        """The widget a keyboard user starts this question with."""
        raise NotImplementedError

    def beoordeel(self) -> Resultaat:
        return model.beoordeel(self.vraag, self.antwoord())

    def heeft_antwoord(self) -> bool:
        """Whether the student (or class) gave an answer; class mode shows a verdict only then."""
        return True

    # --- shared behaviour -------------------------------------------------------------------------------
    def focus_start(self) -> None:
        """Put the keyboard focus where this question begins (or on 'Probeer opnieuw' when it is done)."""
        if _is_zichtbaar(self.knop_controleer) or _is_zichtbaar(self.knop_toon):
            self.eerste_invoer().focus()
        elif _is_zichtbaar(self.knop_opnieuw):
            self.knop_opnieuw.focus()
        else:
            self.naar_volgende()

    def bij_controleer(self) -> Resultaat:
        r = self.beoordeel()
        if not r.telt:
            self.feedback.value = feedback_html(r.status, r.feedback)
            return r
        self.sessie.registreer(self.vraag.id, r)
        uitleg = self.vraag.uitleg if (r.status == GOED and self.vraag.type != "volgorde") else None
        self.feedback.value = feedback_html(r.status, r.feedback, r.details,
                                            _info_html(uitleg) if uitleg else "")
        self.zet_actief(False)
        _zichtbaar(self.knop_controleer, False)
        _zichtbaar(self.knop_opnieuw, r.status != GOED)
        # "Controleer" is now hidden; without a new focus the browser drops it to the top of the page
        if r.status != GOED:
            self.knop_opnieuw.focus()
        else:
            self.naar_volgende()
        self.bij_verandering()
        return r

    def toon_antwoord(self) -> None:
        """Class mode: reveal the key, the selected answer's verdict and all option feedback."""
        self.antwoord_getoond = True
        r = self.beoordeel() if self.heeft_antwoord() else None
        delen = []
        if r is not None and r.telt:
            self.sessie.registreer(self.vraag.id, r)
            delen.append(feedback_html(r.status, r.feedback, r.details))
        delen.append(_info_html(model.goede_antwoord(self.vraag)))
        alles = model.alle_feedback(self.vraag)
        if alles:
            delen.append(_info_html("Uitleg bij elke optie:\n" + "\n".join(f"- {x}" for x in alles)))
        if self.vraag.uitleg:
            delen.append(_info_html(self.vraag.uitleg))
        self.feedback.value = "".join(delen)
        self.sessie.getoond(self.vraag.id)
        self.zet_actief(False)
        _zichtbaar(self.knop_toon, False)
        _zichtbaar(self.knop_opnieuw, True)
        self.knop_opnieuw.focus()
        self.bij_verandering()

    def opnieuw(self) -> None:
        self.wis()
        self.zet_actief(True)
        self.feedback.value = ""
        self.antwoord_getoond = False
        _zichtbaar(self.knop_opnieuw, False)
        _zichtbaar(self.knop_controleer, not self.klasmodus)
        _zichtbaar(self.knop_toon, self.klasmodus)
        self.eerste_invoer().focus()  # "Probeer opnieuw" is gone: start again at the first input

    def toon_hint(self) -> None:
        if self.vraag.hint:
            self.hinttekst.value = _info_html(f"**Hint:** {self.vraag.hint}")


class EnkelWeergave(VraagWeergave):
    def invoer(self) -> list[w.Widget]:
        n = len(self.vraag.opties)
        self.volgorde = model.schudvolgorde(n, self.seed, self.vraag.id) if self.schud else list(range(n))
        self.keuze = Keuzegroep(options=[(self.vraag.opties[i].tekst, i) for i in self.volgorde],
                                description="Jouw antwoord:", layout=_layout(width="auto"))
        return [self.keuze]

    def eerste_invoer(self) -> w.DOMWidget:
        return self.keuze

    def antwoord(self) -> int | None:
        return self.keuze.value

    def zet_actief(self, aan: bool) -> None:
        self.keuze.disabled = not aan

    def wis(self) -> None:
        self.keuze.value = None


class MeerWeergave(VraagWeergave):
    def invoer(self) -> list[w.Widget]:
        n = len(self.vraag.opties)
        self.volgorde = model.schudvolgorde(n, self.seed, self.vraag.id) if self.schud else list(range(n))
        self.vakjes = {i: w.Checkbox(value=False, description=self.vraag.opties[i].tekst, indent=False,
                                     layout=_layout(width="auto"), style=_stijl(CheckboxStyle))
                       for i in self.volgorde}
        uitleg = _label("Kies alle antwoorden die goed zijn (één of meer):")
        return [uitleg, _vbox([self.vakjes[i] for i in self.volgorde])]

    def eerste_invoer(self) -> w.DOMWidget:
        return self.vakjes[self.volgorde[0]]

    def antwoord(self) -> list[int]:
        return [i for i, v in self.vakjes.items() if v.value]

    def zet_actief(self, aan: bool) -> None:
        for v in self.vakjes.values():
            v.disabled = not aan

    def wis(self) -> None:
        for v in self.vakjes.values():
            v.value = False


class VolgordeWeergave(VraagWeergave):
    """Ordering with the keyboard: every row has ↑ and ↓ buttons with a descriptive tooltip."""

    def invoer(self) -> list[w.Widget]:
        items = list(self.vraag.items)
        self.begin = [items[i] for i in model.schudvolgorde(len(items), self.seed, self.vraag.id,
                                                              niet_gelijk=True)]
        self.volgorde = list(self.begin)
        self.rijen: list[tuple[w.Label, w.Button, w.Button]] = []
        rijen = []
        for pos in range(len(items)):
            label = _label("", width="auto", flex="1 1 auto")
            # a long item wraps; the buttons keep their full text ("↑ Ho…", 16.7)
            op = _knop("↑ Hoger", "", "vd-omhoog", flex="0 0 auto", min_width="max-content")
            neer = _knop("↓ Lager", "", "vd-omlaag", flex="0 0 auto", min_width="max-content")
            op.on_click(lambda _, p=pos: self.omhoog(p))
            neer.on_click(lambda _, p=pos: self.omlaag(p))
            self.rijen.append((label, op, neer))
            rij = _hbox([op, neer, label])
            rij.add_class("vd-volgorde-rij")
            rijen.append(rij)
        self._teken()
        uitleg = _label("Zet de items in de goede volgorde met de knoppen ↑ Hoger en ↓ Lager:")
        return [uitleg, _vbox(rijen)]

    def _teken(self) -> None:
        n = len(self.volgorde)
        for pos, (label, op, neer) in enumerate(self.rijen):
            item = self.volgorde[pos]
            label.value = f"{pos + 1}. {item}"
            op.tooltip = f"Zet '{item}' één plek hoger (nu plek {pos + 1})"
            neer.tooltip = f"Zet '{item}' één plek lager (nu plek {pos + 1})"
            op.disabled = self._vast or pos == 0
            neer.disabled = self._vast or pos == n - 1

    _vast = False

    def omhoog(self, pos: int) -> None:
        if pos > 0 and not self._vast:
            self.volgorde[pos - 1], self.volgorde[pos] = self.volgorde[pos], self.volgorde[pos - 1]
            self._teken()

    def omlaag(self, pos: int) -> None:
        if pos < len(self.volgorde) - 1 and not self._vast:
            self.volgorde[pos + 1], self.volgorde[pos] = self.volgorde[pos], self.volgorde[pos + 1]
            self._teken()

    def eerste_invoer(self) -> w.DOMWidget:
        _label, op, neer = self.rijen[0]
        return neer if op.disabled else op

    def antwoord(self) -> list[str]:
        return list(self.volgorde)

    def heeft_antwoord(self) -> bool:
        return self.volgorde != self.begin

    def zet_actief(self, aan: bool) -> None:
        self._vast = not aan
        self._teken()

    def wis(self) -> None:
        self.volgorde = list(self.begin)
        self._teken()


class GetalWeergave(VraagWeergave):
    def invoer(self) -> list[w.Widget]:
        # continuous_update=False: the value is sent once, when the field loses focus (Tab, a click on
        # "Controleer") or on Enter. Sent per keystroke, ipywidgets holds back later keystrokes until the
        # kernel handled the first, so "Controleer" could reach the kernel before them ("2", not "26").
        self.invoerveld = w.Text(value="", description="Jouw antwoord:", placeholder="bijvoorbeeld 8,3",
                                 continuous_update=False,
                                 style=_stijl(TextStyle, description_width="initial"),
                                 layout=_layout(width="20em"))
        self.eenheid = _label(self.vraag.eenheid)
        return [_hbox([self.invoerveld, self.eenheid])]

    def eerste_invoer(self) -> w.DOMWidget:
        return self.invoerveld

    def antwoord(self) -> str:
        return self.invoerveld.value

    def zet_actief(self, aan: bool) -> None:
        self.invoerveld.disabled = not aan

    def wis(self) -> None:
        self.invoerveld.value = ""


class ScenarioWeergave(VraagWeergave):
    """A branching case: choose, see feedback, go on ("Verder") until an outcome."""

    def invoer(self) -> list[w.Widget]:
        self.stand = model.ScenarioStand(self.vraag)
        self.laatste_stap: model.ScenarioStap | None = None
        self.pad = _html("")
        self.pad.add_class("vd-pad")
        self.punttekst = _html("")
        self.punttekst.add_class("vd-punt")
        self.keuze = Keuzegroep(description="Wat doe je?", layout=_layout(width="auto"))
        self.knop_verder = _knop("Verder", "Ga verder met het verhaal", "vd-verder")
        self.knop_verder.on_click(lambda _: self.verder())
        _zichtbaar(self.knop_verder, False)
        self._toon_punt()
        return [self.pad, self.punttekst, self.keuze, self.knop_verder]

    def _toon_punt(self) -> None:
        punt = self.stand.punt
        n = len(punt.opties)
        volgorde = (model.schudvolgorde(n, self.seed, f"{self.vraag.id}:{punt.id}") if self.schud
                    else list(range(n)))
        self.punttekst.value = naar_html(punt.tekst)
        self.keuze.options = [(punt.opties[i].tekst, i) for i in volgorde]
        self.keuze.value = None
        self.keuze.disabled = False
        _zichtbaar(self.keuze, True)
        _zichtbaar(self.knop_verder, False)

    def _teken_pad(self) -> None:
        if not self.stand.stappen:
            self.pad.value = ""
            return
        regels = [f"- {model.kop(s.status)}: {self.stand.punt_optie(s).tekst}" for s in self.stand.stappen]
        self.pad.value = naar_html("Jouw keuzes tot nu toe:\n" + "\n".join(regels))

    def eerste_invoer(self) -> w.DOMWidget:
        return self.keuze if _is_zichtbaar(self.keuze) else self.knop_verder

    def antwoord(self) -> int | None:
        return self.keuze.value

    def zet_actief(self, aan: bool) -> None:
        self.keuze.disabled = not aan

    def wis(self) -> None:
        self.stand.opnieuw()
        self.laatste_stap = None
        self.pad.value = ""
        self._toon_punt()

    def bij_controleer(self) -> Resultaat:
        if self.keuze.value is None:
            r = Resultaat(LEEG, 0.0, "Kies eerst wat je doet.")
            self.feedback.value = feedback_html(LEEG, r.feedback)
            return r
        stap = self.stand.kies(self.keuze.value)
        self.laatste_stap = stap
        self.feedback.value = feedback_html(stap.status, stap.feedback)
        self.keuze.disabled = True
        _zichtbaar(self.knop_controleer, False)
        _zichtbaar(self.knop_verder, True)
        self.knop_verder.focus()
        return Resultaat(stap.status, 1.0 if stap.goed else 0.0, stap.feedback)

    def toon_antwoord(self) -> None:
        """Class mode: show the best choice and the feedback of every choice at this point."""
        punt = self.stand.punt
        if punt is None:
            return
        delen = []
        if self.keuze.value is not None:
            optie = punt.opties[self.keuze.value]
            delen.append(feedback_html(GOED if optie.goed else "fout", optie.feedback))
        delen.append(_info_html(model.goede_antwoord(self.vraag, punt.id)))
        delen.append(_info_html("Uitleg bij elke keuze:\n" + "\n".join(
            f"- {x}" for x in model.alle_feedback(self.vraag, punt.id))))
        self.feedback.value = "".join(delen)
        self.antwoord_getoond = True
        _zichtbaar(self.knop_toon, False)
        _zichtbaar(self.knop_verder, True)
        _zichtbaar(self.knop_opnieuw, True)
        self.knop_verder.focus()

    def verder(self) -> None:
        if self.klasmodus:
            # class mode: "Verder" commits the choice the class made after "Toon antwoord"
            if self.keuze.value is None:
                self.feedback.value = feedback_html(LEEG, "Kies eerst wat de klas doet.")
                return
            self.laatste_stap = self.stand.kies(self.keuze.value)
        self._teken_pad()
        if self.stand.klaar:
            r = self.stand.resultaat()
            self.sessie.registreer(self.vraag.id, r)
            _zichtbaar(self.punttekst, False)
            _zichtbaar(self.keuze, False)
            _zichtbaar(self.knop_verder, False)
            _zichtbaar(self.knop_controleer, False)
            _zichtbaar(self.knop_toon, False)
            _zichtbaar(self.knop_opnieuw, True)
            self.feedback.value = feedback_html(r.status, f"**Uitkomst: {r.feedback}**", r.details)
            self.knop_opnieuw.focus()
            self.bij_verandering()
            return
        self.laatste_stap = None
        self.feedback.value = ""
        self._toon_punt()
        _zichtbaar(self.knop_controleer, not self.klasmodus)
        _zichtbaar(self.knop_toon, self.klasmodus)
        self.keuze.focus()

    def opnieuw(self) -> None:
        super().opnieuw()
        _zichtbaar(self.punttekst, True)


def _kijk_zwak(sessie: Sessie, quiz: Quiz) -> None:
    """Redraw *quiz*'s score on every change of *sessie*, without keeping an old (rerun) quiz alive."""
    import weakref

    ref = weakref.ref(quiz)

    def kijker(_: Sessie) -> None:
        q = ref()
        if q is None:
            sessie.vergeet_kijker(kijker)
        else:
            q._werk_score_bij()

    sessie.kijk(kijker)


WEERGAVEN: dict[str, type[VraagWeergave]] = {
    "enkel": EnkelWeergave, "meer": MeerWeergave, "volgorde": VolgordeWeergave, "getal": GetalWeergave,
    "scenario": ScenarioWeergave,
}


class Quiz:
    """A set of questions as one widget, with a score summary and a save button.

    Displays as the widget (``application/vnd.jupyter.widget-view+json``) with a stable ``text/plain``
    prompt and a ``text/html`` preview of the questions (:mod:`voordeur.quiz.voorbeeld`), without model
    ids, so nbval can compare them and slides show the questions.
    """

    def __init__(self, bank: Any, ids: list[str] | None = None, klasmodus: bool = False, schud: bool = True,
                 seed: int = 0, map: str | Path | None = None, sessie: Sessie | None = None) -> None:
        from voordeur.quiz.bank import laad_bank

        self.bank = laad_bank(bank) if isinstance(bank, str | Path) else bank
        self.klasmodus = klasmodus
        self.map = Path(map) if map is not None else None
        if ids is None:
            vragen = list(self.bank.vragen)
        else:
            bekend = {v.id: v for v in self.bank.vragen}
            onbekend = [i for i in ids if i not in bekend]
            if onbekend:
                raise QuizFout(f"Vragenbank '{self.bank.bank}': deze vraag-id's bestaan niet: "
                               f"{', '.join(onbekend)}. Bestaande id's: {', '.join(bekend)}.")
            vragen = [bekend[i] for i in ids]
        self.vragen = vragen
        #: The pure quiz state (shared by all quiz cells of a lesson when made by ``quiz.toon``).
        self.sessie = sessie if sessie is not None else Sessie(self.bank, klasmodus=klasmodus)
        self.sessie.voeg_toe(vragen)
        self.weergaven = [WEERGAVEN[v.type](v, n, klasmodus, schud, seed, lambda: None, self.sessie)
                          for n, v in enumerate(vragen, 1)]
        self.score = _html("")
        self.score.add_class("vd-score")
        self.knop_bewaar = _knop("Bewaar mijn antwoorden", "Bewaar je antwoorden van deze les in één bestand "
                                 "en download het", "vd-bewaar")
        self.knop_bewaar.on_click(lambda _: self._bewaar_klik())
        self.naam = w.Text(value=self.sessie.naam or "", description="Je naam of schuilnaam (mag leeg):",
                           style=_stijl(TextStyle, description_width="initial"),
                           layout=_layout(width="28em"))
        self.naam.add_class("vd-naam")
        self.naam.observe(self._naam_veranderd, names="value")
        _zichtbaar(self.naam, not klasmodus)
        self.bewaar_melding = _html("")
        self.bewaar_melding.add_class("vd-bewaar-melding")
        _zichtbaar(self.knop_bewaar, not klasmodus)
        self.knop_bewijs = _knop("Maak mijn bewijs", "Maak een bewijs van deelname aan deze les (HTML en "
                                 "PDF), met je naam", "vd-maak-bewijs")
        self.knop_bewijs.on_click(lambda _: self._bewijs_klik())
        _zichtbaar(self.knop_bewijs, not klasmodus)
        self.bewijs_melding = _html("")
        self.bewijs_melding.add_class("vd-bewijs-melding")
        titel = _html(f"<h2>{html.escape(self.bank.titel)}</h2>"
                       + ("<p><strong>Klasmodus:</strong> de uitleg verschijnt pas na 'Toon antwoord'.</p>"
                          if klasmodus else ""))
        self.widget = w.VBox([_html(STIJL), titel, *(x.box for x in self.weergaven), self.score,
                              _hbox([self.naam, self.knop_bewaar, self.knop_bewijs]), self.bewaar_melding,
                              self.bewijs_melding])
        self.widget.add_class("vd-quiz")
        if klasmodus:
            self.widget.add_class("vd-klasmodus")
        for huidig, volgende in zip(self.weergaven, [*self.weergaven[1:], None], strict=True):
            huidig.naar_volgende = volgende.focus_start if volgende is not None else self._focus_einde
        _kijk_zwak(self.sessie, self)
        self._werk_score_bij()

    def _focus_einde(self) -> None:
        """After the last question: the save button (class mode has none, so back to that question)."""
        if _is_zichtbaar(self.knop_bewaar):
            self.knop_bewaar.focus()
        elif self.weergaven and _is_zichtbaar(self.weergaven[-1].knop_opnieuw):
            self.weergaven[-1].knop_opnieuw.focus()

    # --- results -----------------------------------------------------------------------------------------
    def resultaten(self) -> list[Resultaat | None]:
        """The final results of the session's questions (all quiz cells of the lesson), in bank order."""
        return [self.sessie.resultaat(v.id) for v in self.sessie.vragen]

    def samenvatting(self) -> model.Samenvatting:
        return self.sessie.samenvatting()

    def _werk_score_bij(self) -> None:
        tekst = self.sessie.score_tekst()
        self.score.value = f'<p role="status" aria-live="polite"><strong>{html.escape(tekst)}</strong></p>'

    def bewaar(self, pad: str | Path | None = None) -> Path:
        from voordeur.quiz.opslaan import bewaar

        return bewaar(self, pad)

    def _naam_veranderd(self, verandering: dict[str, Any]) -> None:
        from voordeur.quiz.bestand import schone_naam

        self.sessie.naam = schone_naam(verandering["new"])

    def _bewaar_klik(self) -> None:
        from voordeur.quiz.opslaan import bewaar_sessie_met_melding, download_link

        pad, melding = bewaar_sessie_met_melding(self.sessie, self.map)
        if pad is None:
            self.bewaar_melding.value = feedback_html(STORING, melding)
            return
        self.bewaar_melding.value = feedback_html(GOED, melding, extra=download_link(pad))

    def _bewijs_klik(self) -> None:
        """The completion page of this lesson, from the session: a file beside the notebook and downloads."""
        from voordeur.bewijs import bewijs_van_sessie
        from voordeur.quiz.opslaan import download_html

        self.bewijs_melding.value = '<p role="status">Je bewijs wordt gemaakt. Een ogenblik geduld ...</p>'
        b = bewijs_van_sessie(self.sessie, self.sessie.naam, self.map)
        links = download_html(f"{b.stam}.html", b.html.encode("utf-8"), "text/html",
                              f"Download je bewijs als webpagina ({b.stam}.html)")
        if b.pdf is not None:
            links += download_html(f"{b.stam}.pdf", b.pdf, "application/pdf",
                                   f"Download je bewijs als PDF ({b.stam}.pdf)")
        else:
            links += ("<p>Een PDF maak je zo: open de webpagina en kies <em>Afdrukken</em> en dan "
                      "<em>Opslaan als PDF</em>.</p>")
        self.bewijs_melding.value = feedback_html(GOED, b.melding, extra=links)

    # --- display -------------------------------------------------------------------------------------------
    def __repr__(self) -> str:
        """The stored text before the cell runs: a Dutch prompt, the title and the count (no ids)."""
        from voordeur.quiz import voorbeeld

        return voorbeeld.tekst(self.bank.titel, self.vragen, self.klasmodus)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = repr(self)
        from voordeur.quiz import voorbeeld

        # slides and a notebook view without a kernel (no widget state is stored) show the full questions
        bundel["text/html"] = voorbeeld.html_blok(self.bank.titel, self.vragen, self.klasmodus)
        return bundel
