"""Command line: ``python -m voordeur.quiz check FILE [FILE ...]`` and ``python -m voordeur.quiz schema``.

``check`` prints one line per problem and exits with 1 when there are problems, 0 when every bank is
fine. A folder is checked file by file (every ``*.yaml`` in it). It never shows a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

GEBRUIK = (
    "Gebruik:\n"
    "  python -m voordeur.quiz check BESTAND [BESTAND ...]   controleer een of meer vragenbanken\n"
    "  python -m voordeur.quiz schema                        schrijf data/quizzes/schema.json opnieuw\n"
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
    from voordeur.quiz.bank import Probleem, controleer_bank

    if not argumenten:
        print("Geef een of meer bestanden om te controleren.\n" + GEBRUIK, file=sys.stderr)
        return 2
    aantal = 0
    slecht = 0
    for pad in _bestanden(argumenten):
        try:
            problemen = controleer_bank(pad)
        except Exception as e:  # never a traceback for a teacher
            problemen = [Probleem(str(pad), None, None, None, f"Onverwachte fout bij het controleren: {e}")]
        if problemen:
            slecht += 1
            aantal += len(problemen)
            for p in problemen:
                print(f"✘ {p}")
        else:
            print(f"✔ {pad}: geen problemen gevonden.")
    if aantal:
        woord = "probleem" if aantal == 1 else "problemen"
        print(f"\n{aantal} {woord} gevonden in {slecht} {'bestand' if slecht == 1 else 'bestanden'}.")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(GEBRUIK)
        return 0 if args else 2
    opdracht, rest = args[0], args[1:]
    if opdracht == "check":
        return check(rest)
    if opdracht == "schema":
        from voordeur.quiz.schema import schrijf_schema

        pad = schrijf_schema(rest[0] if rest else None)
        print(f"✔ Schema geschreven: {pad}")
        return 0
    print(f"Onbekende opdracht '{opdracht}'.\n{GEBRUIK}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
