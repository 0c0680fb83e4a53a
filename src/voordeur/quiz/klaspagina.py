"""The teacher's class-overview page (ipywidgets): pick files or a folder, see the overview.

Only the view: reading and counting are in :mod:`voordeur.quiz.bestand` and
:mod:`voordeur.quiz.overzicht`. The files are read in the kernel on the teacher's machine; the CSV
download is a data: link, so nothing is uploaded to a server or sent anywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from voordeur.quiz import bestand, overzicht
from voordeur.quiz.fouten import QuizFout


def uploads(waarde: Any) -> list[tuple[str, bytes]]:
    """``FileUpload.value`` (ipywidgets 8: a tuple of dicts with name and content) as (name, bytes)."""
    uit = []
    for item in waarde or ():
        naam = (
            item.get("name", "bestand.json") if isinstance(item, dict) else getattr(item, "name", "bestand")
        )
        inhoud = item.get("content", b"") if isinstance(item, dict) else getattr(item, "content", b"")
        uit.append((str(naam), bytes(inhoud)))
    return uit


class Klaspagina:
    """A folder field with a button, a file picker, and the overview below them."""

    def __init__(self, map: str | Path | None = None) -> None:
        import ipywidgets as w

        self.map = w.Text(
            value=str(map) if map is not None else "",
            description="Map:",
            placeholder="bijvoorbeeld antwoorden-klas-3b",
            layout=w.Layout(width="32em"),
        )
        self.knop_map = w.Button(
            description="Lees de map",
            tooltip="Lees alle .json-bestanden in deze map",
            layout=w.Layout(width="auto"),
        )
        self.kies = w.FileUpload(
            accept=".json", multiple=True, description="Kies bestanden", layout=w.Layout(width="auto")
        )
        self.uitkomst = w.HTML("<p>Kies de antwoordenbestanden van de klas, of typ de map waar ze staan.</p>")
        self.uitkomst.add_class("vd-klasoverzicht")
        self.knop_map.on_click(lambda _: self.lees_map())
        self.kies.observe(lambda _: self.lees_uploads(), names="value")
        self.widget = w.VBox([w.HBox([self.map, self.knop_map]), self.kies, self.uitkomst])

    def _toon(self, inlezing: bestand.Inlezing, gelezen: int) -> None:
        overzichten, meldingen = overzicht.per_bank(inlezing)
        self.uitkomst.value = overzicht.pagina_html(overzichten, meldingen, gelezen)

    def lees_map(self) -> None:
        import html

        tekst = self.map.value.strip()
        if not tekst:
            self.uitkomst.value = "<p>Typ eerst de naam van de map met de antwoordenbestanden.</p>"
            return
        try:
            inlezing = bestand.lees_map(Path(tekst).expanduser())
        except QuizFout as fout:
            self.uitkomst.value = f"<p>{html.escape(str(fout))}</p>"
            return
        self._toon(inlezing, len(inlezing.bestanden) + len(inlezing.meldingen))

    def lees_uploads(self) -> None:
        paren = uploads(self.kies.value)
        self._toon(bestand.lees_bestanden(paren), len(paren))

    def __repr__(self) -> str:
        return "Klasoverzicht: kies de antwoordenbestanden van de klas, of typ de map waar ze staan."

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any) -> dict[str, Any]:
        bundel = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundel["text/plain"] = repr(self)
        return bundel


def toon(map: str | Path | None = None) -> Klaspagina:
    """Show the class-overview page; with *map* the folder field is filled in (then press the button)."""
    pagina = Klaspagina(map)
    if map is not None:
        pagina.lees_map()
    return pagina
