"""Proof of completion: a printable page per lesson, or for the whole module, from saved-answers files.

Pure: :func:`bewijs_html` turns :class:`~voordeur.quiz.bestand.Antwoordbestand` objects (format 1 or 2)
into one self-contained HTML page (``lang="nl"``, print styles for A4, no external files, no scripts).
:func:`naar_pdf` prints that HTML with headless Chromium through Playwright (optional: only when
Playwright and a Chromium are installed). Nothing is sent anywhere.

A lesson counts as *afgerond* when every question of its quiz has an answer. The first-try score is shown
beside the final one; version-1 files do not know their first try and say so.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from voordeur.fouten import VoordeurFout
from voordeur.quiz.bestand import Antwoordbestand, schone_naam

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

CSS = """
@page { size: A4; margin: 18mm 16mm; }
html { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.45; }
body { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .4rem; }
.vd-naam { font-size: 1.4rem; font-weight: bold; margin: .8rem 0 .2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { border: 1px solid #555; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
.vd-les { break-inside: avoid; page-break-inside: avoid; }
.vd-voet { margin-top: 1.6rem; font-size: .9rem; }
@media print { body { margin: 0; max-width: none; } }
"""


class BewijsFout(VoordeurFout):
    """No usable files, or the PDF could not be made; a Dutch message."""


def datum_tekst(d: date) -> str:
    """``1 december 2026``."""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def lesnummer(b: Antwoordbestand) -> int | None:
    """The lesson of a file: its ``les`` field, else the number in a bank id such as ``les3-signaleren``."""
    if b.les is not None:
        return b.les
    m = re.match(r"les(\d+)\b", b.bank)
    return int(m.group(1)) if m else None


def kernpunten(nummer: int, notebooks: str | os.PathLike[str] | None = None) -> list[str]:
    """The bullet points under ``## Kernpunten`` in the lesson notebook; ``[]`` when it is not found."""
    from voordeur.lessen import les
    from voordeur.veilig import VeiligFout, lees_tekst

    try:
        bestand = les(nummer).bestand
    except KeyError:
        return []
    if notebooks is None:
        from voordeur.paden import MapFout, datamap

        try:
            notebooks = datamap().parent / "notebooks"
        except MapFout:
            return []
    try:
        nb = json.loads(lees_tekst(Path(notebooks) / bestand, soort="notebook"))
    except (VeiligFout, ValueError):
        return []
    for cel in nb.get("cells", []) if isinstance(nb, dict) else []:
        bron = cel.get("source", "")
        tekst = "".join(bron) if isinstance(bron, list) else str(bron)
        if cel.get("cell_type") == "markdown" and tekst.lstrip().startswith("## Kernpunten"):
            return [r[2:].strip() for r in tekst.splitlines() if r.startswith(("- ", "* "))]
    return []


@dataclass(frozen=True)
class Lesregel:
    nummer: int | None
    titel: str
    bewaard: str
    totaal: int
    beantwoord: int
    eerste_goed: int | None
    goed: int
    punten: list[str]

    @property
    def afgerond(self) -> bool:
        return self.totaal > 0 and self.beantwoord == self.totaal


def _titel(b: Antwoordbestand, nummer: int | None) -> str:
    from voordeur.lessen import les

    if nummer is not None:
        try:
            return f"Les {nummer} · {les(nummer).titel}"
        except KeyError:
            pass
    return b.titel or b.bank


def _bewaard(tijdstip: str) -> str:
    from datetime import datetime

    try:
        return datum_tekst(datetime.fromisoformat(tijdstip).date())
    except ValueError:
        return "onbekend"


def lesregels(bestanden: Sequence[Antwoordbestand], notebooks: Any = None) -> list[Lesregel]:
    """One row per lesson (the newest file per bank counts), in lesson order."""
    nieuwste: dict[str, Antwoordbestand] = {}
    for b in bestanden:
        if b.bank not in nieuwste or b.tijdstip > nieuwste[b.bank].tijdstip:
            nieuwste[b.bank] = b
    regels = []
    for b in nieuwste.values():
        nummer = lesnummer(b)
        s = b.samenvatting()
        regels.append(
            Lesregel(
                nummer,
                _titel(b, nummer),
                _bewaard(b.tijdstip),
                s["totaal"],
                s["beantwoord"],
                s["eerste_poging_goed"],
                s["goed"],
                kernpunten(nummer, notebooks) if nummer is not None else [],
            )
        )
    return sorted(regels, key=lambda r: (r.nummer is None, r.nummer or 0, r.titel))


def _inline(tekst: str) -> str:
    from voordeur.quiz.tekst import inline_html

    return inline_html(tekst)


def bewijs_html(
    bestanden: Sequence[Antwoordbestand],
    naam: str | None = None,
    *,
    op: date | None = None,
    notebooks: Any = None,
) -> str:
    """The completion page. *naam* is what the student types (else the name in the files, else none)."""
    if not bestanden:
        raise BewijsFout(
            "Er zijn geen antwoordenbestanden om een bewijs van te maken. Bewaar eerst je "
            "antwoorden met 'Bewaar mijn antwoorden'."
        )
    naam = schone_naam(naam) or next((b.naam for b in bestanden if b.naam), None)
    regels = lesregels(bestanden, notebooks)
    een_les = len(regels) == 1
    kop = "Bewijs van deelname" + (f": {regels[0].titel}" if een_les else ": Veiligheid achter de voordeur")
    vandaag = datum_tekst(op or date.today())
    e = html.escape
    rijen = []
    for r in regels:
        eerste = "onbekend (ouder bestand)" if r.eerste_goed is None else f"{r.eerste_goed} van {r.totaal}"
        status = "afgerond" if r.afgerond else f"nog niet af ({r.beantwoord} van {r.totaal} beantwoord)"
        rijen.append(
            f"<tr><td>{e(r.titel)}</td><td>{e(r.bewaard)}</td><td>{e(status)}</td>"
            f"<td>{e(eerste)}</td><td>{r.goed} van {r.totaal}</td></tr>"
        )
    afgerond = sum(r.afgerond for r in regels)
    delen = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(kop)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{e(kop)}</h1>",
        f'<p class="vd-naam">{e(naam)}</p>' if naam else "<p>Naam: ______________________________</p>",
        f"<p>Gemaakt op {e(vandaag)}. Lessen afgerond: {afgerond} van {len(regels)}.</p>",
        '<table><caption style="text-align:left;font-weight:bold">Resultaten per les'
        '</caption><thead><tr><th scope="col">Les</th><th scope="col">Bewaard op</th>'
        '<th scope="col">Stand</th><th scope="col">Goed bij de eerste poging</th>'
        '<th scope="col">Goed na opnieuw proberen</th></tr></thead>',
        f"<tbody>{''.join(rijen)}</tbody></table>",
    ]
    for r in regels:
        if r.punten:
            items = "".join(f"<li>{_inline(p)}</li>" for p in r.punten)
            delen.append(
                f'<section class="vd-les"><h2>Kernpunten van {e(r.titel)}</h2><ul>{items}</ul></section>'
            )
    delen += [
        '<p class="vd-voet">Dit bewijs is gemaakt uit de antwoordenbestanden op deze computer. De naam is '
        "zelf ingetypt. Het is geen diploma of officieel certificaat.</p>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(delen) + "\n"


def naar_pdf(html_tekst: str, pad: str | os.PathLike[str], *, chromium: str | None = None) -> Path:
    """Print *html_tekst* to a PDF (A4) with headless Chromium; atomic. Raises :class:`BewijsFout`."""
    from voordeur.veilig import VeiligFout, schrijf_atomair

    pdf = html_naar_pdf(html_tekst, chromium=chromium)
    try:
        return schrijf_atomair(pad, pdf)
    except VeiligFout as fout:
        raise BewijsFout(str(fout)) from None


def html_naar_pdf(html_tekst: str, *, chromium: str | None = None) -> bytes:
    """The PDF bytes (Playwright + Chromium; ``$VOORDEUR_CHROMIUM`` or /usr/bin/chromium when present)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise BewijsFout(
            "Voor een PDF is Playwright nodig (pip install playwright). Druk anders de "
            "HTML-pagina af vanuit je browser: Bestand → Afdrukken → Opslaan als PDF."
        ) from None
    uitvoerbaar = (
        chromium
        or os.environ.get("VOORDEUR_CHROMIUM")
        or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=uitvoerbaar, args=["--no-sandbox"])
            try:
                pagina = browser.new_page()
                pagina.set_content(html_tekst, wait_until="load")
                pagina.emulate_media(media="print")
                return pagina.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except Error as fout:
        raise BewijsFout(
            "De PDF kon niet worden gemaakt: Chromium start niet. Druk de HTML-pagina af vanuit "
            f"je browser (Bestand → Afdrukken → Opslaan als PDF). ({str(fout).splitlines()[0]})"
        ) from None


def maak_bewijs(
    map: str | os.PathLike[str] = ".",
    naam: str | None = None,
    *,
    les: int | None = None,
    uit: str | os.PathLike[str] | None = None,
    pdf: bool = True,
) -> tuple[Path, Path | None, str]:
    """Read the ``antwoorden-*.json`` files in *map*, write ``bewijs-….html`` (and ``.pdf``) in *uit*.

    *les*: only that lesson (a page per lesson); without it, a page for the whole module. Returns the
    HTML path, the PDF path (``None`` when no PDF could be made) and a Dutch message. Never overwrites.
    """
    from voordeur.quiz.bestand import lees_bestanden
    from voordeur.quiz.opslaan import schrijf_nieuw
    from voordeur.veilig import VeiligFout

    bron = Path(map)
    if not bron.is_dir():
        raise BewijsFout(f"De map {bron} bestaat niet. Geef de map met je antwoordenbestanden.")
    inlezing = lees_bestanden(sorted(bron.glob("antwoorden-*.json")))
    bestanden = [b for b in inlezing.bestanden if les is None or lesnummer(b) == les]
    if not bestanden:
        wat = f"van les {les} " if les is not None else ""
        raise BewijsFout(
            f"In {bron} staan geen bruikbare antwoordenbestanden {wat}(antwoorden-….json). "
            "Bewaar eerst je antwoorden met 'Bewaar mijn antwoorden'."
        )
    tekst = bewijs_html(bestanden, naam)
    doelmap = Path(uit) if uit is not None else bron
    stam = f"bewijs-les{les}" if les is not None else "bewijs-module"
    try:
        doelmap.mkdir(parents=True, exist_ok=True)
        html_pad = schrijf_nieuw(doelmap / f"{stam}.html", tekst)
    except (VeiligFout, OSError) as fout:
        raise BewijsFout(f"Het bewijs kon niet worden bewaard in {doelmap}: {fout}") from None
    melding = f"Je bewijs staat in {html_pad.name}."
    pdf_pad = None
    if pdf:
        try:
            pdf_pad = schrijf_nieuw(html_pad.with_suffix(".pdf"), html_naar_pdf(tekst))  # type: ignore[arg-type]
            melding += f" De PDF staat in {pdf_pad.name}."
        except (BewijsFout, VeiligFout) as fout:
            melding += f" Een PDF is niet gelukt: {fout}"
    if inlezing.meldingen:
        melding += " Niet gebruikt: " + "; ".join(m.tekst for m in inlezing.meldingen)
    return html_pad, pdf_pad, melding


# --- from a lesson's session: the "Maak mijn bewijs" button --------------------------------------------


@dataclass(frozen=True)
class Sessiebewijs:
    """The completion page made from a quiz session: its contents, where it was written, and a message.

    ``html_pad``/``pdf_pad`` are ``None`` when that file could not be written (read-only folder, no
    Chromium); the contents are still there, so the page can offer them as downloads.
    """

    html: str
    pdf: bytes | None
    html_pad: Path | None
    pdf_pad: Path | None
    melding: str
    stam: str


def bewijs_van_sessie(
    sessie: Any,
    naam: str | None = None,
    map: str | os.PathLike[str] | None = None,
    *,
    pdf: bool = True,
    op: date | None = None,
) -> Sessiebewijs:
    """Make the completion page of a lesson straight from its quiz session (no saved file needed).

    Writes ``bewijs-les<N>.html`` (and ``.pdf`` when Chromium is there) in *map* (default: the notebook's
    folder), never over another file. Never raises for a failed write or PDF: the message says what
    happened and the contents are returned for a download.
    """
    from voordeur.quiz import bestand
    from voordeur.quiz.opslaan import schrijf_nieuw
    from voordeur.veilig import VeiligFout

    inhoud = sessie.als_bestand()
    # every question of the lesson's bank counts, also those of quiz cells that did not run yet
    gezien = {v["id"] for v in inhoud["vragen"]}
    volgorde = {v.id: i for i, v in enumerate(sessie.bank.vragen)}
    open_ = [{"id": v.id, "type": v.type, "pogingen": [], "eerste_poging": None, "eind": None}
             for v in sessie.bank.vragen if v.id not in gezien]
    inhoud["vragen"] = sorted([*inhoud["vragen"], *open_], key=lambda v: volgorde.get(v["id"], len(volgorde)))
    b = bestand.lees_json(bestand.als_json(inhoud), "deze les")
    tekst = bewijs_html([b], naam or sessie.naam, op=op)
    nummer = lesnummer(b)
    stam = f"bewijs-les{nummer}" if nummer is not None else f"bewijs-{b.bank}"
    doelmap = Path(map) if map is not None else Path.cwd()
    regel = lesregels([b])[0]
    delen: list[str] = []
    if not regel.afgerond:
        delen.append(f"Let op: je hebt {regel.beantwoord} van de {regel.totaal} vragen beantwoord. De les "
                     "telt als afgerond als je alle vragen hebt beantwoord.")
    html_pad: Path | None = None
    try:
        doelmap.mkdir(parents=True, exist_ok=True)
        html_pad = schrijf_nieuw(doelmap / f"{stam}.html", tekst)
        delen.append(f"Je bewijs staat in {html_pad.name}, in de map van deze les.")
    except (VeiligFout, OSError) as fout:
        reden = fout.kaal if isinstance(fout, VeiligFout) else str(fout)
        delen.append(f"Het bewijs kon niet worden bewaard in {doelmap} ({reden}). Download het hieronder.")
    pdf_bytes: bytes | None = None
    pdf_pad: Path | None = None
    if pdf:
        try:
            pdf_bytes = html_naar_pdf(tekst)
        except BewijsFout as fout:
            delen.append(f"Een PDF is niet gelukt: {fout}")
        if pdf_bytes is not None and html_pad is not None:
            try:
                pdf_pad = schrijf_nieuw(html_pad.with_suffix(".pdf"), pdf_bytes)  # type: ignore[arg-type]
                delen.append(f"De PDF staat in {pdf_pad.name}.")
            except (VeiligFout, OSError):
                delen.append("De PDF kon niet worden bewaard. Download hem hieronder.")
    return Sessiebewijs(tekst, pdf_bytes, html_pad, pdf_pad, " ".join(delen), stam)
