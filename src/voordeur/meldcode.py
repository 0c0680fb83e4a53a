"""The meldcode as data: the five steps, the five afwegingsvragen, and the decision logic.

Pure logic, no widgets: lesson 4 uses it to walk through the afwegingskader on a case, and the tests
check the logic against the model afwegingskader as reproduced by NJi
(https://www.nji.nl/kindermishandeling/afwegingskader-meldcode).

- :data:`STAPPEN`: the five steps (official titles as on the Rijksoverheid page, plus the post-2019
  reading of steps 4 and 5).
- :data:`AFWEGINGSVRAGEN`: the five questions, quoted as on the NJi page.
- :func:`beslis`: given the answers (ja/nee) to the questions, return the outcome.
- :func:`volgende_vraag`: which question comes next (for a step-by-step walk).

Reporting is a professional norm since 1 January 2019, not a statutory duty (there is no general
meldplicht); the meldrecht (art. 5.2.6 Wmo 2015) makes reporting possible without consent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from voordeur.fouten import VoordeurFout
from voordeur.weergave import Tekst

BRON_RIJKSOVERHEID = "https://www.rijksoverheid.nl/onderwerpen/huiselijk-geweld/inhoud/meldcode"
BRON_NJI_AFWEGINGSKADER = "https://www.nji.nl/kindermishandeling/afwegingskader-meldcode"
BRON_AUGEO_STAPPENPLAN = "https://www.augeo.nl/nl-nl/themas/meldcode/meldcode-stappenplan/"
BRON_BASISDOCUMENT = (
    "https://www.rijksoverheid.nl/documenten/richtlijnen/2017/07/28/"
    "afwegingskader-in-de-meldcode-huiselijk-geweld-en-kindermishandeling"
)


class MeldcodeFout(VoordeurFout):
    """Answers to the afwegingsvragen that cannot be used (missing, or not ja/nee)."""


@dataclass(frozen=True)
class Stap:
    """One step of the meldcode."""

    nummer: int
    titel: str  # official wording (Rijksoverheid), quoted
    kort: str  # short name used in the lessons
    uitleg: str  # what you do in this step, in plain Dutch (B1)
    bronnen: tuple[str, ...]


@dataclass(frozen=True)
class Afwegingsvraag:
    """One question of the afwegingskader (model version, NJi)."""

    nummer: int
    kort: str
    vraag: str  # quoted as on the NJi page
    bij_ja: str
    bij_nee: str
    bron: str = BRON_NJI_AFWEGINGSKADER


@dataclass(frozen=True)
class Uitkomst:
    """The outcome of the afwegingskader for one set of answers."""

    code: str  # geen-vermoeden | melden | hulp-bieden | hulp-afsluiten
    titel: str
    uitleg: str
    melden: bool  # is reporting to Veilig Thuis needed?
    hulp: bool  # do you (also) offer or organise help?
    beslist_bij: int  # number of the question that decided the outcome
    pad: tuple[tuple[int, bool], ...]  # the questions answered on the way, with the answer

    def _tekst(self) -> str:
        regels = [f"Uitkomst: {self.titel}", self.uitleg, "", "Zo kwam je hier:"]
        for nummer, antwoord in self.pad:
            vraag = AFWEGINGSVRAGEN[nummer - 1]
            regels.append(f"- Vraag {nummer} ({vraag.kort}): {'ja' if antwoord else 'nee'}")
        return "\n".join(regels)

    def _repr_mimebundle_(self, include=None, exclude=None):  # type: ignore[no-untyped-def]
        regels = self._tekst().splitlines()
        markdown = f"**{regels[0]}**\n\n{regels[1]}\n\n**Zo kwam je hier:**\n\n" + "\n".join(regels[4:])
        return {"text/markdown": markdown, "text/plain": self._tekst()}

    def __str__(self) -> str:
        return self._tekst()


STAPPEN: tuple[Stap, ...] = (
    Stap(
        1,
        "In kaart brengen van signalen.",
        "Signalen in kaart brengen",
        "Je schrijft op wat je ziet en hoort. Alleen feiten, zonder oordeel. Je noteert ook signalen die "
        "je zorg juist kleiner maken. Werk je met volwassenen, dan hoort de kindcheck bij deze stap.",
        (BRON_RIJKSOVERHEID, BRON_AUGEO_STAPPENPLAN),
    ),
    Stap(
        2,
        "Overleggen met een collega. En eventueel raadplegen van Veilig thuis: het advies- en meldpunt "
        "huiselijk geweld en kindermishandeling. Of een deskundige op het gebied van letselduiding.",
        "Overleggen met een collega en zo nodig Veilig Thuis",
        "Je bespreekt de signalen met een collega, vaak de aandachtsfunctionaris. Je kunt ook advies "
        "vragen aan Veilig Thuis, ook zonder namen te noemen. Bij eergerelateerd geweld, huwelijksdwang "
        "of meisjesbesnijdenis bel je in deze stap meteen Veilig Thuis.",
        (BRON_RIJKSOVERHEID, BRON_AUGEO_STAPPENPLAN),
    ),
    Stap(
        3,
        "Gesprek met de betrokkene(n).",
        "Gesprek met de betrokkenen",
        "Je bespreekt je zorgen zo snel mogelijk met de cliënt, de ouders en waar het kan met het kind. "
        "Je slaat het gesprek alleen over als het iemand in gevaar brengt, of als je goede redenen hebt "
        "om te denken dat de cliënt dan het contact verbreekt. Bij eergerelateerd geweld ga je niet "
        "eerst met de familie in gesprek.",
        (BRON_RIJKSOVERHEID, BRON_AUGEO_STAPPENPLAN),
    ),
    Stap(
        4,
        "Wegen van het huiselijk geweld of de kindermishandeling. En bij twijfel altijd Veilig thuis "
        "raadplegen.",
        "Wegen van het geweld, met het afwegingskader",
        "Je schat het risico, de aard en de ernst in. Sinds 2019 gebruik je hierbij het afwegingskader. "
        "Twijfel je? Vraag dan altijd Veilig Thuis om advies.",
        (BRON_RIJKSOVERHEID, BRON_BASISDOCUMENT),
    ),
    Stap(
        5,
        "Beslissen over zelf hulp organiseren of melden.",
        "Beslissen: is melden nodig? En is hulp (ook) mogelijk?",
        "Sinds 2019 neem je twee beslissingen. Eerst: is melden bij Veilig Thuis nodig? Daarna: kan ik "
        "(ook) hulp bieden of organiseren? Melden en helpen gaan dus samen. Let op: de Rijksoverheid "
        "gebruikt nog de oude titel van deze stap.",
        (BRON_RIJKSOVERHEID, BRON_AUGEO_STAPPENPLAN, BRON_NJI_AFWEGINGSKADER),
    ),
)

AFWEGINGSVRAGEN: tuple[Afwegingsvraag, ...] = (
    Afwegingsvraag(
        1,
        "Vermoeden",
        "Heb ik op basis van de stappen 1 tot en met 4 van de meldcode een vermoeden van (dreiging van) "
        "huiselijk geweld en/of kindermishandeling?",
        bij_ja="Ga door naar vraag 2.",
        bij_nee="Sluit af en leg dat vast in het dossier.",
    ),
    Afwegingsvraag(
        2,
        "Acute of structurele onveiligheid",
        "Schat ik op basis van de stappen 1 tot en met 4 van de meldcode in dat er sprake is van acute "
        "onveiligheid en/of structurele onveiligheid?",
        bij_ja="Meld bij Veilig Thuis. De vragen 3 tot en met 5 loop je daarna samen met Veilig Thuis door.",
        bij_nee="Ga door naar vraag 3.",
    ),
    Afwegingsvraag(
        3,
        "Zelf hulp bieden of organiseren",
        "Ben ik in staat effectieve hulp te bieden of organiseren om dreiging van (toekomstig) huiselijk "
        "geweld en/of kindermishandeling af te wenden?",
        bij_ja="Ga door naar vraag 4.",
        bij_nee="Meld bij Veilig Thuis.",
    ),
    Afwegingsvraag(
        4,
        "Aanvaarden van hulp",
        "Aanvaarden de betrokkenen hulp om dreiging van (toekomstig) huiselijk geweld en/of "
        "kindermishandeling af te wenden en zijn zij bereid zich hiervoor in te zetten?",
        bij_ja="Bied of organiseer de hulp en volg of die werkt (vraag 5).",
        bij_nee="Meld bij Veilig Thuis.",
    ),
    Afwegingsvraag(
        5,
        "Gewenst resultaat",
        "Leidt de hulp binnen de gewenste termijn tot de noodzakelijke resultaten ten aanzien van de "
        "veiligheid en/of het welzijn (herstel) van alle betrokkenen?",
        bij_ja="Sluit de hulp af. Maak afspraken met de betrokkenen en andere organisaties over het "
        "volgen van de veiligheid.",
        bij_nee="Meld (alsnog) bij Veilig Thuis.",
    ),
)

_UITKOMSTEN = {
    "geen-vermoeden": (
        "geen vermoeden: afsluiten",
        "Je hebt geen vermoeden (meer). Je sluit af en legt je afweging vast in het dossier.",
        False,
        False,
    ),
    "melden": (
        "melden bij Veilig Thuis",
        "Je meldt bij Veilig Thuis. Daarna bepaal je samen met Veilig Thuis welke hulp jij (ook) kunt "
        "bieden of organiseren. Melden en helpen gaan samen.",
        True,
        True,
    ),
    "hulp-bieden": (
        "hulp bieden of organiseren en volgen",
        "Je biedt of organiseert hulp en volgt of die werkt. Vraag 5 beantwoord je later: leidt de hulp "
        "op tijd tot een veilige situatie? Zo niet, dan meld je alsnog.",
        False,
        True,
    ),
    "hulp-afsluiten": (
        "hulp afsluiten met afspraken",
        "De hulp heeft op tijd gewerkt. Je sluit af en maakt afspraken over hoe iedereen de veiligheid "
        "blijft volgen.",
        False,
        True,
    ),
}


def _als_bool(nummer: int, waarde: object) -> bool | None:
    if waarde is None or isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, str) and waarde.strip().lower() in ("ja", "nee"):
        return waarde.strip().lower() == "ja"
    raise MeldcodeFout(
        f"Afwegingsvraag {nummer}: het antwoord {waarde!r} is geen ja of nee. "
        "Gebruik True (ja), False (nee) of de woorden 'ja' en 'nee'."
    )


def _normaliseer(antwoorden: Sequence[object] | Mapping[int, object]) -> dict[int, bool | None]:
    if isinstance(antwoorden, Mapping):
        onbekend = [k for k in antwoorden if k not in range(1, 6)]
        if onbekend:
            raise MeldcodeFout(f"Er zijn maar vijf afwegingsvragen (1 tot en met 5); niet: {onbekend}.")
        return {n: _als_bool(n, antwoorden.get(n)) for n in range(1, 6)}
    lijst = list(antwoorden)
    if len(lijst) > 5:
        raise MeldcodeFout(f"Er zijn vijf afwegingsvragen, maar je gaf {len(lijst)} antwoorden.")
    lijst += [None] * (5 - len(lijst))
    return {n: _als_bool(n, lijst[n - 1]) for n in range(1, 6)}


def _uitkomst(code: str, pad: list[tuple[int, bool]]) -> Uitkomst:
    titel, uitleg, melden, hulp = _UITKOMSTEN[code]
    return Uitkomst(code, titel, uitleg, melden, hulp, pad[-1][0], tuple(pad))


def volgende_vraag(antwoorden: Sequence[object] | Mapping[int, object] = ()) -> Afwegingsvraag | None:
    """The next question to answer, or ``None`` when the answers so far already give an outcome.

    After question 4 = ja the outcome is "hulp bieden", but question 5 is still asked later (when the
    help has run); this function then returns question 5.
    """
    a = _normaliseer(antwoorden)
    for nummer in range(1, 6):
        if a[nummer] is None:
            return AFWEGINGSVRAGEN[nummer - 1]
        if _stopt_hier(nummer, a[nummer]):
            return None
    return None


def _stopt_hier(nummer: int, antwoord: bool | None) -> bool:
    """Does this answer end the walk through the questions?"""
    if nummer == 1:
        return antwoord is False
    if nummer == 2:
        return antwoord is True
    if nummer in (3, 4):
        return antwoord is False
    return True


def beslis(antwoorden: Sequence[object] | Mapping[int, object]) -> Uitkomst:
    """Return the outcome of the afwegingskader (NJi model) for these answers.

    ``antwoorden`` is a list in question order (``[True, False, True]``) or a mapping
    ``{1: "ja", 2: "nee"}``; ``True``/``"ja"`` is yes, ``False``/``"nee"`` is no, ``None`` is not
    (yet) answered. Only the questions on the path are needed; answers after the deciding question
    are ignored. Raises :class:`MeldcodeFout` when a needed answer is missing.

    The model: 1 nee → afsluiten; 2 ja → melden; 3 nee → melden; 4 nee → melden;
    4 ja → hulp bieden (and answer question 5 later); 5 nee → (alsnog) melden; 5 ja → hulp afsluiten.
    """
    a = _normaliseer(antwoorden)
    pad: list[tuple[int, bool]] = []
    for nummer in range(1, 6):
        antwoord = a[nummer]
        if antwoord is None:
            if nummer == 5:
                return _uitkomst("hulp-bieden", pad)
            vraag = AFWEGINGSVRAGEN[nummer - 1]
            raise MeldcodeFout(
                f"Afwegingsvraag {nummer} ({vraag.kort}) is nog niet beantwoord. "
                f"Zonder dat antwoord is er nog geen uitkomst."
            )
        pad.append((nummer, antwoord))
        if nummer == 1 and not antwoord:
            return _uitkomst("geen-vermoeden", pad)
        if nummer == 2 and antwoord:
            return _uitkomst("melden", pad)
        if nummer in (3, 4) and not antwoord:
            return _uitkomst("melden", pad)
        if nummer == 5:
            return _uitkomst("hulp-afsluiten" if antwoord else "melden", pad)
    raise AssertionError("unreachable")  # pragma: no cover


def stappen() -> Tekst:
    """The five steps as a short Markdown list (with plain text for nbval and screen readers)."""
    regels = []
    for s in STAPPEN:
        regels.append(f"{s.nummer}. **{s.kort}**: {s.uitleg}")
    markdown = "\n".join(regels)
    plat = "\n".join(f"{s.nummer}. {s.kort}: {s.uitleg}" for s in STAPPEN)
    return Tekst(markdown, plat)


def afwegingsvragen() -> Tekst:
    """The five afwegingsvragen with what follows from ja and nee."""
    md, plat = [], []
    for v in AFWEGINGSVRAGEN:
        md.append(f"{v.nummer}. **{v.kort}**: *“{v.vraag}”*  \n   Ja → {v.bij_ja} Nee → {v.bij_nee}")
        plat.append(f"{v.nummer}. {v.kort}: “{v.vraag}” Ja: {v.bij_ja} Nee: {v.bij_nee}")
    md.append(f"\nBron: NJi, voorbeeld-afwegingskader <{BRON_NJI_AFWEGINGSKADER}>")
    plat.append(f"Bron: NJi, voorbeeld-afwegingskader {BRON_NJI_AFWEGINGSKADER}")
    return Tekst("\n".join(md), "\n".join(plat))
