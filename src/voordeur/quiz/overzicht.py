"""The teacher's class overview: what the class got right at the first try, and which wrong answers it chose.

Pure logic on :class:`~voordeur.quiz.bestand.Antwoordbestand` objects (read with
:func:`voordeur.quiz.bestand.lees_map` or :func:`~voordeur.quiz.bestand.lees_bestanden`) and a loaded
bank. :func:`klasoverzicht` counts; :func:`tabel`, :func:`grafiek` and :func:`als_csv` show or export the
counts. Nothing is sent anywhere: the files are read on the teacher's machine and the CSV is written there.

Counting rules (documented in ``docs/docentenhandleiding.md``):

- *beantwoord*: files in which the question has a final verdict;
- *goed bij de eerste poging*: the first counted attempt was ``goed`` (version-1 files do not know their
  first attempt; they count in *beantwoord* and *goed uiteindelijk*, not here, and are reported);
- *foute keuzes*: per wrong option, the number of students who chose it in at least one attempt
  (``enkel``, ``meer``, ``scenario``; for ``getal`` the wrong numbers typed). Option texts come from the
  bank, so only real options are counted.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from voordeur.quiz.bestand import Antwoordbestand, Inlezing, Melding

MAX_FOUTE_KEUZES = 3


@dataclass(frozen=True)
class Vraagcijfers:
    """The counts for one question."""

    nummer: int
    id: str
    type: str
    vraag: str
    beantwoord: int
    eerste_bekend: int  # answered in a file that knows its first attempt
    eerste_goed: int
    eind_goed: int
    foute_keuzes: tuple[tuple[str, int], ...]  # (option text, number of students), most chosen first

    @property
    def eerste_goed_procent(self) -> float | None:
        return None if not self.eerste_bekend else 100 * self.eerste_goed / self.eerste_bekend


@dataclass
class Klasoverzicht:
    bank: str
    titel: str
    bank_versie: int
    studenten: int
    vragen: list[Vraagcijfers]
    meldingen: list[Melding] = field(default_factory=list)

    @property
    def bron_regel(self) -> str:
        return (
            f"Bron: de antwoordenbestanden van {self.studenten} "
            f"{'student' if self.studenten == 1 else 'studenten'} ({self.titel or self.bank})."
        )


def _vraagtekst(vraag: Any) -> str:
    from voordeur.quiz.tekst import platte_tekst

    tekst = platte_tekst(getattr(vraag, "vraag", "") or getattr(vraag, "casus", "") or vraag.id)
    return tekst if len(tekst) <= 120 else tekst[:117].rstrip() + "..."


def _foute_opties(vraag: Any) -> set[str]:
    if vraag.type in ("enkel", "meer"):
        return {o.tekst for o in vraag.opties if not o.goed}
    if vraag.type == "scenario":
        return {o.tekst for p in vraag.punten for o in p.opties if not o.goed}
    return set()


def _foute_keuzes_van(vraag: Any, pogingen: Sequence[Any]) -> set[str]:
    """The wrong options (or wrong numbers) one student chose in any attempt."""
    from voordeur.quiz.model import getal_tekst

    fout = _foute_opties(vraag)
    gekozen: set[str] = set()
    for p in pogingen:
        a = p.antwoord
        if vraag.type == "enkel" and isinstance(a, str):
            gekozen.add(a)
        elif vraag.type == "meer" and isinstance(a, list):
            gekozen.update(x for x in a if isinstance(x, str))
        elif vraag.type == "scenario" and isinstance(a, list):
            gekozen.update(x["keuze"] for x in a if isinstance(x, dict) and isinstance(x.get("keuze"), str))
        elif vraag.type == "getal" and p.status != "goed" and type(a) in (int, float):
            gekozen.add(getal_tekst(a) + (f" {vraag.eenheid}".replace(" %", "%") if vraag.eenheid else ""))
    if vraag.type == "getal":
        return gekozen
    return gekozen & fout


def klasoverzicht(inlezing: Inlezing, bank: Any) -> Klasoverzicht:
    """Count per question of *bank* (a loaded Bank) over the files of that bank.

    Files of another bank are left out and reported; files of another bank version are counted for the
    questions that still exist, and reported.
    """
    meldingen = list(inlezing.meldingen)
    bestanden: list[Antwoordbestand] = []
    for b in inlezing.bestanden:
        if b.bank != bank.bank:
            meldingen.append(
                Melding(
                    b.bron,
                    "andere-bank",
                    f"{b.bron} hoort bij de vragenbank {b.bank}, "
                    f"niet bij {bank.bank}; niet meegeteld in dit overzicht.",
                )
            )
            continue
        if b.bank_versie != bank.versie:
            meldingen.append(
                Melding(
                    b.bron,
                    "andere-bankversie",
                    f"{b.bron} is gemaakt met versie "
                    f"{b.bank_versie} van de vragen (nu versie {bank.versie}); vragen die "
                    "nog bestaan zijn meegeteld.",
                )
            )
        if not b.eerste_poging_bekend:
            meldingen.append(
                Melding(
                    b.bron,
                    "oud-formaat",
                    f"{b.bron} is een ouder bestand (formaat 1): de "
                    "eerste poging is niet bekend, alleen het laatste antwoord.",
                )
            )
        bestanden.append(b)
    vragen = []
    for nummer, vraag in enumerate(bank.vragen, 1):
        beantwoord = eerste_bekend = eerste_goed = eind_goed = 0
        keuzes: Counter[str] = Counter()
        for b in bestanden:
            va = next((v for v in b.vragen if v.id == vraag.id), None)
            if va is None or not va.beantwoord:
                continue
            beantwoord += 1
            eind_goed += va.eind is not None and va.eind.goed
            if b.eerste_poging_bekend:
                eerste_bekend += 1
                eerste_goed += va.eerste_poging is not None and va.eerste_poging.goed
            keuzes.update(_foute_keuzes_van(vraag, va.pogingen))
        top = sorted(keuzes.items(), key=lambda x: (-x[1], x[0]))[:MAX_FOUTE_KEUZES]
        vragen.append(
            Vraagcijfers(
                nummer,
                vraag.id,
                vraag.type,
                _vraagtekst(vraag),
                beantwoord,
                eerste_bekend,
                int(eerste_goed),
                int(eind_goed),
                tuple(top),
            )
        )
    return Klasoverzicht(bank.bank, bank.titel, bank.versie, len(bestanden), vragen, meldingen)


# --- showing and exporting ---------------------------------------------------------------------------------

KOLOMMEN = (
    "Nr.",
    "Vraag",
    "Beantwoord",
    "Goed bij eerste poging",
    "Goed na opnieuw proberen",
    "Meest gekozen foute antwoorden",
)


def _procent(deel: int, geheel: int) -> str:
    from voordeur.getallen import procent

    return "" if not geheel else f"{deel} van {geheel} ({procent(round(100 * deel / geheel), 0)})"


def _foute_tekst(v: Vraagcijfers) -> str:
    return "; ".join(f"{t} ({n}×)" for t, n in v.foute_keuzes)


def rijen(overzicht: Klasoverzicht) -> list[list[str]]:
    """The table rows as text, in Dutch number style (one row per question)."""
    return [
        [
            str(v.nummer),
            v.vraag,
            str(v.beantwoord),
            _procent(v.eerste_goed, v.eerste_bekend),
            _procent(v.eind_goed, v.beantwoord),
            _foute_tekst(v),
        ]
        for v in overzicht.vragen
    ]


def tabel(overzicht: Klasoverzicht) -> Any:
    """A :class:`voordeur.charts.Tabel` (HTML and plain text) with Dutch column headings."""
    import pandas as pd

    from voordeur.charts import Tabel

    df = pd.DataFrame(rijen(overzicht), columns=list(KOLOMMEN), dtype=object)
    return Tabel(df, f"Klasoverzicht: {overzicht.titel or overzicht.bank}", overzicht.bron_regel)


def als_csv(overzicht: Klasoverzicht) -> str:
    """CSV for Excel in Dutch: ``;`` between fields, numbers as counts (no rounding), one row per question."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(
        [
            "nr",
            "vraag_id",
            "vraag",
            "beantwoord",
            "eerste_poging_bekend",
            "goed_eerste_poging",
            "goed_na_opnieuw",
            "foute_keuze_1",
            "aantal_1",
            "foute_keuze_2",
            "aantal_2",
            "foute_keuze_3",
            "aantal_3",
        ]
    )
    for v in overzicht.vragen:
        fout: list[Any] = []
        for tekst, n in v.foute_keuzes:
            fout += [tekst, n]
        fout += [""] * (2 * MAX_FOUTE_KEUZES - len(fout))
        schrijver.writerow(
            [v.nummer, v.id, v.vraag, v.beantwoord, v.eerste_bekend, v.eerste_goed, v.eind_goed, *fout]
        )
    return uit.getvalue()


def schrijf_csv(overzicht: Klasoverzicht, pad: Any) -> Any:
    """Write the CSV atomically (with a UTF-8 byte order mark, so Excel shows é and ë)."""
    from voordeur.veilig import schrijf_atomair

    return schrijf_atomair(pad, "\ufeff" + als_csv(overzicht))


def grafiek(overzicht: Klasoverzicht) -> Any:
    """A horizontal bar chart: per question the share right at the first try (a :class:`charts.Grafiek`)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from voordeur.charts import Grafiek, _huisstijl
    from voordeur.getallen import procent

    vragen = [v for v in overzicht.vragen if v.eerste_goed_procent is not None]
    titel = f"Goed bij de eerste poging, per vraag ({overzicht.titel or overzicht.bank})"
    with rc_context(_huisstijl()):
        fig = Figure(figsize=(8, 0.5 * max(3, len(vragen)) + 1.2))
        ax = fig.add_subplot()
        namen = [f"Vraag {v.nummer}" for v in vragen][::-1]
        waarden = [v.eerste_goed_procent or 0.0 for v in vragen][::-1]
        ax.barh(namen, waarden, color="#1f5f8b")
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: procent(x, 0)))
        for y, w in enumerate(waarden):
            ax.text(min(w + 1, 92), y, procent(round(w), 0), va="center")
        ax.set_title(titel, loc="left")
        fig.tight_layout()
    if vragen:
        laag = min(vragen, key=lambda v: (v.eerste_goed_procent, v.nummer))
        alt = (
            f"Staafdiagram: per vraag het deel van de klas dat bij de eerste poging goed antwoordde. Het "
            f"laagst is vraag {laag.nummer} met {procent(round(laag.eerste_goed_procent or 0), 0)}."
        )
    else:
        alt = "Staafdiagram zonder staven: er zijn nog geen antwoorden met een bekende eerste poging."
    return Grafiek(fig, alt, overzicht.bron_regel, titel)


def meldingen_tekst(overzicht: Klasoverzicht) -> str:
    if not overzicht.meldingen:
        return "Alle bestanden zijn meegeteld."
    return "\n".join(f"- {m.tekst}" for m in overzicht.meldingen)


# --- every bank in a set of files -------------------------------------------------------------------


def bank_bij_id(bank_id: str) -> Any | None:
    """The loaded bank whose ``bank:`` is *bank_id* (the file stem, or any bank in the quiz folders)."""
    from voordeur.quiz.bank import banken, laad_bank
    from voordeur.quiz.fouten import QuizFout

    namen = [bank_id] + [n for n in banken() if n != bank_id]
    for naam in namen:
        try:
            b = laad_bank(naam)
        except (QuizFout, OSError, ValueError):
            continue
        if b.bank == bank_id:
            return b
    return None


def per_bank(inlezing: Inlezing) -> tuple[list[Klasoverzicht], list[Melding]]:
    """An overview for every bank that occurs in the files; files of an unknown bank are reported."""
    overzichten = []
    meldingen = list(inlezing.meldingen)
    for bank_id in sorted({b.bank for b in inlezing.bestanden}):
        deel = [b for b in inlezing.bestanden if b.bank == bank_id]
        bank = bank_bij_id(bank_id)
        if bank is None:
            meldingen += [
                Melding(
                    b.bron,
                    "onbekende-bank",
                    f"{b.bron} hoort bij de vragenbank {bank_id}; die "
                    "vragenbank staat niet op deze computer.",
                )
                for b in deel
            ]
            continue
        overzichten.append(klasoverzicht(Inlezing(deel, []), bank))
    return overzichten, meldingen


def csv_link(overzicht: Klasoverzicht) -> str:
    """A download link with the CSV inside it (a data: URL): the file goes from the page to this computer."""
    import base64
    import html

    inhoud = base64.b64encode(("\ufeff" + als_csv(overzicht)).encode("utf-8")).decode("ascii")
    naam = f"klasoverzicht-{overzicht.bank}.csv"
    return (
        f'<a class="vd-download" download="{html.escape(naam)}" '
        f'href="data:text/csv;charset=utf-8;base64,{inhoud}">Download het klasoverzicht van '
        f"{html.escape(overzicht.titel or overzicht.bank)} als CSV-bestand ({html.escape(naam)})</a>"
    )


def pagina_html(overzichten: Sequence[Klasoverzicht], meldingen: Sequence[Melding], ingelezen: int) -> str:
    """One HTML fragment: counts, skipped files, and per bank a table, a chart and a CSV link."""
    import html

    delen = [f"<p>{ingelezen} {'bestand' if ingelezen == 1 else 'bestanden'} gelezen.</p>"]
    if meldingen:
        items = "".join(f"<li>{html.escape(m.tekst)}</li>" for m in meldingen)
        delen.append(f"<h3>Niet (helemaal) meegeteld</h3><ul>{items}</ul>")
    if not overzichten:
        delen.append("<p>Er is nog geen overzicht: kies eerst antwoordenbestanden van de klas.</p>")
    for o in overzichten:
        delen += [
            f"<h2>{html.escape(o.titel or o.bank)}</h2>",
            tabel(o)._repr_html_(),
            grafiek(o)._repr_html_(),
            f"<p>{csv_link(o)}</p>",
        ]
    return "\n".join(delen)
