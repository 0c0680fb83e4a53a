"""Write the JSON Schema of a question bank to ``data/quizzes/schema.json`` (build time).

Usage: ``python -m voordeur_bouw.schema [PAD]`` (``make build`` does it for the default path). The schema
itself comes from :func:`voordeur.quiz.schema.schema_tekst`, so this module only knows where it goes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from voordeur import paden
from voordeur.quiz.schema import schema_tekst


def standaard_schema_pad() -> Path:
    return paden.bronmap() / "quizzes" / "schema.json"


def schrijf_schema(pad: str | Path | None = None) -> Path:
    """Write the JSON Schema (default ``data/quizzes/schema.json``) and return its path."""
    from voordeur.veilig import schrijf_atomair

    doel = Path(pad) if pad is not None else standaard_schema_pad()
    doel.parent.mkdir(parents=True, exist_ok=True)
    schrijf_atomair(doel, schema_tekst())
    return doel


def main(argv: list[str]) -> int:
    pad = schrijf_schema(argv[0] if argv else None)
    print(f"✔ Schema geschreven: {pad}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
