"""The HTML pages the module builds outside JupyterLab (completion page, printable material, the class
overview's content) declare lang="nl" and pass axe-core with no serious or critical violation."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from typing import Any

import labdriver as ld
import pytest

from voordeur import bewijs, quiz
from voordeur.quiz import bestand, overzicht

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "quiz"))


def _materiaal() -> Any:
    spec = importlib.util.spec_from_file_location("build_materiaal", ROOT / "tools" / "build_materiaal.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_materiaal"] = module
    spec.loader.exec_module(module)
    return module


def _klasoverzicht(tmp: Path) -> str:
    from klas import maak_klas

    bank = quiz.laad_bank("les3")
    maak_klas(bank, tmp, 30)
    overzichten, meldingen = overzicht.per_bank(bestand.lees_map(tmp))
    inhoud = overzicht.pagina_html(overzichten, meldingen, 30)
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Klasoverzicht</title></head>'
        f"<body><main><h1>Klasoverzicht</h1>{inhoud}</main></body></html>"
    )


def _paginas(tmp: Path) -> dict[str, str]:
    m = _materiaal()
    banken = m.lesbanken()
    vraag = bestand.VraagAntwoorden(
        "v1",
        "enkel",
        (bestand.Poging("a", "goed", 1.0),),
        bestand.Uitslag("goed", 1.0),
        bestand.Uitslag("goed", 1.0),
    )
    b = bestand.lees_json(bestand.als_json(bestand.maak("les3", 2, [vraag], les=3, naam="Sam")), "x.json")
    return {
        "bewijs": bewijs.bewijs_html([b], op=date(2026, 12, 1)),
        "casuskaarten": m.casuskaarten(banken, docent=False),
        "casuskaarten-docent": m.casuskaarten(banken, docent=True),
        "afwegingskader": m.afwegingskader(),
        "observatieformulier": m.observatieformulier(),
        "klasoverzicht": _klasoverzicht(tmp),
        **{naam: m.rollenspelkaarten(pad) for naam, pad in m.rollenspellen().items()},
    }


NAMEN = [
    "bewijs",
    "casuskaarten",
    "casuskaarten-docent",
    "afwegingskader",
    "observatieformulier",
    "klasoverzicht",
    *_materiaal().rollenspellen(),  # role-play cards of the lessons that have them (rollenspel-les7)
]


@pytest.mark.parametrize("naam", NAMEN)
def test_pagina_is_nederlands_en_toegankelijk(naam: str, browser: Any, axe_js: Any, tmp_path: Path) -> None:
    html = _paginas(tmp_path)[naam]
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        page.set_content(html, wait_until="load")
        assert page.evaluate("() => document.documentElement.lang") == "nl"
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            gevonden = ld.summarize_violations(ld.run_axe(page)["violations"])
            ernstig = [v for v in gevonden if v["impact"] in ld.SERIOUS]
            assert not ernstig, f"axe op {naam} ({media}):\n" + ld.describe_violations(ernstig)
    finally:
        page.close()
