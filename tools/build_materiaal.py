"""Build the printable classroom material: casus cards, the afwegingskader on one page, an observation form.

    python tools/build_materiaal.py [--uit build/materiaal] [--geen-pdf]

Writes, each as HTML (``lang="nl"``, print styles for A4) and as PDF (headless Chromium via Playwright,
see :func:`voordeur.bewijs.html_naar_pdf`):

- ``casuskaarten.html``: one case per page, with its question and options, WITHOUT the answers;
- ``casuskaarten-docent.html``: the same cards with the right answer and the feedback per option;
- ``afwegingskader.html``: the five afwegingsvragen as a one-page flow chart (from ``voordeur.meldcode``);
- ``observatieformulier.html``: a form for the observer in the disclosure role-play;
- ``rollenspel-lesN.html``: role cards and an observation form from ``lessen/<map>/rollenspel.yaml``.

The cards come from the lesson banks (``data/quizzes/les*.yaml``; the authoring demo bank is left out):
every question with a ``casus``. Every file is written atomically; exit 1 with a Dutch message when a
bank cannot be loaded or a PDF cannot be made.
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from voordeur import meldcode  # noqa: E402
from voordeur.fouten import VoordeurFout  # noqa: E402
from voordeur.quiz.model import getal_tekst, schudvolgorde  # noqa: E402
from voordeur.quiz.tekst import naar_html  # noqa: E402

e = html.escape

CSS = """
@page { size: A4; margin: 16mm 15mm; }
html { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.45;
       font-size: 12pt; }
body { margin: 0 auto; max-width: 48rem; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; margin: .9rem 0 .3rem; }
.kaart { break-after: page; page-break-after: always; }
.kaart:last-child { break-after: auto; page-break-after: auto; }
.kaart-kop { font-size: .95rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem;
             margin-bottom: .6rem; }
.casus { border: 1px solid #555; padding: .5rem .8rem; background: #f5f7f9; }
ol.opties li, ul.opties li { margin: .25rem 0; }
.goed { font-weight: bold; }
.uitleg { margin: .1rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: .35rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
td.vak { width: 4.2rem; text-align: center; }
td.notitie { height: 3.2rem; }
.bronnen { font-size: .8rem; margin-top: 1rem; overflow-wrap: anywhere; }
.stroom { display: grid; grid-template-columns: 1fr 13rem; gap: .35rem 1rem; align-items: center; }
.vraag-blok { border: 2px solid #1a1a1a; border-radius: .4rem; padding: .45rem .6rem; }
.einde { border: 2px dashed #1a1a1a; border-radius: .4rem; padding: .45rem .6rem; font-size: .95rem; }
.pijl { text-align: center; font-weight: bold; }
.afsluiting { border: 2px solid #1a1a1a; border-radius: .4rem; padding: .45rem .6rem; background: #f5f7f9; }
body.een-pagina { font-size: 10pt; line-height: 1.3; }
.een-pagina h1 { font-size: 1.3rem; }
.een-pagina td.notitie { height: 2.6rem; }
.formulier { font-size: 10pt; line-height: 1.3; }
.formulier td.notitie { height: 2.2rem; }
@media print { body { max-width: none; padding: 0; } }
"""


def pagina(titel: str, inhoud: str, klasse: str = "") -> str:
    """A complete, self-contained HTML page (no scripts, no external files); ``een-pagina``: fit on one."""
    body = f'<body class="{klasse}">' if klasse else "<body>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(titel)}</title>\n<style>{CSS}</style>\n</head>\n{body}\n<main>\n{inhoud}\n</main>\n"
        "</body>\n</html>\n"
    )


# --- casus cards -------------------------------------------------------------------------------------


def lesbanken() -> list[Any]:
    """The banks of the lessons in lesson order (the demo bank ``voorbeeld`` is not for students)."""
    from voordeur.quiz.bank import banken, laad_bank

    uit = []
    for naam in banken():
        bank = laad_bank(naam)
        if naam == "voorbeeld" or bank.bank == "voorbeeld":
            continue
        uit.append(bank)
    return sorted(uit, key=lambda b: (min((v.les or 99) for v in b.vragen), b.bank))


def casussen(bank: Any) -> list[Any]:
    return [v for v in bank.vragen if getattr(v, "casus", None)]


def _opties_leerling(v: Any) -> str:
    if v.type in ("enkel", "meer"):
        soort = "Kies één antwoord." if v.type == "enkel" else "Kies alle antwoorden die kloppen."
        items = "".join(f"<li>{e(o.tekst)}</li>" for o in v.opties)
        return f'<p>{soort}</p><ol class="opties" type="A">{items}</ol>'
    if v.type == "volgorde":
        volgorde = schudvolgorde(len(v.items), 1, v.id, niet_gelijk=True)
        items = "".join(f"<li>{e(v.items[i])}</li>" for i in volgorde)
        return f'<p>Zet deze stappen in de goede volgorde.</p><ul class="opties">{items}</ul>'
    if v.type == "getal":
        return f"<p>Antwoord: ________ {e(v.eenheid)}</p>"
    punt = next(p for p in v.punten if p.id == v.start)  # the heading above is the point's question
    items = "".join(f"<li>{e(o.tekst)}</li>" for o in punt.opties)
    return f'<p>Kies één antwoord.</p><ol class="opties" type="A">{items}</ol>'


def _opties_docent(v: Any) -> str:
    if v.type in ("enkel", "meer"):
        items = "".join(
            f'<li><span class="{"goed" if o.goed else ""}">{"✔ goed" if o.goed else "✘ niet goed"}: '
            f'{e(o.tekst)}</span><p class="uitleg">{e(o.feedback)}</p></li>'
            for o in v.opties
        )
        return f'<ol class="opties" type="A">{items}</ol>'
    if v.type == "volgorde":
        items = "".join(f"<li>{e(t)}</li>" for t in v.items)
        return f'<p class="goed">De goede volgorde:</p><ol class="opties">{items}</ol>' + (
            f'<p class="uitleg">{e(v.uitleg)}</p>' if v.uitleg else ""
        )
    if v.type == "getal":
        tekst = f"Het goede antwoord: {getal_tekst(v.antwoord)} {v.eenheid}".replace(" %", "%").strip()
        return f'<p class="goed">{e(tekst)}</p>' + (
            f'<p class="uitleg">{e(v.feedback_goed)}</p>' if v.feedback_goed else ""
        )
    delen = []
    for p in v.punten:
        items = "".join(
            f'<li><span class="{"goed" if o.goed else ""}">{"✔ beste keuze" if o.goed else "✘"}: '
            f'{e(o.tekst)}</span><p class="uitleg">{e(o.feedback)}</p></li>'
            for o in p.opties
        )
        delen.append(f'<h3>{e(p.tekst)}</h3><ol class="opties" type="A">{items}</ol>')
    einden = "".join(f"<li><strong>{e(u.titel)}</strong>: {e(u.uitleg)}</li>" for u in v.uitkomsten)
    delen.append(f"<h3>Mogelijke afloop</h3><ul>{einden}</ul>")
    return "".join(delen)


def kaart(bank: Any, v: Any, nummer: int, docent: bool) -> str:
    kop = f"Casus {nummer} · {bank.titel}" + (f" · {v.setting}" if v.setting else "")
    if v.type == "scenario":
        eerste = next(p for p in v.punten if p.id == v.start).tekst
        vraag = f"<h2>{e('Het verloop, met de beste keuzes' if docent else eerste)}</h2>"
    else:
        vraag = f"<h2>{e(v.vraag)}</h2>"
    antwoorden = _opties_docent(v) if docent else _opties_leerling(v)
    bron = f'<p class="bronnen">Bron bij de vraag: {e(v.bron)}</p>' if docent and v.bron else ""
    return (
        f'<section class="kaart"><p class="kaart-kop">{e(kop)}</p>'
        f'<div class="casus">{naar_html(v.casus)}</div>{vraag}{antwoorden}{bron}</section>'
    )


def casuskaarten(banken: Sequence[Any], docent: bool) -> str:
    kaarten = []
    for bank in banken:
        for v in casussen(bank):
            kaarten.append(kaart(bank, v, len(kaarten) + 1, docent))
    titel = "Casuskaarten (docentversie, met antwoorden)" if docent else "Casuskaarten"
    return pagina(titel, f"<h1>{e(titel)}</h1>\n" + "\n".join(kaarten))


# --- the afwegingskader on one page ----------------------------------------------------------------------


def afwegingskader() -> str:
    """The flow chart: per question a box, the branch that stops beside it, the branch that goes on below."""
    rijen = []
    for vraag in meldcode.AFWEGINGSVRAGEN:
        # which answer ends the walk here? (from the decision logic itself, not from a second copy)
        stopt_ja = (
            meldcode.volgende_vraag({**{k: _door(k) for k in range(1, vraag.nummer)}, vraag.nummer: True})
            is None
        )
        door, stop = ("nee", "ja") if stopt_ja else ("ja", "nee")
        stop_tekst = vraag.bij_ja if stopt_ja else vraag.bij_nee
        door_tekst = vraag.bij_nee if stopt_ja else vraag.bij_ja
        rijen.append(
            f'<div class="vraag-blok"><strong>Vraag {vraag.nummer}: {e(vraag.kort)}</strong><br>'
            f"{e(vraag.vraag)}</div>"
            f'<div class="einde"><strong>{stop.capitalize()}:</strong> {e(stop_tekst)}</div>'
        )
        if vraag.nummer < len(meldcode.AFWEGINGSVRAGEN):
            rijen.append(f'<div class="pijl">↓ {door}: {e(door_tekst)}</div><div></div>')
        else:  # the last question ends the walk either way
            rijen.append(
                f'<div class="afsluiting"><strong>{door.capitalize()}:</strong> {e(door_tekst)}</div>'
                "<div></div>"
            )
    bronnen = (
        f'<p class="bronnen">Bron: het model-afwegingskader zoals het Nederlands Jeugdinstituut het '
        f"weergeeft ({e(meldcode.BRON_NJI_AFWEGINGSKADER)}); basisdocument: "
        f"{e(meldcode.BRON_BASISDOCUMENT)}. Bij twijfel: vraag Veilig Thuis om advies (0800-2000).</p>"
    )
    inhoud = (
        "<h1>Het afwegingskader van de meldcode (stap 4 en 5)</h1>"
        "<p>Loop de vragen van boven naar beneden door. Naast elke vraag staat het antwoord waarbij je "
        "stopt; de pijl eronder is het antwoord waarmee je verder gaat.</p>"
        f'<div class="stroom">{"".join(rijen)}</div>{bronnen}'
    )
    return pagina("Afwegingskader meldcode", inhoud, "een-pagina")


def _door(nummer: int) -> bool:
    """The answer to question *nummer* that leads on to the next question."""
    return meldcode.volgende_vraag({**{k: _door(k) for k in range(1, nummer)}, nummer: True}) is not None


# --- observation form for the disclosure role-play ---------------------------------------------------


@dataclass(frozen=True)
class Kijkpunt:
    tekst: str  # what the observer looks for, in B1 Dutch (our own words)
    bron: str  # where it comes from


NJI = "https://nji.nl/nl/Kennis/Dossier/Kindermishandeling/Zorgen-bespreken/In-gesprek-met-kind-en-ouders"
AUGEO = "https://www.augeo.nl/nl-nl/themas/meldcode/meldcode-stappenplan/"
GOUDA = "https://www.goudawijzer.nl/is/een-vraag-over-2/opvoeding/kindermishandeling/rustig-reageren"
SEKSUEELMISDRIJF = "http://seksueelmisdrijf.nl/seksueel-misbruik-kinderen/vermoeden-van-misbruik"
KNMG_BIJLAGE_5 = (
    "https://knmg-meldcode.maglr.com/meldcode-kindermishandeling-en-huiselijk-geweld/"
    "bijlage-5-voorbeelden-van-acute-onveiligheid"
)

KIJKPUNTEN: tuple[Kijkpunt, ...] = (
    Kijkpunt("Neemt het verhaal serieus, luistert en neemt er de tijd voor.", NJI),
    Kijkpunt("Blijft rustig en geeft nog geen eigen mening of oordeel.", NJI),
    Kijkpunt(
        "Stelt weinig directe vragen. Als er vragen zijn: open vragen (wat, wanneer, wie), geen "
        "waarom-vragen en geen vragen die een antwoord voorzeggen.",
        SEKSUEELMISDRIJF,
    ),
    Kijkpunt("Zegt niets negatiefs over de ouders of de andere betrokkenen.", NJI),
    Kijkpunt("Zegt dat het niet de schuld is van degene die het vertelt.", GOUDA),
    Kijkpunt("Gaat niet zelf onderzoeken wie schuldig is (speelt geen detective).", NJI),
    Kijkpunt(
        "Vertelt wat er nu gaat gebeuren: overleggen met een collega of Veilig Thuis om advies vragen.", AUGEO
    ),
    Kijkpunt("Schrijft na het gesprek de feiten op, los van wat hij of zij ervan denkt.", AUGEO),
)


def observatieformulier() -> str:
    rijen = "".join(
        f'<tr><td>{n}. {e(k.tekst)}</td><td class="vak" aria-label="Gezien">☐</td>'
        f'<td class="vak" aria-label="Niet gezien">☐</td><td class="notitie"></td></tr>'
        for n, k in enumerate(KIJKPUNTEN, 1)
    )
    bronnen = sorted({k.bron for k in KIJKPUNTEN})
    inhoud = (
        "<h1>Observatieformulier: rollenspel 'iemand vertelt over geweld thuis'</h1>"
        "<p>Naam van de speler: ______________________ &nbsp; Naam van de observator: "
        "______________________ &nbsp; Datum: ____________</p>"
        "<p>Kijk en luister tijdens het rollenspel. Zet per punt een kruisje. Schrijf in de laatste kolom "
        "wat de speler zei of deed. Bespreek het formulier daarna samen: wat ging goed, wat kan anders?</p>"
        '<table><caption style="text-align:left;font-weight:bold">Waar let je op?</caption><thead><tr>'
        '<th scope="col">Wat doet de speler?</th><th scope="col">Gezien</th>'
        '<th scope="col">Niet gezien</th><th scope="col">Voorbeeld: wat zei of deed de speler?</th>'
        f"</tr></thead><tbody>{rijen}</tbody></table>"
        "<h2>Na het gesprek</h2><p>Vertelde de persoon over ernstig geweld dat nu gevaar kan geven? Dan is "
        "er mogelijk acute onveiligheid: overleg meteen en meld bij Veilig Thuis. Gaat het om iets van lang "
        "geleden, dan volg je de gewone stappen van de meldcode.</p>"
        "<p>Wat ging goed? ____________________________________________________________</p>"
        "<p>Wat kan anders? ___________________________________________________________</p>"
        '<p class="bronnen">Bronnen: ' + "; ".join(e(b) for b in [*bronnen, KNMG_BIJLAGE_5]) + ".</p>"
    )
    return pagina("Observatieformulier rollenspel", inhoud, "een-pagina")


# --- role-play cards from a lesson folder (lessen/<map>/rollenspel.yaml) ----------------------------------


class MateriaalFout(VoordeurFout):
    """A role-play file that cannot be used; the message (Dutch) names the file and the field."""


ROLLEN = ("professional", "ouder", "kind", "cliënt")
VELDEN = ("titel", "spelregels", "kaarten", "kijkpunten", "nabespreken")
KAARTVELDEN = ("titel", "rol", "tekst")


def _tekstveld(bron: Path, waar: str, waarde: Any) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        raise MateriaalFout(f"{bron}: het veld '{waar}' ontbreekt of is leeg. Schrijf er een tekst bij.")
    return waarde.strip()


def _lijst(bron: Path, inhoud: dict[str, Any], veld: str, velden: str) -> list[dict[str, Any]]:
    items = inhoud.get(veld)
    if not isinstance(items, list) or not items:
        raise MateriaalFout(f"{bron}: het veld '{veld}' moet een lijst zijn met minstens één item.")
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise MateriaalFout(f"{bron}: {veld}, item {n} moet de velden {velden} hebben.")
    return items


def lees_rollenspel(bron: Path) -> dict[str, Any]:
    """Read and check one ``rollenspel.yaml``: titel, spelregels, kaarten, kijkpunten, nabespreken."""
    import yaml

    from voordeur.veilig import VeiligFout, YamlGrens, laad_yaml, lees_tekst

    try:
        tekst = lees_tekst(bron, soort="rollenspelbestand")
        _, inhoud = laad_yaml(tekst, str(bron), YamlGrens(max_bytes=1 << 20))
    except (VeiligFout, yaml.YAMLError) as fout:
        raise MateriaalFout(f"{bron}: ik kan dit bestand niet lezen ({fout}).") from None
    if not isinstance(inhoud, dict):
        raise MateriaalFout(f"{bron}: het bestand moet de velden {', '.join(VELDEN)} hebben.")
    if onbekend := sorted(set(inhoud) - set(VELDEN)):
        raise MateriaalFout(f"{bron}: onbekend veld '{onbekend[0]}'. Bekende velden: {', '.join(VELDEN)}.")
    uit: dict[str, Any] = {k: _tekstveld(bron, k, inhoud.get(k)) for k in ("titel", "spelregels")}
    uit["nabespreken"] = _tekstveld(bron, "nabespreken", inhoud.get("nabespreken"))
    uit["kaarten"] = []
    for n, kaart in enumerate(_lijst(bron, inhoud, "kaarten", "titel, rol en tekst"), 1):
        velden = {k: _tekstveld(bron, f"kaarten, item {n}, {k}", kaart.get(k)) for k in KAARTVELDEN}
        if velden["rol"] not in ROLLEN:
            raise MateriaalFout(
                f"{bron}: kaarten, item {n} heeft de rol '{velden['rol']}'. Kies uit: {', '.join(ROLLEN)}."
            )
        uit["kaarten"].append(velden)
    uit["kijkpunten"] = []
    for n, punt in enumerate(_lijst(bron, inhoud, "kijkpunten", "tekst en bron"), 1):
        url = _tekstveld(bron, f"kijkpunten, item {n}, bron", punt.get("bron"))
        if not url.startswith(("https://", "http://")):
            raise MateriaalFout(f"{bron}: kijkpunten, item {n} heeft geen webadres als bron ('{url}').")
        tekst_punt = _tekstveld(bron, f"kijkpunten, item {n}, tekst", punt.get("tekst"))
        uit["kijkpunten"].append(Kijkpunt(tekst_punt, url))
    return uit


def rollenspellen() -> dict[str, Path]:
    """The role-play files of the lessons, in manifest order: ``{"rollenspel-les7": path}``."""
    from voordeur.lessen import LESSEN

    return {f"rollenspel-les{les.nummer}": pad for les in LESSEN
            if (pad := ROOT / "lessen" / les.map / "rollenspel.yaml").is_file()}


def rollenspelkaarten(bron: Path) -> str:
    """One card per page (the role and the case), then the observation form with its sources."""
    spel = lees_rollenspel(bron)
    regels = "".join(f"<p>{e(r)}</p>" for r in spel["spelregels"].split("\n\n"))
    kaarten = "".join(
        f'<section class="kaart"><h2 class="kaart-kop">{e(k["titel"])} · rol: {e(k["rol"])}</h2>'
        f'<div class="casus">{naar_html(k["tekst"])}</div><h3>Spelregels</h3>{regels}</section>'
        for k in spel["kaarten"]
    )
    rijen = "".join(
        f'<tr><td>{n}. {e(k.tekst)}</td><td class="vak" aria-label="Ja">☐</td>'
        f'<td class="vak" aria-label="Een beetje">☐</td><td class="vak" aria-label="Nee">☐</td>'
        f'<td class="notitie"></td></tr>'
        for n, k in enumerate(spel["kijkpunten"], 1)
    )
    bronnen = sorted({k.bron for k in spel["kijkpunten"]})
    formulier = (
        '<section class="kaart formulier"><h2 class="kaart-kop">Observatieformulier</h2>'
        "<p>Naam van de speler: ______________________ &nbsp; Naam van de observator: "
        "______________________ &nbsp; Kaart: ______</p>"
        '<table><caption style="text-align:left;font-weight:bold">Waar let je op?</caption><thead><tr>'
        '<th scope="col">Wat doet de professional?</th><th scope="col">Ja</th><th scope="col">Een beetje</th>'
        '<th scope="col">Nee</th><th scope="col">Wat zag of hoorde je? (letterlijk)</th>'
        f"</tr></thead><tbody>{rijen}</tbody></table>"
        f"<h3>Nabespreken</h3>{naar_html(spel['nabespreken'])}"
        '<p class="bronnen">Bronnen: ' + "; ".join(e(b) for b in bronnen) + ".</p></section>"
    )
    return pagina(spel["titel"], f"<h1>{e(spel['titel'])}</h1>{kaarten}{formulier}")


# --- building -----------------------------------------------------------------------------------------------


def bouw(uit: Path, pdf: bool = True) -> list[Path]:
    """Build every file into *uit*; returns the paths written (HTML, and PDF when asked)."""
    from voordeur.bewijs import html_naar_pdf
    from voordeur.veilig import schrijf_atomair

    banken = lesbanken()
    stukken = {
        "casuskaarten": casuskaarten(banken, docent=False),
        "casuskaarten-docent": casuskaarten(banken, docent=True),
        "afwegingskader": afwegingskader(),
        "observatieformulier": observatieformulier(),
        **{naam: rollenspelkaarten(pad) for naam, pad in rollenspellen().items()},
    }
    uit.mkdir(parents=True, exist_ok=True)
    geschreven = []
    for naam, tekst in stukken.items():
        geschreven.append(schrijf_atomair(uit / f"{naam}.html", tekst))
        if pdf:
            geschreven.append(schrijf_atomair(uit / f"{naam}.pdf", html_naar_pdf(tekst)))
    return geschreven


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak het lesmateriaal om af te drukken (HTML en PDF).")
    parser.add_argument(
        "--uit", type=Path, default=ROOT / "build" / "materiaal", help="map voor de bestanden"
    )
    parser.add_argument("--geen-pdf", action="store_true", help="alleen HTML, geen PDF")
    args = parser.parse_args(argv)
    try:
        paden = bouw(args.uit, pdf=not args.geen_pdf)
    except VoordeurFout as fout:
        print(f"Het materiaal is niet gemaakt: {fout}", file=sys.stderr)
        return 1
    for p in paden:
        print(f"gemaakt: {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
