"""Command line: ``python -m voordeur.quiz check|kwaliteit`` (the schema: ``python -m voordeur_bouw.schema``).

``check FILE [FILE ...]`` prints one line per problem (``✘``) and per warning (``⚠``) and exits with 1
when there are problems, 0 when every bank loads (warnings do not change the exit status). A folder
is checked file by file (every ``*.yaml`` in it). It never shows a traceback.

``kwaliteit [MAP]`` prints the quality figures of every bank in the folder (default: the quiz folder),
see :mod:`voordeur.quiz.kwaliteit`.
"""

from __future__ import annotations

import sys
from pathlib import Path

GEBRUIK = (
    "Gebruik:\n"
    "  python -m voordeur.quiz check BESTAND [BESTAND ...]   controleer een of meer vragenbanken\n"
    "  python -m voordeur.quiz kwaliteit [MAP]               cijfers over de kwaliteit van de vragen\n"
    "Voorbeeld: python -m voordeur.quiz check data/quizzes/voorbeeld.yaml"
)


def _bestanden(argumenten: list[str]) -> list[Path]:
    uit: list[Path] = []
    for a in argumenten:
        p = Path(a)
        if p.is_dir():
            gevonden = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
            uit.extend(gevonden or [p])  # an empty folder is reported as a folder
        else:
            uit.append(p)
    return uit


def check(argumenten: list[str]) -> int:
    from voordeur.quiz.bank import Probleem, Uitslag, controleer_bank_volledig

    if not argumenten:
        print("Geef een of meer bestanden om te controleren.\n" + GEBRUIK, file=sys.stderr)
        return 2
    aantal = 0
    slecht = 0
    gewaarschuwd = 0
    for pad in _bestanden(argumenten):
        try:
            uitslag = controleer_bank_volledig(pad)
        except Exception as e:  # never a traceback for a teacher
            uitslag = Uitslag([Probleem(str(pad), None, None, None,
                                        f"Onverwachte fout bij het controleren ({type(e).__name__}). "
                                        "Meld dit bij de makers van de module.")], [], None)
        for p in uitslag.problemen:
            print(f"✘ {p}")
        for p in uitslag.waarschuwingen:
            print(f"⚠ Waarschuwing: {p}")
        gewaarschuwd += len(uitslag.waarschuwingen)
        if uitslag.problemen:
            slecht += 1
            aantal += len(uitslag.problemen)
        elif uitslag.waarschuwingen:
            print(f"✔ {pad}: geen problemen gevonden; de bank werkt. Kijk wel naar de waarschuwingen.")
        else:
            print(f"✔ {pad}: geen problemen gevonden.")
    if gewaarschuwd:
        woord = "waarschuwing" if gewaarschuwd == 1 else "waarschuwingen"
        print(f"\n{gewaarschuwd} {woord}: de bank werkt, maar de vragen kunnen beter.")
    if aantal:
        woord = "probleem" if aantal == 1 else "problemen"
        print(f"\n{aantal} {woord} gevonden in {slecht} {'bestand' if slecht == 1 else 'bestanden'}.")
        return 1
    return 0


def kwaliteit(argumenten: list[str]) -> int:
    """Print the quality figures of the banks in a folder (or the files given)."""
    from voordeur.quiz import kwaliteit as kw
    from voordeur.quiz.bank import controleer_bank_volledig, quizmap

    bestanden = _bestanden(argumenten or [str(quizmap())])
    per_bank: dict[str, kw.Kwaliteit] = {}
    overgeslagen = 0
    for pad in bestanden:
        try:
            uitslag = controleer_bank_volledig(pad)
        except Exception as e:  # never a traceback for a teacher
            print(f"✘ {pad}: onverwachte fout ({type(e).__name__}); overgeslagen.")
            overgeslagen += 1
            continue
        if uitslag.bank is None:
            print(f"✘ {pad}: heeft problemen; overgeslagen. Controleer met: "
                  f"python -m voordeur.quiz check {pad}")
            overgeslagen += 1
            continue
        per_bank[pad.name] = kw.meet_bank(uitslag.bank)
    if not per_bank:
        print("Geen bruikbare vragenbank gevonden.")
        return 1
    print(kw.rapport(per_bank))
    return 1 if overgeslagen else 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(GEBRUIK)
        return 0 if args else 2
    opdracht, rest = args[0], args[1:]
    if opdracht == "check":
        return check(rest)
    if opdracht == "kwaliteit":
        return kwaliteit(rest)
    print(f"Onbekende opdracht '{opdracht}'.\n{GEBRUIK}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
