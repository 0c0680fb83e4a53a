"""The list of lessons: one place for titles, files, durations and the sources each lesson cites.

Navigation links, the start notebook's overview, the README's lesson table and the Binder links are
all generated from this list (see ``tools/lesson_parts.py`` and ``tools/binder_links.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Les:
    """One lesson notebook."""

    nummer: int
    bestand: str
    titel: str
    duur: str
    samenvatting: str
    bronnen: tuple[str, ...] = field(default=())
    #: The lesson treats sexual violence: its content note also gives the Centrum Seksueel Geweld line.
    seksueel_geweld: bool = False

    @property
    def kop(self) -> str:
        return "Start" if self.nummer == 0 else f"Les {self.nummer}"


LESSEN: tuple[Les, ...] = (
    Les(0, "00-start.ipynb", "Welkom: zo werkt deze module", "15 minuten",
        "Wat de module is, hoe je een cel uitvoert en een eerste grafiek.",
        seksueel_geweld=True),  # its first chart shows the forms, sexual violence in the home circle too
    Les(1, "01-hoe-vaak.ipynb", "Hoe vaak komt het voor?", "60 minuten",
        "Huiselijk geweld en seksueel grensoverschrijdend gedrag in cijfers (Prevalentiemonitor 2020-2024).",
        seksueel_geweld=True),
    Les(2, "02-kindermishandeling-veilig-thuis.ipynb", "Kindermishandeling en Veilig Thuis in cijfers",
        "60 minuten",
        "Schattingen van kindermishandeling, adviezen en meldingen bij Veilig Thuis, en wie er meldt."),
    Les(3, "03-signaleren.ipynb", "Signaleren", "75 minuten",
        "Signalen van kindermishandeling, partnergeweld, ouderenmishandeling en andere vormen; "
        "de kindcheck.", seksueel_geweld=True),
    Les(4, "04-meldcode.ipynb", "De meldcode", "75 minuten",
        "De vijf stappen, het afwegingskader en wanneer je meldt bij Veilig Thuis."),
    Les(5, "05-samenwerken-in-gesprek.ipynb", "Samenwerken en in gesprek", "60 minuten",
        "Veilig Thuis, Handle with Care, school als veilige plek en gesprekken over zorgen."),
    Les(6, "06-bronkritiek.ipynb", "Cijfers natrekken: bronkritiek", "45 minuten",
        "Een getal uit een nieuwsbericht terugvinden in de oorspronkelijke bron.", seksueel_geweld=True),
)


def les(nummer: int) -> Les:
    """Return lesson *nummer*; a clear error for a number that does not exist."""
    for item in LESSEN:
        if item.nummer == nummer:
            return item
    bestaand = ", ".join(str(x.nummer) for x in LESSEN)
    raise KeyError(f"Les {nummer} bestaat niet. Kies een van: {bestaand}.")


def vorige(nummer: int) -> Les | None:
    nummers = [x.nummer for x in LESSEN]
    i = nummers.index(les(nummer).nummer)
    return LESSEN[i - 1] if i > 0 else None


def volgende(nummer: int) -> Les | None:
    nummers = [x.nummer for x in LESSEN]
    i = nummers.index(les(nummer).nummer)
    return LESSEN[i + 1] if i + 1 < len(LESSEN) else None
