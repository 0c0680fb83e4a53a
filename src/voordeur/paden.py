"""One rule for finding the data folder (the data package and the quiz banks).

:func:`datamap` is used by :func:`voordeur.data.datamap` and :func:`voordeur.quiz.bank.quizmap`, so
data, banks and tools always agree on where ``data/`` is. The order:

1. ``$VOORDEUR_DATA``: that folder (or the folder of the ``datapackage.json`` it names), as is;
2. ``data/`` in the current folder or a folder above it (a repository checkout, a folder pulled into a
   JupyterHub home with nbgitpuller, or a teacher's own ``data/quizzes`` with a home-made bank);
3. ``data/`` next to the source tree (``src/../data``), for an editable install used from elsewhere;
4. the copy packaged in the wheel (``voordeur/_data``, read through :mod:`importlib.resources`), so a
   ``pip install`` on a school's JupyterHub works from any folder.

A candidate counts only when it holds the file or folder the caller needs (``nodig``): the data package
needs ``datapackage.json``, the banks need ``quizzes/``. So a teacher's folder with only
``data/quizzes/`` wins for banks, while the data still come from the packaged copy; a bank name is
looked up in every quiz folder in this order (:func:`datamappen`), so the teacher's ``les1.yaml`` wins
over the packaged one and the other packaged banks stay available.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from voordeur.fouten import VoordeurFout

__all__ = ["ENV", "PAKKET", "MapFout", "datamap", "datamappen", "kandidaten"]

ENV = "VOORDEUR_DATA"
PAKKET = "datapackage.json"
#: where the wheel carries data/ (see [tool.hatch.build.targets.wheel.force-include] in pyproject.toml)
PAKKET_MAP = "_data"


class MapFout(VoordeurFout):
    """The data folder cannot be found; ``bestand`` names what was looked for."""

    def __init__(self, melding: str, *, bestand: str) -> None:
        super().__init__(melding)
        self.bestand = bestand


def _bron_map() -> Path:
    """``src/../data`` for this source file (``src/voordeur/paden.py``): the repository's data folder."""
    return Path(__file__).resolve().parents[2] / "data"


def _ingepakt() -> Path | None:
    """The data folder inside the installed package, or None when the package carries none."""
    try:
        map_ = resources.files("voordeur") / PAKKET_MAP
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - voordeur is always importable here
        return None
    return map_ if isinstance(map_, Path) and map_.is_dir() else None


def kandidaten(start: Path | None = None) -> list[Path]:
    """Candidate data folders after ``$VOORDEUR_DATA``, in search order (for messages and tests)."""
    hier = (start or Path.cwd()).resolve()
    lijst = [map_ / "data" for map_ in (hier, *hier.parents)]
    lijst.append(_bron_map())
    ingepakt = _ingepakt()
    if ingepakt is not None:
        lijst.append(ingepakt)
    return lijst


def datamappen(nodig: str = PAKKET, *, start: Path | None = None) -> list[Path]:
    """Every data folder that holds ``nodig``, in search order (the first one is :func:`datamap`).

    With ``$VOORDEUR_DATA`` set, only that folder counts (so tests and teachers can isolate a copy).
    Raises :class:`MapFout` with a Dutch message when ``$VOORDEUR_DATA`` is set but lacks ``nodig``,
    or when no candidate has it.
    """
    env = os.environ.get(ENV)
    if env:
        pad = Path(env).expanduser()
        if pad.name == PAKKET:
            pad = pad.parent
        if not (pad / nodig).exists():
            raise MapFout(
                f"De map {pad} (uit {ENV}) bevat geen {nodig}. Controleer de map, of haal {ENV} weg.",
                bestand=str(pad / nodig),
            )
        return [pad]
    gevonden: list[Path] = []
    for map_ in kandidaten(start):
        if (map_ / nodig).exists() and map_ not in gevonden:
            gevonden.append(map_)
    if gevonden:
        return gevonden
    hier = (start or Path.cwd()).resolve()
    raise MapFout(
        f"Ik kan de map met data niet vinden: geen data/{nodig} in {hier} of een map daarboven, "
        "en het pakket voordeur heeft geen eigen kopie. Open de notebook vanuit de map van de module, "
        f"zet {ENV}, of installeer het pakket opnieuw.",
        bestand=f"data/{nodig}",
    )


def datamap(nodig: str = PAKKET, *, start: Path | None = None) -> Path:
    """The data folder that holds ``nodig`` (a file or folder name), by the rule in the module doc."""
    return datamappen(nodig, start=start)[0]


def bronmap() -> Path:
    """The data folder of the source checkout (``src/../data``), for build tools that write into it."""
    return _bron_map()
