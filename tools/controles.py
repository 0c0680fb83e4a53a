"""Build the check file ``src/voordeur/controles.json`` from the check specs in the solution sources.

A check spec is a raw cell tagged ``controle`` right under a task's solution cell in
``lessen/NN-slug/oefening.md`` (YAML: task code, kind, tolerance, hint, typical wrong answers, success
text). This tool runs the code cells of each solution source in order, in one namespace (like a kernel
would), and after the solution cell it evaluates the spec's expressions there: ``verwacht`` (the expected
answer, by default the variable ``antwoord_N_M``) and the ``waarde`` of each typical wrong answer. The
values and texts go into the check file, which the engine in ``voordeur.checks`` reads; the raw cells
are removed from the built notebooks (``tools/build.py``), so students never see them.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOEL = ROOT / "src" / "voordeur" / "controles.json"
TAG = "controle"
VELDEN = {"opdracht", "titel", "soort", "verwacht", "relatief", "absoluut", "geheel", "afgerond", "hint",
          "goed", "valkuilen", "veld", "bekend", "bekend_hint", "data",
          "let_op", "let_op_als"}
SOORTEN = ("getal", "keuze", "periode")
"""The kinds whose expected answer the solution code computes (expressions evaluated here)."""


def _zonder_code() -> tuple[str, ...]:
    """The kinds without code (``voordeur.oefenvormen``): their key is in the declaration itself."""
    from voordeur import oefenvormen

    return oefenvormen.SOORTEN


class SpecFout(Exception):
    """A check spec that cannot be used; the message names the file, the task and the field."""


def is_spec(cel: Any) -> bool:
    return cel.cell_type == "raw" and TAG in cel.get("metadata", {}).get("tags", [])


def _lees_spec(tekst: str, pad: str) -> dict[str, Any]:
    import yaml

    try:
        spec = yaml.safe_load(tekst)
    except yaml.YAMLError as e:
        raise SpecFout(f"{pad}: een controle-blok is geen geldige YAML ({e}).") from None
    if not isinstance(spec, dict) or "opdracht" not in spec:
        raise SpecFout(f"{pad}: een controle-blok mist het veld 'opdracht'.")
    code = str(spec["opdracht"])
    if spec.get("soort") in _zonder_code():
        from voordeur import oefenvormen

        problemen = oefenvormen.problemen(spec)
        if problemen:
            raise SpecFout(f"{pad}: controle {code}: " + f"\n{pad}: controle {code}: ".join(problemen))
        return spec
    onbekend = set(spec) - VELDEN
    if onbekend:
        raise SpecFout(f"{pad}: controle {code}: onbekend veld {', '.join(sorted(onbekend))}.")
    for verplicht in ("titel", "soort", "hint", "goed"):
        if not isinstance(spec.get(verplicht), str) or not spec[verplicht].strip():
            raise SpecFout(f"{pad}: controle {code}: het veld '{verplicht}' ontbreekt of is leeg.")
    if spec["soort"] not in SOORTEN:
        raise SpecFout(f"{pad}: controle {code}: soort '{spec['soort']}' ken ik niet "
                       f"(kies uit: {', '.join((*SOORTEN, *_zonder_code()))}).")
    if spec["soort"] == "keuze" and not all(isinstance(spec.get(v), str) for v in ("bekend", "bekend_hint")):
        raise SpecFout(f"{pad}: controle {code}: soort 'keuze' heeft 'bekend' en 'bekend_hint' nodig.")
    data = spec.get("data")
    if data is not None and (not isinstance(data, dict) or not isinstance(data.get("tabel"), str)
                             or set(data) - {"tabel", "kolom", "rij"}
                             or ("kolom" in data) != isinstance(data.get("rij"), dict)):
        raise SpecFout(f"{pad}: controle {code}: 'data' heeft een 'tabel' nodig, en alleen 'kolom' "
                       "samen met 'rij' (de kolommen en waarden van die ene rij).")
    if ("let_op" in spec) != ("let_op_als" in spec) or not isinstance(spec.get("let_op", ""), str):
        raise SpecFout(f"{pad}: controle {code}: 'let_op' (tekst) en 'let_op_als' (expressie) horen samen.")
    for i, v in enumerate(spec.get("valkuilen") or [], 1):
        if not isinstance(v, dict) or set(v) != {"waarde", "hint"}:
            raise SpecFout(f"{pad}: controle {code}: valkuil {i} moet precies 'waarde' en 'hint' hebben.")
    return spec


def _eval(expr: str, ns: dict[str, Any], pad: str, code: str, veld: str) -> Any:
    try:
        return eval(expr, ns, {"re": re, "math": math})  # our own lesson sources, build time only
    except Exception as e:
        raise SpecFout(f"{pad}: controle {code}: '{veld}' ({expr}) gaf een fout: "
                       f"{type(e).__name__}: {e}.") from None


def _teksten(expr: str, ns: dict[str, Any], pad: str, code: str, veld: str) -> list[str]:
    waarde = _eval(expr, ns, pad, code, veld)
    if isinstance(waarde, str) or not hasattr(waarde, "__iter__"):
        raise SpecFout(f"{pad}: controle {code}: '{veld}' ({expr}) is geen lijst.")
    return sorted({str(w) for w in waarde})


def _getal(expr: str, ns: dict[str, Any], pad: str, code: str, veld: str) -> float:
    try:
        waarde = _eval(expr, ns, pad, code, veld)
        uit = float(waarde.item() if hasattr(waarde, "item") else waarde)
    except SpecFout:
        raise
    except Exception as e:
        raise SpecFout(f"{pad}: controle {code}: '{veld}' ({expr}) gaf een fout: "
                       f"{type(e).__name__}: {e}.") from None
    if math.isnan(uit) or math.isinf(uit):
        raise SpecFout(f"{pad}: controle {code}: '{veld}' ({expr}) is geen gewoon getal ({uit}).")
    return uit


def bereken(pad: Path) -> dict[str, dict[str, Any]]:
    """Run one solution source and return its checks with their computed values."""
    import jupytext

    naam = str(pad.relative_to(ROOT)) if pad.is_relative_to(ROOT) else str(pad)
    nb = jupytext.read(pad, fmt="md:myst")
    specs = [c for c in nb.cells if is_spec(c)]
    if not specs:
        return {}
    os.environ.setdefault("MPLBACKEND", "Agg")  # charts in a solution: no window
    ns: dict[str, Any] = {"__name__": "__oefening__"}
    uit: dict[str, dict[str, Any]] = {}
    for cel in nb.cells:
        if cel.cell_type == "code":
            bron = "\n".join(r for r in cel.source.splitlines() if not r.lstrip().startswith(("%", "!")))
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(bron, naam, "exec"), ns)  # our own lesson sources
            except Exception as e:
                raise SpecFout(f"{naam}: een codecel gaf een fout ({type(e).__name__}: {e}).") from None
        elif is_spec(cel):
            spec = _lees_spec(cel.source, naam)
            code = str(spec["opdracht"])
            if code in uit:
                raise SpecFout(f"{naam}: controle {code} staat er twee keer.")
            if spec["soort"] in _zonder_code():  # the key is in the declaration: nothing to evaluate
                from voordeur import oefenvormen

                uit[code] = {"bron": naam, **oefenvormen.naar_json(oefenvormen.compileer(spec))}
                continue
            expr = str(spec.get("verwacht") or f"antwoord_{code.replace('.', '_')}")
            regel: dict[str, Any] = {
                "bron": naam, "titel": spec["titel"].strip(), "soort": spec["soort"],
                "verwacht": _getal(expr, ns, naam, code, "verwacht") if spec["soort"] == "getal"
                else str(_eval(expr, ns, naam, code, "verwacht")).strip(),
                "relatief": float(spec.get("relatief", 0.005)), "absoluut": float(spec.get("absoluut", 0.0)),
                "geheel": bool(spec.get("geheel", False)),
                "afgerond": " ".join(str(spec.get("afgerond") or "").split()),
                "hint": " ".join(spec["hint"].split()), "goed": " ".join(spec["goed"].split()),
                "valkuilen": [{"waarde": _getal(str(v["waarde"]), ns, naam, code, f"valkuil {i}")
                               if spec["soort"] == "getal"  # other kinds: a text ("" = not this time)
                               else str(_eval(str(v["waarde"]), ns, naam, code, f"valkuil {i}")).strip(),
                               "hint": " ".join(str(v["hint"]).split())}
                              for i, v in enumerate(spec.get("valkuilen") or [], 1)],
            }
            if spec.get("let_op"):  # an extra note on success, only when its expression gives a value
                waarde = _eval(str(spec["let_op_als"]), ns, naam, code, "let_op_als")
                if waarde:
                    regel["goed"] += " " + " ".join(spec["let_op"].replace("{waarde}", str(waarde)).split())
            if spec.get("data"):
                regel["data"] = {k: v if k == "rij" else str(v) for k, v in spec["data"].items()}
            if spec["soort"] == "keuze":
                regel.update(veld=str(spec.get("veld") or ""),
                             bekend=_teksten(spec["bekend"], ns, naam, code, "bekend"),
                             bekend_hint=" ".join(spec["bekend_hint"].split()))
            uit[code] = regel
    return uit


def bronnen() -> list[Path]:
    """The sources with check specs: every lesson's exercises and the example notebooks."""
    return [*sorted((ROOT / "lessen").glob("*/oefening.md")),
            *sorted((ROOT / "lessen" / "voorbeelden").glob("*.md"))]


def maak(_: str = "") -> str:
    """The text of the check file (sorted, stable: building twice changes nothing)."""
    alles: dict[str, dict[str, Any]] = {}
    for pad in bronnen():
        for code, regel in bereken(pad).items():
            if code in alles:
                raise SpecFout(f"{regel['bron']}: controle {code} staat ook in {alles[code]['bron']}.")
            alles[code] = regel
    return json.dumps(dict(sorted(alles.items())), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    try:
        print(maak(), end="")
    except SpecFout as e:
        print(f"✘ {e}", file=sys.stderr)
        sys.exit(1)
