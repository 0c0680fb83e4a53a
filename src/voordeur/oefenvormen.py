"""The exercise kinds without code (issue 17): sort, choose, order and fill in, with feedback per item.

Students of care and social work get a route through the exercises that needs no pandas code. A task
of such a kind is declared like every other check, in a raw cell tagged ``controle`` under the task in
``lessen/NN-slug/oefening.md`` (contract: ``docs/dev/contracts.md`` section 4b). Its key is in the
declaration itself, so nothing is computed at build time.

This module is pure logic (no ipywidgets, no pandas): it validates a declaration (:func:`problemen`),
compiles it into the entry that ``controles.json`` stores (:func:`compileer`), judges an answer
(:func:`beoordeel`) and lists the task as text (:func:`als_tekst`). ``voordeur.checks`` registers the
kinds (``checks.SOORTEN``) and stays the one entry point (``controleer("7.1", {...})``); the form that
``checks.oefen("7.1")`` shows lives in :mod:`voordeur.oefenweergave`.

===============  =========================================  ==========================================
kind             code-route answer                          judged
===============  =========================================  ==========================================
``indelen``      dict item -> category (key or label)       per item: right, wrong (its hint), missing
``kiezen``       dict sub-question -> option (a text when   per sub-question: right, wrong (the hint of
                 there is one sub-question)                 the chosen option), missing
``meer-kiezen``  list or set of option keys (or texts)      per option: chosen right/wrong, missing
``volgorde``     list of item keys (or texts), each once    per place: right, wrong (its hint)
``formulier``    dict field -> text (a text for one field)  per field: its rules (words that signal an
                                                            interpretation, required patterns, length)
===============  =========================================  ==========================================

Verdicts are those of :mod:`voordeur.oordeel`: ``goed`` (all right), ``deels`` (some right), ``fout``,
``leeg`` (nothing given), ``onleesbaar`` (an answer of the wrong shape: an unknown item, an item twice).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from voordeur.oordeel import DEELS, FOUT, GOED, LEEG, ONLEESBAAR, kop

__all__ = [
    "SOORTEN",
    "Punt",
    "Uitslag",
    "VerkeerdeVorm",
    "als_tekst",
    "beoordeel",
    "compileer",
    "naar_json",
    "problemen",
    "uit_json",
]

SOORTEN = ("indelen", "kiezen", "meer-kiezen", "volgorde", "formulier")
"""The kinds without code."""

GEMEEN = frozenset({"opdracht", "titel", "soort", "vraag", "goed", "deels", "bron"})
"""The fields every kind has (``vraag``, ``deels`` and ``bron`` are optional)."""

VELDEN: dict[str, frozenset[str]] = {
    "indelen": frozenset({"categorieen", "items", "antwoorden", "hints", "uitleg"}),
    "kiezen": frozenset({"vragen"}),
    "meer-kiezen": frozenset({"opties", "antwoord", "hints", "uitleg"}),
    "volgorde": frozenset({"items", "antwoord", "hints"}),
    "formulier": frozenset({"velden", "voorbeeld"}),
}
"""The fields of each kind besides :data:`GEMEEN`."""

VERPLICHT: dict[str, tuple[str, ...]] = {
    "indelen": ("categorieen", "items", "antwoorden"),
    "kiezen": ("vragen",),
    "meer-kiezen": ("opties", "antwoord"),
    "volgorde": ("items", "antwoord"),
    "formulier": ("velden",),
}

VORM: dict[str, str] = {
    "indelen": "dict",
    "kiezen": "dict",
    "formulier": "dict",
    "meer-kiezen": "lijst",
    "volgorde": "lijst",
}
"""The shape of a code-route answer per kind."""

KIEZEN_VELDEN = frozenset({"vraag", "opties", "antwoord", "hints", "uitleg"})
VELD_VELDEN = frozenset({"label", "regels", "voorbeeld"})
REGEL_SOORTEN = ("niet", "moet", "min_woorden", "max_woorden")

WOORD = {"indelen": "zin", "kiezen": "vraag", "meer-kiezen": "keuze", "volgorde": "stap", "formulier": "veld"}
"""How the items of a kind are called in messages."""


# --- validating and compiling a declaration (build time) -----------------------------------------------


def _tekst(x: Any) -> bool:
    return isinstance(x, str) and bool(x.strip())


def _schoon(x: Any) -> str:
    """One line: whitespace folded (YAML block scalars keep their line breaks otherwise)."""
    return " ".join(str(x).split())


def _sleutel(x: Any) -> str:
    """How a key is compared: as text, without spaces at the ends, lower case."""
    return str(x).strip().lower()


def _norm(tekst: str) -> str:
    """For comparing a label or option text that a student typed: no case, spaces or punctuation."""
    return re.sub(r"[\s_\-.,:;'\"()!?]+", "", tekst.lower())


def _tabel(waarde: Any, veld: str, fouten: list[str], *, lijst_mag: bool = False) -> dict[str, str]:
    """A mapping key -> text (a list becomes key = text when *lijst_mag*); problems go to *fouten*."""
    if lijst_mag and isinstance(waarde, list):
        waarde = {x: x for x in waarde}
    if not isinstance(waarde, Mapping) or not waarde:
        wat = "een lijst of een tabel (sleutel: tekst)" if lijst_mag else "een tabel (sleutel: tekst)"
        fouten.append(f"het veld '{veld}' moet {wat} zijn met minstens één regel.")
        return {}
    uit: dict[str, str] = {}
    gezien: dict[str, str] = {}
    for k, v in waarde.items():
        sleutel = str(k).strip()
        if not sleutel or not _tekst(v):
            fouten.append(f"in '{veld}' heeft '{sleutel}' geen tekst.")
            continue
        if _sleutel(sleutel) in gezien:
            fouten.append(
                f"in '{veld}' staan '{gezien[_sleutel(sleutel)]}' en '{sleutel}': "
                "dat is voor een student dezelfde naam."
            )
            continue
        gezien[_sleutel(sleutel)] = sleutel
        if _norm(_schoon(v)) in {_norm(t) for t in uit.values()}:
            fouten.append(f"in '{veld}' staat de tekst van '{sleutel}' twee keer.")
            continue
        uit[sleutel] = _schoon(v)
    return uit


def _bij(sleutels: dict[str, Any], naam: Any) -> str | None:
    """The key in *sleutels* that *naam* names (compared as text, case-insensitive), or None."""
    doel = _sleutel(naam)
    return next((k for k in sleutels if _sleutel(k) == doel), None)


def _teksten_per(
    waarde: Any, veld: str, bekend: dict[str, Any], wat: str, fouten: list[str]
) -> dict[str, str]:
    """An optional mapping (hints, uitleg) whose keys must be known items/options."""
    if waarde is None:
        return {}
    if not isinstance(waarde, Mapping):
        fouten.append(f"het veld '{veld}' moet een tabel zijn ({wat}: tekst).")
        return {}
    uit = {}
    for k, v in waarde.items():
        sleutel = _bij(bekend, k)
        if sleutel is None:
            fouten.append(f"'{veld}' noemt {wat} '{k}', maar die bestaat niet (bekend: {', '.join(bekend)}).")
        elif not _tekst(v):
            fouten.append(f"in '{veld}' heeft '{k}' geen tekst.")
        else:
            uit[sleutel] = _schoon(v)
    return uit


def _geldig_patroon(patroon: str, waar: str, fouten: list[str]) -> bool:
    try:
        re.compile(patroon)
    except re.error as e:
        fouten.append(f"{waar}: het patroon '{patroon}' is geen geldige regex ({e}).")
        return False
    return True


def _regels(veld: str, waarde: Any, fouten: list[str]) -> list[dict[str, Any]]:
    if waarde is None:
        return []
    if not isinstance(waarde, list):
        fouten.append(f"veld '{veld}': 'regels' moet een lijst zijn.")
        return []
    uit = []
    for i, regel in enumerate(waarde, 1):
        waar = f"veld '{veld}', regel {i}"
        if not isinstance(regel, Mapping):
            fouten.append(f"{waar}: een regel heeft een soort ({', '.join(REGEL_SOORTEN)}) en een 'hint'.")
            continue
        soorten = [s for s in REGEL_SOORTEN if s in regel]
        onbekend = set(regel) - {*REGEL_SOORTEN, "hint"}
        if onbekend:
            fouten.append(f"{waar}: onbekend veld {', '.join(sorted(map(str, onbekend)))}.")
            continue
        if len(soorten) != 1 or not _tekst(regel.get("hint")):
            fouten.append(
                f"{waar}: een regel heeft precies één van {', '.join(REGEL_SOORTEN)} en een 'hint'."
            )
            continue
        s = soorten[0]
        w = regel[s]
        if s in ("niet", "moet"):
            if isinstance(w, str):
                w = [w]
            if not isinstance(w, list) or not w or not all(_tekst(x) for x in w):
                fouten.append(f"{waar}: '{s}' moet een lijst met woorden of patronen zijn.")
                continue
            if s == "moet" and not all(_geldig_patroon(p, waar, fouten) for p in w):
                continue
            uit.append({s: [str(x).strip() for x in w], "hint": _schoon(regel["hint"])})
        else:
            if not isinstance(w, int) or isinstance(w, bool) or w < 1:
                fouten.append(f"{waar}: '{s}' moet een heel getal van 1 of meer zijn.")
                continue
            uit.append({s: w, "hint": _schoon(regel["hint"])})
    return uit


def _compileer(spec: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The stored entry and the problems of a declaration (the entry is only usable without problems)."""
    fouten: list[str] = []
    soort = spec.get("soort")
    if soort not in SOORTEN:
        return {}, [f"soort '{soort}' is geen soort zonder code (kies uit: {', '.join(SOORTEN)})."]
    onbekend = set(spec) - GEMEEN - VELDEN[soort]
    if onbekend:
        fouten.append(
            f"onbekend veld {', '.join(sorted(map(str, onbekend)))} (soort '{soort}' kent: "
            f"{', '.join(sorted(GEMEEN | VELDEN[soort]))})."
        )
    for veld in ("titel", "goed"):
        if not _tekst(spec.get(veld)):
            fouten.append(f"het veld '{veld}' ontbreekt of is leeg.")
    for veld in ("vraag", "deels", "bron"):
        if veld in spec and not _tekst(spec[veld]):
            fouten.append(f"het veld '{veld}' is leeg of geen tekst.")
    if _tekst(spec.get("deels")):
        try:
            str(spec["deels"]).format(goed=1, totaal=2)
        except (KeyError, IndexError, ValueError):
            fouten.append("het veld 'deels' mag alleen {goed} en {totaal} tussen accolades hebben.")
    for veld in VERPLICHT[soort]:
        if spec.get(veld) is None:
            fouten.append(f"het veld '{veld}' ontbreekt (soort '{soort}').")
    if fouten:
        return {}, fouten
    regel: dict[str, Any] = {
        "titel": _schoon(spec["titel"]),
        "soort": soort,
        "vraag": _schoon(spec.get("vraag") or ""),
        "goed": _schoon(spec["goed"]),
        "deels": _schoon(spec.get("deels") or ""),
        "bronregel": _schoon(spec.get("bron") or ""),
    }
    if soort == "indelen":
        regel.update(_indelen(spec, fouten))
    elif soort == "kiezen":
        regel.update(_kiezen(spec, fouten))
    elif soort == "meer-kiezen":
        regel.update(_meer_kiezen(spec, fouten))
    elif soort == "volgorde":
        regel.update(_volgorde(spec, fouten))
    else:
        regel.update(_formulier(spec, fouten))
    return regel, fouten


def _indelen(spec: Mapping[str, Any], fouten: list[str]) -> dict[str, Any]:
    categorieen = _tabel(spec["categorieen"], "categorieen", fouten, lijst_mag=True)
    if len(categorieen) == 1:
        fouten.append("het veld 'categorieen' heeft er maar één: geef minstens twee groepen.")
    labels: dict[str, str] = {}
    for k, label in categorieen.items():
        for naam in {_norm(k), _norm(label)}:
            if naam in labels and labels[naam] != k:
                fouten.append(f"in 'categorieen' lijken '{labels[naam]}' en '{k}' te veel op elkaar.")
            labels[naam] = k
    items = _tabel(spec["items"], "items", fouten)
    antwoorden: dict[str, str] = {}
    if not isinstance(spec["antwoorden"], Mapping):
        fouten.append("het veld 'antwoorden' moet een tabel zijn (item: categorie).")
    else:
        for k, v in spec["antwoorden"].items():
            item, cat = _bij(items, k), _bij(categorieen, v)
            if item is None:
                fouten.append(f"'antwoorden' noemt item '{k}', maar dat staat niet bij 'items'.")
            elif cat is None:
                fouten.append(
                    f"'antwoorden' geeft item '{k}' de categorie '{v}', maar die staat niet bij "
                    f"'categorieen' ({', '.join(categorieen)})."
                )
            elif item in antwoorden:
                fouten.append(f"'antwoorden' noemt item '{k}' twee keer.")
            else:
                antwoorden[item] = cat
        for item in items:
            if (
                items
                and item not in antwoorden
                and not any(_bij(items, k) == item for k in spec["antwoorden"])
            ):
                fouten.append(f"'antwoorden' mist item '{item}': elk item hoort bij precies één categorie.")
    return {
        "categorieen": categorieen,
        "items": items,
        "verwacht": antwoorden,
        "hints": _teksten_per(spec.get("hints"), "hints", items, "item", fouten),
        "uitleg": _teksten_per(spec.get("uitleg"), "uitleg", items, "item", fouten),
    }


def _deeltabellen(
    invoer: Mapping[Any, Any], wat: str, velden_tekst: str, toegestaan: frozenset[str],
    gezien: Mapping[str, Any], fouten: list[str],
) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """The named sub-tables of a declaration (the questions of ``kiezen``, the fields of ``formulier``).

    Yields ``(name, where, table)`` for each one worth reading; a name already in *gezien* (filled by the
    caller while it reads), a value that is no table and unknown fields are reported in *fouten*.
    """
    for k, v in invoer.items():
        vid = str(k).strip()
        waar = f"{wat} '{vid}'"
        if _bij(gezien, vid) is not None:
            fouten.append(f"{waar} staat er twee keer.")
            continue
        if not isinstance(v, Mapping):
            fouten.append(f"{waar}: hoort een tabel te zijn met {velden_tekst}.")
            continue
        onbekend = set(v) - toegestaan
        if onbekend:
            fouten.append(f"{waar}: onbekend veld {', '.join(sorted(map(str, onbekend)))}.")
        yield vid, waar, v


def _kiezen(spec: Mapping[str, Any], fouten: list[str]) -> dict[str, Any]:
    vragen_in = spec["vragen"]
    if not isinstance(vragen_in, Mapping) or not vragen_in:
        fouten.append(
            "het veld 'vragen' moet een tabel zijn met minstens één vraag (naam: vraag, opties, "
            "antwoord, hints)."
        )
        return {}
    vragen: dict[str, dict[str, Any]] = {}
    verwacht: dict[str, str] = {}
    for vid, waar, v in _deeltabellen(vragen_in, "vraag", "'vraag', 'opties', 'antwoord' en 'hints'",
                                      KIEZEN_VELDEN, vragen, fouten):
        if not _tekst(v.get("vraag")):
            fouten.append(f"{waar}: het veld 'vraag' ontbreekt of is leeg.")
        opties = _tabel(v.get("opties"), f"vragen.{vid}.opties", fouten)
        if len(opties) == 1:
            fouten.append(f"{waar}: geef minstens twee opties.")
        antwoord = _bij(opties, v.get("antwoord")) if v.get("antwoord") is not None else None
        if antwoord is None:
            fouten.append(
                f"{waar}: 'antwoord' ({v.get('antwoord')}) is geen van de opties ({', '.join(opties)})."
            )
        hints = _teksten_per(v.get("hints"), f"vragen.{vid}.hints", opties, "optie", fouten)
        if antwoord in hints:
            fouten.append(
                f"{waar}: 'hints' heeft een hint bij het goede antwoord '{antwoord}'; een hint hoort "
                "bij een fout antwoord (uitleg bij het goede antwoord: 'uitleg')."
            )
        for optie in opties:
            if optie != antwoord and optie not in hints and antwoord is not None:
                fouten.append(f"{waar}: de foute optie '{optie}' heeft geen hint (veld 'hints').")
        if "uitleg" in v and not _tekst(v["uitleg"]):
            fouten.append(f"{waar}: 'uitleg' is leeg of geen tekst.")
        vragen[vid] = {
            "vraag": _schoon(v.get("vraag") or ""),
            "opties": opties,
            "hints": hints,
            "uitleg": _schoon(v.get("uitleg") or ""),
        }
        if antwoord is not None:
            verwacht[vid] = antwoord
    return {"vragen": vragen, "verwacht": verwacht}


def _keuzelijst(waarde: Any, veld: str, bekend: dict[str, str], fouten: list[str]) -> list[str]:
    if isinstance(waarde, str):
        waarde = [waarde]
    if not isinstance(waarde, list) or not waarde:
        fouten.append(f"het veld '{veld}' moet een lijst zijn met minstens één naam.")
        return []
    uit = []
    for x in waarde:
        sleutel = _bij(bekend, x)
        if sleutel is None:
            fouten.append(f"'{veld}' noemt '{x}', maar die staat er niet bij ({', '.join(bekend)}).")
        elif sleutel in uit:
            fouten.append(f"'{veld}' noemt '{x}' twee keer.")
        else:
            uit.append(sleutel)
    return uit


def _meer_kiezen(spec: Mapping[str, Any], fouten: list[str]) -> dict[str, Any]:
    opties = _tabel(spec["opties"], "opties", fouten)
    if len(opties) == 1:
        fouten.append("het veld 'opties' heeft er maar één: geef minstens twee opties.")
    antwoord = _keuzelijst(spec["antwoord"], "antwoord", opties, fouten)
    antwoord = [o for o in opties if o in antwoord]  # in the order shown
    return {
        "opties": opties,
        "verwacht": antwoord,
        "hints": _teksten_per(spec.get("hints"), "hints", opties, "optie", fouten),
        "uitleg": _teksten_per(spec.get("uitleg"), "uitleg", opties, "optie", fouten),
    }


def _volgorde(spec: Mapping[str, Any], fouten: list[str]) -> dict[str, Any]:
    items = _tabel(spec["items"], "items", fouten)
    if len(items) == 1:
        fouten.append("het veld 'items' heeft er maar één: geef minstens twee stappen.")
    antwoord = _keuzelijst(spec["antwoord"], "antwoord", items, fouten)
    if items and antwoord and sorted(antwoord) != sorted(items):
        mist = [i for i in items if i not in antwoord]
        if mist:
            fouten.append(f"'antwoord' mist {', '.join(mist)}: elk item staat er precies één keer in.")
    elif len(antwoord) >= 3 and sorted(antwoord, key=_natuurlijk) == antwoord:
        fouten.append(
            f"de namen in 'items' ({', '.join(antwoord)}) verraden de volgorde: op alfabet staan ze "
            "al goed, en wie met code antwoordt ziet ze. Kies namen die niets over de plek zeggen, "
            "zoals 'signalen', 'overleg', 'gesprek'."
        )
    return {
        "items": items,
        "verwacht": antwoord,
        "hints": _teksten_per(spec.get("hints"), "hints", items, "item", fouten),
    }


def _natuurlijk(sleutel: str) -> list[Any]:
    """Sort key "s2" < "s10"."""
    return [(0, int(d), "") if d.isdigit() else (1, 0, d) for d in re.split(r"(\d+)", sleutel.lower()) if d]


def _formulier(spec: Mapping[str, Any], fouten: list[str]) -> dict[str, Any]:
    velden_in = spec["velden"]
    if not isinstance(velden_in, Mapping) or not velden_in:
        fouten.append("het veld 'velden' moet een tabel zijn met minstens één veld (naam: label, regels).")
        return {}
    velden: dict[str, dict[str, Any]] = {}
    for vid, waar, v in _deeltabellen(velden_in, "veld", "'label' en 'regels'", VELD_VELDEN, velden, fouten):
        if not _tekst(v.get("label")):
            fouten.append(f"{waar}: het veld 'label' ontbreekt of is leeg.")
        if "voorbeeld" in v and not _tekst(v["voorbeeld"]):
            fouten.append(f"{waar}: 'voorbeeld' is leeg of geen tekst.")
        velden[vid] = {
            "label": _schoon(v.get("label") or ""),
            "regels": _regels(vid, v.get("regels"), fouten),
            "voorbeeld": str(v.get("voorbeeld") or "").strip(),
        }
    voorbeeld = spec.get("voorbeeld")
    if isinstance(voorbeeld, Mapping):
        for k, tekst in voorbeeld.items():
            vid = _bij(velden, k)
            if vid is None:
                fouten.append(f"'voorbeeld' noemt veld '{k}', maar dat staat niet bij 'velden'.")
            elif not _tekst(tekst):
                fouten.append(f"'voorbeeld' heeft bij veld '{k}' geen tekst.")
            else:
                velden[vid]["voorbeeld"] = str(tekst).strip()
        voorbeeld_tekst = "\n".join(
            f"{velden[v]['label']}\n{velden[v]['voorbeeld']}" for v in velden if velden[v]["voorbeeld"]
        )
    elif voorbeeld is None or _tekst(voorbeeld):
        voorbeeld_tekst = str(voorbeeld or "").strip()
        if len(velden) == 1 and voorbeeld_tekst:
            enig = next(iter(velden.values()))
            enig["voorbeeld"] = enig["voorbeeld"] or voorbeeld_tekst
    else:
        fouten.append("het veld 'voorbeeld' moet een tekst zijn, of een tabel (veld: tekst).")
        voorbeeld_tekst = ""
    verwacht: dict[str, str] = {}
    for vid, veld in velden.items():
        if not veld["voorbeeld"]:
            fouten.append(
                f"veld '{vid}' heeft geen voorbeeldantwoord: geef 'voorbeeld' bij het veld (of een "
                "tabel 'voorbeeld' met een tekst per veld). Het voorbeeld moet aan de regels voldoen."
            )
            continue
        for i, regel in enumerate(veld["regels"], 1):
            if _regel_faalt(regel, veld["voorbeeld"]):
                fouten.append(f"het voorbeeld bij veld '{vid}' voldoet niet aan regel {i} ({regel['hint']}).")
        verwacht[vid] = veld["voorbeeld"]
    if not voorbeeld_tekst:
        voorbeeld_tekst = "\n".join(
            f"{v['label']}\n{v['voorbeeld']}" for v in velden.values() if v["voorbeeld"]
        )
    return {"velden": velden, "voorbeeld": voorbeeld_tekst, "verwacht": verwacht}


_GEORDEND = frozenset({"categorieen", "items", "opties", "vragen", "velden"})
"""Mappings whose order is the order shown; ``controles.json`` sorts keys, so they are stored as pairs."""


def naar_json(regel: Mapping[str, Any]) -> dict[str, Any]:
    """The entry as ``controles.json`` stores it: ordered mappings become ``[[key, value], ...]``."""

    def om(k: str, v: Any) -> Any:
        if isinstance(v, Mapping):
            paren = {x: om(x, y) for x, y in v.items()}
            return [[x, y] for x, y in paren.items()] if k in _GEORDEND else paren
        return v

    return {k: om(k, v) for k, v in regel.items()}


def uit_json(regel: Mapping[str, Any]) -> dict[str, Any]:
    """The entry back from ``controles.json`` (the reverse of :func:`naar_json`)."""

    def om(k: str, v: Any) -> Any:
        if k in _GEORDEND and isinstance(v, list):
            return {str(x): om(str(x), y) for x, y in v}
        if isinstance(v, Mapping):
            return {x: om(x, y) for x, y in v.items()}
        return v

    return {k: om(k, v) for k, v in regel.items()}


def problemen(spec: Mapping[str, Any]) -> list[str]:
    """What is wrong with a declaration, in Dutch (each message names the field); empty when it is usable."""
    return _compileer(spec)[1]


def compileer(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The entry ``controles.json`` stores for a declaration (raises ``ValueError`` with the problems)."""
    regel, fouten = _compileer(spec)
    if fouten:
        raise ValueError(" ".join(fouten))
    return regel


# --- judging an answer ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Punt:
    """Feedback on one item, option, place or field."""

    nummer: int  # the position shown (1, 2, ...)
    sleutel: str  # the key the code route uses ("z1")
    tekst: str  # the item's text (or the field's label)
    status: str
    bericht: str

    def regel(self, code_route: bool = True) -> str:
        """One line of text: ``✔ Goed · z1 (Op dinsdag ...): wat je zag.``; in the form the item number."""
        wie = f"{self.sleutel} ({_kort(self.tekst)})" if code_route else f"{self.nummer}. {_kort(self.tekst)}"
        return f"{kop(self.status)} · {wie}: {self.bericht}"


@dataclass(frozen=True)
class Uitslag:
    """The verdict on a whole answer, with the feedback per item and what is shown after it."""

    status: str
    tekst: str
    punten: tuple[Punt, ...] = ()
    score: float = 0.0
    na_afloop: str = ""  # shown under the feedback: the source (after success), the model answer (form)

    def regels(self, code_route: bool = True) -> list[str]:
        return [p.regel(code_route) for p in self.punten]


def _kort(tekst: str, n: int = 70) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= n else tekst[: n - 1].rstrip() + "…"


def _toon(x: Any) -> str:
    """A value from a student's answer, shown safely and short."""
    try:
        tekst = x if isinstance(x, str) else repr(x)
    except Exception:
        tekst = "?"
    return _kort(str(tekst), 40)


class Onleesbaar(Exception):
    """An answer of the wrong shape (an unknown item, an item twice): the message for the student."""


class VerkeerdeVorm(Exception):
    """The answer is not a dict (``vorm == "dict"``) or not a list (``"lijst"``) at all."""

    def __init__(self, vorm: str) -> None:
        super().__init__(vorm)
        self.vorm = vorm


def _woordenboek(regel: Mapping[str, Any], antwoord: Any, bekend: dict[str, Any]) -> dict[str, Any]:
    """A dict answer with its keys matched to the known items; unknown or doubled keys are refused."""
    soort = regel["soort"]
    woord = WOORD[soort]
    if isinstance(antwoord, str) and len(bekend) == 1:  # one sub-question or one field: a text is fine
        return {next(iter(bekend)): antwoord}
    if not isinstance(antwoord, Mapping):
        raise VerkeerdeVorm(VORM[soort])
    uit: dict[str, Any] = {}
    for k, v in list(antwoord.items()):
        sleutel = _bij(bekend, k)
        if sleutel is None:
            raise Onleesbaar(
                f"De {woord} '{_toon(k)}' ken ik niet. Gebruik de namen uit de opdracht: {', '.join(bekend)}."
            )
        if sleutel in uit:
            raise Onleesbaar(
                f"De {woord} '{sleutel}' staat twee keer in je antwoord. Geef elke {woord} één keer."
            )
        uit[sleutel] = v
    return uit


def _leeg(x: Any) -> bool:
    """Nothing chosen for this item: missing, None or empty text."""
    return x is None or (isinstance(x, str) and not x.strip())


def _keuze(waarde: Any, opties: dict[str, str]) -> str | None:
    """The option a value names: its key, or its text (also without case, spaces and punctuation)."""
    if isinstance(waarde, bool) or not isinstance(waarde, str | int):
        return None
    sleutel = _bij(opties, waarde)
    if sleutel is not None:
        return sleutel
    doel = _norm(str(waarde))
    return next((k for k, t in opties.items() if doel and _norm(t) == doel), None)


def _samen(regel: Mapping[str, Any], goed: int, totaal: int, leeg: int) -> tuple[str, str]:
    """The overall verdict from the count of right items."""
    if goed == totaal:
        return GOED, str(regel["goed"])
    status = DEELS if goed else FOUT
    if goed and regel.get("deels"):
        tekst = str(regel["deels"]).format(goed=goed, totaal=totaal)
    else:
        tekst = f"Je hebt er {goed} van de {totaal} goed."
    if leeg:
        woord = WOORD[regel["soort"]]
        tekst += (
            f" Eén {woord} heb je nog niet gedaan."
            if leeg == 1
            else f" {leeg} keer heb je nog niets gekozen of ingevuld."
        )
    if status == FOUT and not leeg:
        tekst += " Lees de tips hieronder en probeer het opnieuw."
    return status, tekst


def _met_bron(regel: Mapping[str, Any], status: str) -> str:
    return f"Bron: {regel['bronregel']}" if status == GOED and regel.get("bronregel") else ""


def _indelen_oordeel(regel: Mapping[str, Any], antwoord: Any) -> Uitslag:
    items: dict[str, str] = regel["items"]
    categorieen: dict[str, str] = regel["categorieen"]
    gegeven = _woordenboek(regel, antwoord, items)
    punten = []
    goed = leeg = 0
    for n, (item, tekst) in enumerate(items.items(), 1):
        if _leeg(gegeven.get(item)):
            leeg += 1
            punten.append(Punt(n, item, tekst, LEEG, "nog niet ingedeeld."))
            continue
        cat = _keuze(gegeven[item], categorieen)
        if cat is None:
            if isinstance(gegeven[item], list | tuple | set | frozenset):
                raise Onleesbaar(
                    f"Bij '{item}' geef je meer dan één groep. Kies voor elk item precies één groep."
                )
            raise Onleesbaar(
                f"Bij '{item}' staat '{_toon(gegeven[item])}', maar dat is geen groep. Kies uit: "
                f"{', '.join(categorieen.values())}."
            )
        if cat == regel["verwacht"][item]:
            goed += 1
            punten.append(
                Punt(n, item, tekst, GOED, f"{categorieen[cat]}. {regel['uitleg'].get(item, '')}".strip())
            )
        else:
            hint = regel["hints"].get(item) or f"Dit is niet '{categorieen[cat]}'. Lees de zin nog eens goed."
            punten.append(Punt(n, item, tekst, FOUT, hint))
    if leeg == len(items):
        return Uitslag(LEEG, "Je hebt nog niets ingedeeld. Kies bij elk item een groep.")
    status, tekst = _samen(regel, goed, len(items), leeg)
    return Uitslag(status, tekst, tuple(punten), goed / len(items), _met_bron(regel, status))


def _kiezen_oordeel(regel: Mapping[str, Any], antwoord: Any) -> Uitslag:
    vragen: dict[str, dict[str, Any]] = regel["vragen"]
    gegeven = _woordenboek(regel, antwoord, vragen)
    punten = []
    goed = leeg = 0
    for n, (vid, vraag) in enumerate(vragen.items(), 1):
        waarde = gegeven.get(vid)
        if _leeg(waarde):
            leeg += 1
            punten.append(Punt(n, vid, vraag["vraag"], LEEG, "nog niets gekozen."))
            continue
        optie = _keuze(waarde, vraag["opties"])
        if optie is None:
            raise Onleesbaar(
                f"Bij vraag '{vid}' staat '{_toon(waarde)}', maar dat is geen van de opties. Kies "
                f"uit: {', '.join(vraag['opties'])}."
            )
        if optie == regel["verwacht"][vid]:
            goed += 1
            punten.append(Punt(n, vid, vraag["vraag"], GOED, f"{optie}. {vraag['uitleg']}".strip()))
        else:
            punten.append(Punt(n, vid, vraag["vraag"], FOUT, vraag["hints"].get(optie, "Kijk nog eens.")))
    if leeg == len(vragen):
        return Uitslag(LEEG, "Je hebt nog niets gekozen. Kies bij elke vraag een antwoord.")
    status, tekst = _samen(regel, goed, len(vragen), leeg)
    return Uitslag(status, tekst, tuple(punten), goed / len(vragen), _met_bron(regel, status))


def _lijst(antwoord: Any, verzameling_mag: bool) -> list[Any]:
    if isinstance(antwoord, str):
        return [d for d in re.split(r"[,;\s]+", antwoord) if d]
    if isinstance(antwoord, list | tuple):
        return list(antwoord)
    if verzameling_mag and isinstance(antwoord, set | frozenset):
        return sorted(antwoord, key=str)
    if isinstance(antwoord, set | frozenset):
        raise Onleesbaar(
            "Je gaf een verzameling (set, met { }). Die heeft geen volgorde. Geef een lijst met "
            "[ ], in de volgorde die jij kiest."
        )
    if type(antwoord).__name__ in {"Series", "ndarray", "Index"} and hasattr(antwoord, "tolist"):
        uit = antwoord.tolist()
        if isinstance(uit, list):
            return uit
    raise VerkeerdeVorm("lijst")


def _meer_kiezen_oordeel(regel: Mapping[str, Any], antwoord: Any) -> Uitslag:
    opties: dict[str, str] = regel["opties"]
    gekozen: list[str] = []
    for x in _lijst(antwoord, verzameling_mag=True):
        optie = _keuze(x, opties)
        if optie is None:
            raise Onleesbaar(f"'{_toon(x)}' is geen van de opties. Kies uit: {', '.join(opties)}.")
        if optie not in gekozen:
            gekozen.append(optie)
    if not gekozen:
        return Uitslag(LEEG, "Je hebt nog niets gekozen. Kies een of meer antwoorden.")
    juist = set(regel["verwacht"])
    punten = []
    raak = mis = 0
    for n, (optie, tekst) in enumerate(opties.items(), 1):
        hint = regel["hints"].get(optie, "")
        if optie in gekozen and optie in juist:
            raak += 1
            punten.append(
                Punt(n, optie, tekst, GOED, f"terecht gekozen. {regel['uitleg'].get(optie, '')}".strip())
            )
        elif optie in gekozen:
            mis += 1
            punten.append(Punt(n, optie, tekst, FOUT, f"niet goed gekozen. {hint}".strip()))
    vergeten = [o for o in opties if o in juist and o not in gekozen]
    for optie in vergeten:  # never name the missing option: its hint (if any) says why one is needed
        hint = regel["hints"].get(optie)
        if hint:
            punten.append(Punt(0, "?", "nog niet gekozen", FOUT, hint))
    score = max(0.0, (raak - mis) / len(juist))
    if raak == len(juist) and not mis:
        return Uitslag(GOED, str(regel["goed"]), tuple(punten), 1.0, _met_bron(regel, GOED))
    if score > 0 and regel.get("deels"):  # the task's own words for "partly right", then what is off
        tekst = str(regel["deels"]).format(goed=raak, totaal=len(juist))
        if mis:
            tekst += f" {mis} {'keuze klopt' if mis == 1 else 'keuzes kloppen'} niet."
    else:
        delen = [f"Je hebt {raak} van de {len(juist)} goede antwoorden gekozen"]
        if mis:
            delen.append(f"{mis} {'keuze klopt' if mis == 1 else 'keuzes kloppen'} niet")
        tekst = " en ".join(delen) + "."
    if vergeten:
        tekst += (
            f" Er {'ontbreekt er nog één' if len(vergeten) == 1 else f'ontbreken er nog {len(vergeten)}'}."
        )
    return Uitslag(DEELS if score > 0 else FOUT, tekst, tuple(punten), score)


def _volgorde_oordeel(regel: Mapping[str, Any], antwoord: Any) -> Uitslag:
    items: dict[str, str] = regel["items"]
    volgorde: list[str] = []
    for x in _lijst(antwoord, verzameling_mag=False):
        item = _keuze(x, items)
        if item is None:
            raise Onleesbaar(f"'{_toon(x)}' is geen van de stappen. De stappen heten: {', '.join(items)}.")
        if item in volgorde:
            raise Onleesbaar(f"'{item}' staat twee keer in je volgorde. Zet elke stap er één keer in.")
        volgorde.append(item)
    if not volgorde:
        return Uitslag(LEEG, "Je hebt nog niets gegeven. Zet alle stappen in een lijst, in jouw volgorde.")
    mist = sorted(i for i in items if i not in volgorde)  # sorted: the declared order is the key
    if mist:
        raise Onleesbaar(
            f"Je volgorde mist nog {len(mist)} van de {len(items)} stappen ({', '.join(mist)}). "
            "Zet elke stap er één keer in."
        )
    juist: list[str] = regel["verwacht"]
    punten = []
    op_plek = 0
    for plek, item in enumerate(volgorde, 1):
        if juist[plek - 1] == item:
            op_plek += 1
            punten.append(Punt(plek, item, items[item], GOED, f"staat goed op plek {plek}."))
        else:
            richting = "later" if juist.index(item) > plek - 1 else "eerder"
            hint = regel["hints"].get(item) or f"Deze stap hoort {richting}."
            punten.append(
                Punt(plek, item, items[item], FOUT, f"staat nog niet goed (nu plek {plek}). {hint}")
            )
    if op_plek == len(items):
        return Uitslag(GOED, str(regel["goed"]), tuple(punten), 1.0, _met_bron(regel, GOED))
    status, tekst = _samen(regel, op_plek, len(items), 0)
    return Uitslag(status, tekst, tuple(punten), op_plek / len(items))


def _woorden(tekst: str) -> int:
    return len(re.findall(r"\w+", tekst))


def _regel_faalt(regel: Mapping[str, Any], tekst: str) -> bool:
    """True when *tekst* breaks this rule (``niet``: a word at a word start; ``moet``: any pattern)."""
    if "niet" in regel:
        return any(re.search(rf"(?<!\w){re.escape(w)}", tekst, re.IGNORECASE) for w in regel["niet"])
    if "moet" in regel:
        return not any(re.search(p, tekst, re.IGNORECASE) for p in regel["moet"])
    if "min_woorden" in regel:
        return _woorden(tekst) < int(regel["min_woorden"])
    return _woorden(tekst) > int(regel["max_woorden"])


def _formulier_oordeel(regel: Mapping[str, Any], antwoord: Any) -> Uitslag:
    velden: dict[str, dict[str, Any]] = regel["velden"]
    gegeven = _woordenboek(regel, antwoord, velden)
    punten = []
    goed = leeg = 0
    for n, (vid, veld) in enumerate(velden.items(), 1):
        waarde = gegeven.get(vid)
        if waarde is not None and not isinstance(waarde, str):
            if isinstance(waarde, bool) or not isinstance(waarde, int | float):
                raise Onleesbaar(
                    f"Bij veld '{vid}' staat geen tekst. Schrijf je antwoord tussen "
                    'aanhalingstekens, zoals "Ik zag ...".'
                )
            waarde = str(waarde)
        tekst = (waarde or "").strip()
        if not tekst:
            leeg += 1
            punten.append(Punt(n, vid, veld["label"], LEEG, "nog niet ingevuld."))
            continue
        hints = [r["hint"] for r in veld["regels"] if _regel_faalt(r, tekst)]
        if hints:
            punten.append(Punt(n, vid, veld["label"], FOUT, " ".join(hints)))
        else:
            goed += 1
            punten.append(Punt(n, vid, veld["label"], GOED, "dit voldoet aan de regels."))
    if leeg == len(velden):
        return Uitslag(LEEG, "Je hebt nog niets ingevuld. Schrijf iets in elk veld.")
    status, tekst = _samen(regel, goed, len(velden), leeg)
    voorbeeld = (
        f"Een voorbeeld van een goed antwoord:\n{regel['voorbeeld']}" if regel.get("voorbeeld") else ""
    )
    na_afloop = "\n".join(d for d in (_met_bron(regel, status), voorbeeld) if d)
    return Uitslag(status, tekst, tuple(punten), goed / len(velden), na_afloop)


_OORDELEN = {
    "indelen": _indelen_oordeel,
    "kiezen": _kiezen_oordeel,
    "meer-kiezen": _meer_kiezen_oordeel,
    "volgorde": _volgorde_oordeel,
    "formulier": _formulier_oordeel,
}


def beoordeel(regel: Mapping[str, Any], antwoord: Any) -> Uitslag:
    """Judge *antwoord* against a compiled entry (:func:`compileer`).

    Raises :class:`VerkeerdeVorm` (``"dict"`` or ``"lijst"``) when the answer has the wrong shape altogether,
    so the caller can word it with the Dutch name of what was given; an unknown or doubled item is an
    ``onleesbaar`` verdict with its message.
    """
    try:
        return _OORDELEN[regel["soort"]](regel, antwoord)
    except Onleesbaar as e:
        return Uitslag(ONLEESBAAR, str(e))


# --- the task as text (text/plain of the form, what nbval, slides and print see) ---------------------------


def voorbeeld_antwoord(regel: Mapping[str, Any]) -> str:
    """How the code route writes an answer, with the task's own names (never the key: a list answer
    gets dots, the first category is only an example)."""
    soort = regel["soort"]
    if soort == "indelen":
        return "{" + ", ".join(f'"{i}": "..."' for i in regel["items"]) + "}"
    if soort == "kiezen":
        return "{" + ", ".join(f'"{v}": "..."' for v in regel["vragen"]) + "}"
    if soort == "formulier":
        return "{" + ", ".join(f'"{v}": "..."' for v in regel["velden"]) + "}"
    return '["...", "...", ...]'


def begin_volgorde(code: str, regel: Mapping[str, Any], seed: int) -> list[str]:
    """The items of a ``volgorde`` task shuffled as shown (same seed, same order; no item starts on its
    own place, so the task never starts solved, not even partly)."""
    from voordeur.quiz.model import schudvolgorde

    juist: list[str] = list(regel["verwacht"])
    return [juist[i] for i in schudvolgorde(len(juist), seed, f"oefening-{code}", niet_gelijk=True)]


def _lijstregel(sleutel: str, tekst: str) -> str:
    """``  A. text`` for a short key (a letter, a number), ``  "overleg": text`` for a name."""
    return f"  {sleutel}. {tekst}" if len(sleutel) <= 3 else f'  "{sleutel}": {tekst}'


def als_tekst(code: str, regel: Mapping[str, Any]) -> str:
    """The task as readable Dutch text: the items and options, and how to answer with code."""
    soort = regel["soort"]
    regels = [f"Opdracht {code} · {regel['titel']}"]
    if regel.get("vraag"):
        regels.append(regel["vraag"])
    if soort == "indelen":
        regels.append(
            "Groepen: "
            + ", ".join(f"{k} ({v})" if _norm(k) != _norm(v) else v for k, v in regel["categorieen"].items())
        )
        regels.append("Zet elk item in één groep:")
        regels += [_lijstregel(k, t) for k, t in regel["items"].items()]
    elif soort == "kiezen":
        for k, v in regel["vragen"].items():
            regels.append(f"Vraag {k}: {v['vraag']}")
            regels += [_lijstregel(o, t) for o, t in v["opties"].items()]
    elif soort == "meer-kiezen":
        regels.append("Kies alle antwoorden die goed zijn (één of meer):")
        regels += [_lijstregel(k, t) for k, t in regel["opties"].items()]
    elif soort == "volgorde":
        regels.append("Zet deze stappen in de goede volgorde:")
        regels += [_lijstregel(k, regel["items"][k]) for k in begin_volgorde(code, regel, 0)]
    else:
        regels.append("Vul in:")
        regels += [_lijstregel(k, v["label"]) for k, v in regel["velden"].items()]
    regels.append(f'Zonder formulier antwoord je met code: controleer("{code}", {voorbeeld_antwoord(regel)})')
    return "\n".join(regels)
