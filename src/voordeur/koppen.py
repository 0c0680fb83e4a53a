"""Dutch column headings for the tables a lesson shows (issue 16.8).

The datasets keep their column names (``waarde_bron``, ``per_1000_laag``): code and checks use them. A
table on screen shows a heading a student can read: :func:`kop` gives it. ``charts.tabel`` uses it for
every column, and ``data.toon`` also shows the column name to type in code under the heading.

A column without an entry here still gets a readable heading (underscores become spaces, first letter
upper case), so a new dataset never shows snake_case; add an entry when that heading is not good Dutch.
"""

from __future__ import annotations

KOPPEN: dict[str, str] = {
    # sources.csv
    "bron_id": "Bron",
    "uitgever": "Uitgever",
    "titel": "Titel",
    "jaar": "Jaar",
    "url": "Adres (url)",
    "opgehaald": "Gecontroleerd op",
    "status": "Status",
    "opmerking": "Opmerking",
    # figures
    "onderwerp": "Onderwerp",
    "vorm": "Vorm",
    "geslacht": "Geslacht",
    "groep": "Groep",
    "periode": "Periode",
    "halfjaar": "Halfjaar",
    "periodetype": "Soort periode",
    "label": "Naam in de publicatie",
    "structureel": "Structureel",
    "percentage": "Percentage",
    "personen": "Aantal personen",
    "personen_laag": "Personen (ondergrens)",
    "personen_hoog": "Personen (bovengrens)",
    "aantal": "Aantal",
    "maat": "Adviezen of meldingen",
    "niveau": "Niveau",
    "melder": "Melder",
    "voorlopig": "Voorlopig cijfer",
    "cbs_tabel": "StatLine-tabel",
    "gepubliceerd_als": "Zo staat het in de bron",
    "nauwkeurigheid": "Nauwkeurigheid",
    "hoofdcijfer": "Hoofdcijfer",
    "definitie": "Definitie",
    "uitleg": "Uitleg",
    "afbakening": "Wie telt mee",
    "studie": "Onderzoek",
    "methode": "Methode",
    "kinderen_laag": "Kinderen (ondergrens)",
    "kinderen_hoog": "Kinderen (bovengrens)",
    "per_1000_laag": "Per 1.000 kinderen (ondergrens)",
    "per_1000_hoog": "Per 1.000 kinderen (bovengrens)",
    "oorspronkelijke_bron": "Oorspronkelijk onderzoek",
    # source criticism (lesson 6)
    "bewering_artikel": "Wat het artikel zegt",
    "waarde_bron": "Cijfer in de bron",
    "eenheid": "Eenheid",
    "oordeel": "Ons oordeel",
    "verschil": "Waar zit het verschil?",
    "artikel": "Artikel",
}


def kop(kolom: object) -> str:
    """The Dutch heading of a column: from :data:`KOPPEN`, else the name made readable."""
    naam = str(kolom)
    if naam in KOPPEN:
        return KOPPEN[naam]
    leesbaar = " ".join(naam.replace("_", " ").split())
    return leesbaar[:1].upper() + leesbaar[1:] if leesbaar else naam
