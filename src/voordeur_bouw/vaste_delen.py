"""The fixed parts of every lesson, generated from one template (never typed by hand).

``tools/build.py`` injects these at build time as cells tagged ``kop``, ``veilig-leren``,
``bronnen`` and ``navigatie``; a test fails when a notebook's cells differ from what this module makes.
"""

from __future__ import annotations

import csv
from pathlib import Path

from voordeur.lessen import LESSEN, OEFENING_BRON, ZONDER_CODE_BRON, les, volgende, vorige

HULPLIJNEN = (
    ("112", "bij acuut gevaar: politie, ambulance, brandweer"),
    ("0800-2000", "Veilig Thuis: advies of een melding, gratis, dag en nacht, ook anoniem advies"),
    ("0800-0432", "De Kindertelefoon: voor kinderen en jongeren van 8 tot 18 jaar, gratis en anoniem"),
)

#: Shown beside the other help lines in lessons that treat sexual violence (``Les.seksueel_geweld``).
#: Number checked on GGD Fryslân (2022) and NU.nl; see ``ggd_fryslan_2022_csg`` in data/sources.csv.
HULPLIJN_SEKSUEEL_GEWELD = ("0800-0188", "Centrum Seksueel Geweld: hulp en advies na seksueel geweld, gratis")

TAGS = ("kop", "veilig-leren", "bronnen", "navigatie")


def kop(nummer: int) -> str:
    item = les(nummer)
    return f"# {item.kop} · {item.titel}\n\n**Duur:** {item.duur} · {item.samenvatting}"


def hulplijnen(nummer: int | None = None) -> tuple[tuple[str, str], ...]:
    """The help lines for lesson *nummer*; ``None`` (the quiz app, examples: questions from every lesson)
    gets the Centrum Seksueel Geweld line too."""
    if nummer is None or les(nummer).seksueel_geweld:
        return (*HULPLIJNEN, HULPLIJN_SEKSUEEL_GEWELD)
    return HULPLIJNEN


def veilig_leren(nummer: int | None = None) -> str:
    """The content note with the help lines; a lesson on sexual violence also gets the CSG line."""
    regels = "\n".join(f"- **{lijn}**: {uitleg}" for lijn, uitleg in hulplijnen(nummer))
    return (
        "> **Dit onderwerp kan je raken.** Deze module gaat over geweld en onveiligheid thuis. "
        "Misschien herken je iets uit je eigen leven of uit je omgeving. "
        "Wordt het je te veel? Je mag even pauze nemen of de les verlaten. "
        "Praat erover met je docent, je mentor of iemand anders die je vertrouwt.\n"
        ">\n"
        "> **Hulp en advies**\n"
        + "\n".join(f"> {r}" for r in regels.splitlines())
    )


def _bronnen_tabel(datamap: Path) -> dict[str, dict[str, str]]:
    pad = datamap / "sources.csv"
    with pad.open(encoding="utf-8", newline="") as f:
        return {rij["bron_id"]: rij for rij in csv.DictReader(f)}


def bronnen(bron_ids: list[str], datamap: Path) -> str:
    """Markdown list of the sources with these ids, from ``data/sources.csv``."""
    tabel = _bronnen_tabel(datamap)
    onbekend = [b for b in bron_ids if b not in tabel]
    if onbekend:
        namen = ", ".join(onbekend)
        raise KeyError(f"Onbekende bron-id(s) in de lesmetadata: {namen} (zie data/sources.csv)")
    regels = []
    for b in bron_ids:
        r = tabel[b]
        jaar = r["jaar"] if r["jaar"] != "onbekend" else "z.d."  # zonder datum
        regels.append(f"- {r['uitgever']} ({jaar}). *{r['titel']}*. <{r['url']}>")
    return "## Bronnen\n\n" + "\n".join(regels)


def navigatie(nummer: int) -> str:
    delen = []
    v = vorige(nummer)
    n = volgende(nummer)
    if v is not None:
        delen.append(f"← Vorige: [{v.kop} · {v.titel}]({v.bestand})")
    delen.append("[Overzicht van alle lessen](00-start.ipynb)" if nummer != 0 else "")
    if n is not None:
        delen.append(f"Volgende: [{n.kop} · {n.titel}]({n.bestand}) →")
    return "---\n\n" + " | ".join(d for d in delen if d)


def overzicht(map: str = "", met_start: bool = False) -> str:
    """Markdown table of the lessons, links relative to *map*.

    The start notebook uses ``map=""`` without lesson 0; the README ``map="notebooks/"`` with it.
    """
    regels = ["| Nr. | Les | Duur | Waar gaat het over? |", "|---|---|---|---|"]
    for item in LESSEN:
        if item.nummer == 0 and not met_start:
            continue
        link = f"[{item.titel}]({map}{item.bestand})"
        regels.append(f"| {item.nummer} | {link} | {item.duur} | {item.samenvatting} |")
    return "\n".join(regels)


LESSEN_MAP = Path(__file__).resolve().parents[2] / "lessen"
"""The lesson folders with the text sources (the build runs from the repository)."""


def _oefening_titel(item_map: str, bron: str, standaard: str) -> str:
    """The exercise's title from the first heading of its source (``# Oefeningen · Les 3 · Signaleren:
    reflectie`` gives ``Signaleren: reflectie``); *standaard* when the source has none."""
    pad = LESSEN_MAP / item_map / bron
    if pad.is_file():
        for regel in pad.read_text(encoding="utf-8").splitlines():
            if regel.startswith("# "):
                return regel[2:].split(" · ")[-1].strip() or standaard
    return standaard


def oefeningen(map: str = "../exercises/") -> str:
    """Markdown table of the exercises per lesson, links relative to *map*: the exercise and, where the
    manifest has one, the no-code route beside it (``oefening_zonder_code``)."""
    regels = ["| Bij les | Oefening | Zonder code (kiezen, ordenen, indelen) |", "|---|---|---|"]
    for item in LESSEN:
        if not item.oefeningen:
            continue
        cellen = []
        for notebook, bron, achter in ((item.oefening, OEFENING_BRON, ""),
                                       (item.oefening_zonder_code, ZONDER_CODE_BRON, " (zonder code)")):
            titel = _oefening_titel(item.map, bron, item.titel).removesuffix(achter) + achter
            cellen.append(f"[{titel}]({map}{notebook})" if notebook else "–")
        regels.append(f"| {item.nummer} | {cellen[0]} | {cellen[1]} |")
    return "\n".join(regels)
