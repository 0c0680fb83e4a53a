"""The form of an exercise without code: ``oefen("7.1")`` (issue 17).

The judging lives in :mod:`voordeur.oefenvormen`; this module only shows a task and forwards the
answer. It reuses the quiz's accessible pieces (:mod:`voordeur.quiz.widgets`): the question frame with
"Controleer" and "Probeer opnieuw", the feedback block of :mod:`voordeur.oordeel` (symbol and words,
never colour alone), the radio group :class:`voordeur.quiz.keuze.Keuzegroep` (one Tab stop per item,
arrow keys choose) and the quiz's order rows (↑ Hoger / ↓ Lager, shuffled per kernel, never starting on
the right place).

- ``indelen``: one radio group per item (the item's text is its legend, the categories its options);
- ``kiezen``: one radio group per sub-question;
- ``meer-kiezen``: one checkbox per option;
- ``volgorde``: the quiz's order rows;
- ``formulier``: one labelled text area per field.

After "Controleer" the feedback lists every item ("✔ Goed · 1. ...: ..."); the inputs keep their
answers, and the focus goes to "Probeer opnieuw" (which opens the form again with the answers kept).
An empty or unreadable answer leaves the form open. DOM hooks as for a quiz question: ``vd-vraag``,
``vd-vraag-oefening-7-1``, ``vd-type-<kind>``, ``vd-feedback``; the whole form also has ``vd-oefening``.

Displayed, the form's ``text/plain`` is :func:`voordeur.oefenvormen.als_tekst`: the task, its items and
options, and how to answer with code (what nbval, slides and a printout see). :func:`oefen` never raises.
"""

from __future__ import annotations

import functools
import secrets
from types import SimpleNamespace
from typing import Any

from voordeur import oefenvormen
from voordeur.oordeel import GOED, STORING

SEED = secrets.randbelow(1_000_000)
"""The shuffle of this kernel: every student another order of a ``volgorde`` task, a rerun the same."""


def oefen(opdracht: Any) -> Any:
    """The form of task *opdracht*, or a :class:`voordeur.checks.Feedback` saying why there is none."""
    from voordeur import checks

    try:
        if not isinstance(opdracht, str):
            fb = checks._niet_tekst(opdracht)
            fb.tekst = fb.tekst.replace("controleer(", "oefen(").replace(", antwoord)", ")")
            return fb
        code = checks._code(opdracht)
        spec = checks._SPECS.get(code)
        if spec is None:
            if code in checks._OPDRACHTEN:
                return checks.Feedback(
                    code,
                    STORING,
                    f"Opdracht {code} maak je met code, niet met een "
                    f'formulier: schrijf je antwoord en gebruik `controleer("{code}", '
                    "antwoord)`.",
                )
            return checks.controleer(opdracht, None)
        try:
            return Oefening(code, spec)
        except ImportError:
            return checks.Feedback(
                code,
                STORING,
                "Het formulier kan hier niet getoond worden (ipywidgets "
                "ontbreekt). Antwoord met code:\n" + oefenvormen.als_tekst(code, spec),
            )
    except Exception as fout:  # never a traceback for a student
        return checks.Feedback(
            str(opdracht)[:20] if isinstance(opdracht, str) else "?",
            STORING,
            f"Het formulier lukte niet ({type(fout).__name__}: {fout}). Dit ligt niet aan "
            "jou: laat het je docent weten.",
        )


@functools.cache
def _weergaven() -> dict[str, type]:
    """The view class per kind (built on the quiz's question frame; imports ipywidgets once)."""
    import ipywidgets as w

    from voordeur.quiz import widgets as qw
    from voordeur.quiz.keuze import Keuzegroep
    from voordeur.quiz.model import Resultaat

    class OefenWeergave(qw.VraagWeergave):
        """The question frame of the quiz, judged by :func:`voordeur.oefenvormen.beoordeel`."""

        @property
        def spec(self) -> dict[str, Any]:
            return self.vraag.spec  # type: ignore[no-any-return]

        def beoordeel(self) -> Any:
            uitslag = oefenvormen.beoordeel(self.spec, self.sleutel_antwoord())
            return Resultaat(
                uitslag.status,
                uitslag.score,
                uitslag.tekst,
                tuple(uitslag.regels(code_route=False)),
                antwoord=self.sleutel_antwoord(),
            ), uitslag

        def sleutel_antwoord(self) -> Any:
            raise NotImplementedError

        def bij_controleer(self) -> Any:
            r, uitslag = self.beoordeel()
            extra = qw._info_html(uitslag.na_afloop) if uitslag.na_afloop else ""
            self.feedback.value = qw.feedback_html(r.status, r.feedback, r.details, extra)
            if not r.telt:  # nothing chosen yet, or an answer of the wrong shape: the form stays open
                return r
            self.sessie.registreer(self.vraag.id, r)
            self.zet_actief(False)
            qw._zichtbaar(self.knop_controleer, False)
            qw._zichtbaar(self.knop_opnieuw, True)
            self.knop_opnieuw.focus()  # "Controleer" is hidden now: the focus must not drop to the page top
            self.bij_verandering()
            return r

        def wis(self) -> None:
            """ "Probeer opnieuw" keeps the answers: the student changes only what was not right."""

    class Indelen(OefenWeergave):
        def invoer(self) -> list[Any]:
            cats = self.spec["categorieen"]
            self.groepen = {
                item: Keuzegroep(
                    options=[(label, k) for k, label in cats.items()],
                    description=f"{n}. {tekst}",
                    layout=w.Layout(width="auto"),
                )
                for n, (item, tekst) in enumerate(self.spec["items"].items(), 1)
            }
            uitleg = w.Label("Kies bij elk item een groep: " + ", ".join(cats.values()) + ".")
            return [uitleg, *self.groepen.values()]

        def sleutel_antwoord(self) -> dict[str, Any]:
            return {k: g.value for k, g in self.groepen.items() if g.value is not None}

        def eerste_invoer(self) -> Any:
            return next(iter(self.groepen.values()))

        def zet_actief(self, aan: bool) -> None:
            for g in self.groepen.values():
                g.disabled = not aan

    class Kiezen(OefenWeergave):
        def invoer(self) -> list[Any]:
            vragen = self.spec["vragen"]
            een = len(vragen) == 1
            self.groepen = {
                vid: Keuzegroep(
                    options=[(t, k) for k, t in v["opties"].items()],
                    description=v["vraag"] if een else f"{n}. {v['vraag']}",
                    layout=w.Layout(width="auto"),
                )
                for n, (vid, v) in enumerate(vragen.items(), 1)
            }
            return list(self.groepen.values())

        sleutel_antwoord = Indelen.sleutel_antwoord
        eerste_invoer = Indelen.eerste_invoer
        zet_actief = Indelen.zet_actief

    class MeerKiezen(OefenWeergave):
        def invoer(self) -> list[Any]:
            self.vakjes = {
                k: w.Checkbox(value=False, description=t, indent=False, layout=w.Layout(width="auto"))
                for k, t in self.spec["opties"].items()
            }
            uitleg = w.Label("Kies alle antwoorden die goed zijn (één of meer):")
            return [uitleg, w.VBox(list(self.vakjes.values()))]

        def sleutel_antwoord(self) -> list[str]:
            return [k for k, v in self.vakjes.items() if v.value]

        def eerste_invoer(self) -> Any:
            return next(iter(self.vakjes.values()))

        def zet_actief(self, aan: bool) -> None:
            for v in self.vakjes.values():
                v.disabled = not aan

    class Volgorde(OefenWeergave, qw.VolgordeWeergave):
        """The quiz's order rows (``vraag.items`` are the texts in the right order)."""

        def sleutel_antwoord(self) -> list[str]:
            sleutel = {t: k for k, t in self.spec["items"].items()}
            return [sleutel[t] for t in self.volgorde]

    class Formulier(OefenWeergave):
        def invoer(self) -> list[Any]:
            self.vakken = {}
            for vid, veld in self.spec["velden"].items():
                vak = w.Textarea(
                    value="",
                    description=veld["label"],
                    continuous_update=False,
                    style={"description_width": "initial"},
                    layout=w.Layout(width="100%", flex_flow="column", align_items="stretch"),
                )
                vak.add_class("vd-formulier-veld")
                self.vakken[vid] = vak
            return list(self.vakken.values())

        def sleutel_antwoord(self) -> dict[str, str]:
            return {k: v.value for k, v in self.vakken.items()}

        def eerste_invoer(self) -> Any:
            return next(iter(self.vakken.values()))

        def zet_actief(self, aan: bool) -> None:
            for v in self.vakken.values():
                v.disabled = not aan

    return {
        "indelen": Indelen,
        "kiezen": Kiezen,
        "meer-kiezen": MeerKiezen,
        "volgorde": Volgorde,
        "formulier": Formulier,
    }


STIJL_EXTRA = """<style>
.vd-oefening .vd-formulier-veld { margin: 0.4em 0; }
.vd-oefening .vd-formulier-veld label { white-space: normal; margin-bottom: 0.2em; }
.vd-oefening .vd-formulier-veld textarea { min-height: 5em; width: 100%; }
.vd-oefening .vd-keuzegroep { margin: 0.6em 0; }
</style>"""


class Oefening:
    """One task's form; displays as the widget, with :func:`voordeur.oefenvormen.als_tekst` as text/plain."""

    def __init__(self, code: str, spec: dict[str, Any], seed: int | None = None) -> None:
        import ipywidgets as w

        from voordeur.quiz import widgets as qw

        self.code = code
        self.spec = spec
        soort = spec["soort"]
        vraag = SimpleNamespace(
            id=f"oefening-{code.replace('.', '-')}",
            type=soort,
            casus="",
            vraag=spec.get("vraag") or "",
            hint="",
            bron="",
            uitleg=None,
            spec=spec,
            items=[spec["items"][k] for k in spec["verwacht"]] if soort == "volgorde" else [],
        )
        self.weergave = _weergaven()[soort](vraag, 1, False, True, SEED if seed is None else seed)
        self.weergave.kop.value = f"<p><strong>Opdracht {code} · {qw.html.escape(spec['titel'])}</strong></p>"
        self.widget = w.VBox([w.HTML(qw.STIJL + STIJL_EXTRA), self.weergave.box])
        for k in ("vd-quiz", "vd-oefening"):
            self.widget.add_class(k)

    def __repr__(self) -> str:
        return oefenvormen.als_tekst(self.code, self.spec)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = repr(self)
        return bundel


__all__ = ["GOED", "Oefening", "oefen"]
