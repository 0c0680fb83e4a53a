"""The meldcode logic follows the model afwegingskader (NJi): every path, and clear errors."""

from __future__ import annotations

import itertools

import pytest

from voordeur import meldcode
from voordeur.fouten import VoordeurFout
from voordeur.meldcode import AFWEGINGSVRAGEN, STAPPEN, MeldcodeFout, beslis, volgende_vraag


def test_vijf_stappen_met_officiele_titels_en_bronnen():
    assert [s.nummer for s in STAPPEN] == [1, 2, 3, 4, 5]
    assert STAPPEN[0].titel == "In kaart brengen van signalen."
    assert STAPPEN[2].titel == "Gesprek met de betrokkene(n)."
    assert STAPPEN[3].titel.startswith("Wegen van het huiselijk geweld of de kindermishandeling.")
    for s in STAPPEN:
        assert s.bronnen and all(b.startswith("https://") for b in s.bronnen)
    # step 5 is explained as two decisions: melden and helpen are not either/or
    assert "Melden en helpen gaan dus samen" in STAPPEN[4].uitleg


def test_vijf_afwegingsvragen_in_volgorde_met_bron():
    assert [v.kort for v in AFWEGINGSVRAGEN] == [
        "Vermoeden",
        "Acute of structurele onveiligheid",
        "Zelf hulp bieden of organiseren",
        "Aanvaarden van hulp",
        "Gewenst resultaat",
    ]
    assert AFWEGINGSVRAGEN[1].vraag.startswith("Schat ik op basis van de stappen 1 tot en met 4")
    assert all(v.bron == meldcode.BRON_NJI_AFWEGINGSKADER for v in AFWEGINGSVRAGEN)


@pytest.mark.parametrize(
    ("antwoorden", "code", "beslist_bij"),
    [
        ([False], "geen-vermoeden", 1),
        ([True, True], "melden", 2),
        ([True, False, False], "melden", 3),
        ([True, False, True, False], "melden", 4),
        ([True, False, True, True], "hulp-bieden", 4),
        ([True, False, True, True, False], "melden", 5),
        ([True, False, True, True, True], "hulp-afsluiten", 5),
    ],
)
def test_elk_pad_van_het_model(antwoorden, code, beslist_bij):
    uitkomst = beslis(antwoorden)
    assert uitkomst.code == code
    assert uitkomst.beslist_bij == beslist_bij
    assert [n for n, _ in uitkomst.pad] == list(range(1, len(uitkomst.pad) + 1))


def test_acute_onveiligheid_betekent_melden_en_samen_hulp():
    uitkomst = beslis([True, True])
    assert uitkomst.melden is True
    assert uitkomst.hulp is True  # melden en helpen gaan samen (since 2019)
    assert "samen" in uitkomst.uitleg


def test_geen_vermoeden_is_afsluiten_zonder_melden():
    uitkomst = beslis(["nee"])
    assert not uitkomst.melden and not uitkomst.hulp
    assert "dossier" in uitkomst.uitleg


def test_antwoorden_na_de_beslissende_vraag_tellen_niet():
    assert beslis([True, True, True, True, True]).code == "melden"
    assert beslis([False, True, True]).code == "geen-vermoeden"


def test_alle_combinaties_geven_een_uitkomst():
    for combinatie in itertools.product([True, False], repeat=5):
        uitkomst = beslis(list(combinatie))
        assert uitkomst.code in {"geen-vermoeden", "melden", "hulp-afsluiten"}
        # melden exactly when a "meld" branch was taken
        verwacht_melden = combinatie[0] and (
            combinatie[1] or not combinatie[2] or not combinatie[3] or not combinatie[4]
        )
        assert uitkomst.melden == verwacht_melden


def test_ja_nee_als_woorden_en_als_mapping():
    assert beslis({1: "ja", 2: "Nee", 3: "ja", 4: "nee"}).code == "melden"
    assert beslis({1: True, 2: False, 3: True, 4: True}).code == "hulp-bieden"


def test_ontbrekend_antwoord_geeft_duidelijke_fout():
    with pytest.raises(MeldcodeFout, match="Afwegingsvraag 3"):
        beslis([True, False])
    with pytest.raises(MeldcodeFout, match="Afwegingsvraag 1"):
        beslis([])
    assert issubclass(MeldcodeFout, VoordeurFout)


def test_onzin_antwoord_geeft_duidelijke_fout():
    with pytest.raises(MeldcodeFout, match="geen ja of nee"):
        beslis([True, "misschien"])
    with pytest.raises(MeldcodeFout, match="vijf afwegingsvragen"):
        beslis([True] * 6)
    with pytest.raises(MeldcodeFout, match="1 tot en met 5"):
        beslis({6: True})


def test_volgende_vraag():
    assert volgende_vraag([]).nummer == 1
    assert volgende_vraag([True]).nummer == 2
    assert volgende_vraag([True, True]) is None  # melden
    assert volgende_vraag([False]) is None  # afsluiten
    assert volgende_vraag([True, False, True, True]).nummer == 5
    assert volgende_vraag([True, False, True, True, True]) is None


def test_weergave_heeft_platte_tekst():
    uitkomst = beslis([True, False, True, False])
    bundel = uitkomst._repr_mimebundle_()
    assert "melden bij Veilig Thuis" in bundel["text/plain"]
    assert "Vraag 4 (Aanvaarden van hulp): nee" in bundel["text/plain"]
    assert "Wegen van het geweld" in meldcode.stappen().platte_tekst
    assert meldcode.BRON_NJI_AFWEGINGSKADER in meldcode.afwegingsvragen().platte_tekst
