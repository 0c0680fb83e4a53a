"""Safe input and output: the few primitives every loader and writer in the package uses.

- :func:`lees_tekst` reads a text file with a size limit. It refuses folders, FIFOs and other special
  files, symlink loops, unreadable files and binary content (NUL bytes), and recognises UTF-16, a
  UTF-8 byte order mark and Windows-1252 text, each with a Dutch message that names the file.
- :func:`laad_yaml` parses YAML text with bounds that are checked on the event stream BEFORE any tree
  is built: no anchors or aliases, a maximum depth and a maximum number of nodes. A ``RecursionError``
  never escapes.
- :func:`schrijf_atomair` writes a file through a temporary file in the same folder (fsync, then
  ``os.replace``, or a hard link when an existing file must never be overwritten); on any ``OSError``
  the temporary file is removed and nothing is half-written. :func:`schrijf_samen` does the same for
  several files at once: all or none.
- :data:`TIJDSLIMIET` and :func:`met_tijdslimiet` put a timeout on every network call.

Every error is a :class:`VeiligFout` (a :class:`~voordeur.fouten.VoordeurFout`) with a Dutch message.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voordeur.fouten import VoordeurFout

__all__ = [
    "MAX_BYTES", "TIJDSLIMIET", "VeiligFout", "YamlGrens", "laad_yaml", "lees_tekst", "met_tijdslimiet",
    "oorzaak", "schrijf_atomair", "schrijf_samen",
]

MAX_BYTES = 8 * 1024 * 1024
"""Default size limit for a text file (8 MiB)."""

TIJDSLIMIET: tuple[float, float] = (10.0, 60.0)
"""(connect, read) timeout in seconds for every network call."""


class VeiligFout(VoordeurFout):
    """A file could not be read or written safely.

    ``kaal`` is the message without the file name (for lists that already show the file); the full
    message is ``"<bestand>, regel <regel>: <kaal>"``.
    """

    def __init__(self, kaal: str, *, bestand: str | None = None, regel: int | None = None) -> None:
        waar = ", ".join(x for x in (bestand, f"regel {regel}" if regel is not None else None) if x)
        super().__init__(f"{waar}: {kaal}" if waar else kaal)
        self.kaal = kaal
        self.bestand = bestand
        self.regel = regel


# --- reasons in Dutch ---------------------------------------------------------------------------------

_OORZAAK = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "je opslagruimte (quota) is vol",
    errno.EROFS: "de map is alleen-lezen",
    errno.EACCES: "je hebt geen toestemming",
    errno.EPERM: "je hebt geen toestemming",
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ELOOP: "de snelkoppeling (symlink) verwijst naar zichzelf",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "de schijf gaf een leesfout",
}


def oorzaak(fout: OSError) -> str:
    """A short Dutch reason for an ``OSError`` (by errno), e.g. "de schijf is vol"."""
    if fout.errno in _OORZAAK:
        return _OORZAAK[fout.errno]
    return fout.strerror or type(fout).__name__


# --- reading text ---------------------------------------------------------------------------------------

def _grootte(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, n // 1024)} kB"


def lees_tekst(pad: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, soort: str = "tekstbestand",
               utf8_bom: bool = True) -> str:
    """Read a UTF-8 text file safely and return its text with ``\\n`` line ends.

    *soort* names the kind of file in messages ("vragenbank", "CSV-bestand"). A UTF-8 byte order mark
    (as Notepad writes it) is removed when *utf8_bom* is true. Raises :class:`VeiligFout`.
    """
    p = Path(pad)
    naam = str(p)
    try:
        info = os.stat(p)
    except OSError as e:
        raise VeiligFout(f"Ik kan dit bestand niet openen: {oorzaak(e)}. Controleer de naam en de map.",
                         bestand=naam) from None
    if stat.S_ISDIR(info.st_mode):
        raise VeiligFout(f"Dit is een map, geen bestand. Geef een {soort}.", bestand=naam)
    if not stat.S_ISREG(info.st_mode):
        raise VeiligFout(f"Dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat). "
                         f"Geef een {soort}.", bestand=naam)
    if info.st_size > max_bytes:
        raise VeiligFout(f"Dit bestand is te groot ({_grootte(info.st_size)}; de grens is "
                         f"{_grootte(max_bytes)}). Is dit wel een {soort}?", bestand=naam)
    try:
        # O_NONBLOCK: a file swapped for a FIFO after the stat above cannot make open() hang
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise VeiligFout(f"Ik kan dit bestand niet lezen: {oorzaak(e)}.", bestand=naam) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise VeiligFout(f"Dit is geen gewoon bestand. Geef een {soort}.", bestand=naam)
        with os.fdopen(fd, "rb", closefd=False) as f:
            ruw = f.read(max_bytes + 1)
    except OSError as e:
        raise VeiligFout(f"Ik kan dit bestand niet lezen: {oorzaak(e)}.", bestand=naam) from None
    finally:
        os.close(fd)
    if len(ruw) > max_bytes:
        raise VeiligFout(f"Dit bestand is te groot (meer dan {_grootte(max_bytes)}). Is dit wel een {soort}?",
                         bestand=naam)
    return decodeer(ruw, naam, soort=soort, utf8_bom=utf8_bom)


def decodeer(ruw: bytes, naam: str, *, soort: str = "tekstbestand", utf8_bom: bool = True) -> str:
    """Decode bytes as UTF-8 with the checks of :func:`lees_tekst` (see there)."""
    opslaan = "Open het in een teksteditor en sla het op als 'UTF-8' (platte tekst) met dezelfde naam."
    if ruw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _lijkt_utf16(ruw):
        raise VeiligFout(f"Dit bestand is opgeslagen als UTF-16 (Unicode). Ik lees alleen UTF-8. {opslaan}",
                         bestand=naam)
    if ruw.startswith(codecs.BOM_UTF8):
        if not utf8_bom:
            raise VeiligFout("Dit bestand begint met een onzichtbaar BOM-teken (zoals Kladblok dat "
                             f"schrijft). {opslaan} Kies 'UTF-8' zonder BOM.", bestand=naam)
        ruw = ruw[len(codecs.BOM_UTF8):]
    if b"\x00" in ruw:
        regel = ruw[: ruw.index(b"\x00")].count(b"\n") + 1
        raise VeiligFout(f"Het bestand bevat NUL-tekens. Het is geen gewoon "
                         f"{soort}, of het is beschadigd.", bestand=naam, regel=regel)
    try:
        tekst = ruw.decode("utf-8")
    except UnicodeDecodeError as e:
        regel = ruw[: e.start].count(b"\n") + 1
        try:
            ruw.decode("cp1252")
            wat = "als Windows-1252 (ANSI), bijvoorbeeld door Excel of Kladblok"
        except UnicodeDecodeError:
            wat = "niet als UTF-8"
        raise VeiligFout(f"Dit bestand is opgeslagen {wat}. Ik lees alleen UTF-8. "
                         f"{opslaan}", bestand=naam, regel=regel) from None
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def _lijkt_utf16(ruw: bytes) -> bool:
    """UTF-16 without a BOM: mostly ASCII text with a NUL in every other byte."""
    monster = ruw[:400]
    if len(monster) < 4:
        return False
    even, oneven = monster[0::2], monster[1::2]
    return even.count(0) > 0.4 * len(even) or oneven.count(0) > 0.4 * len(oneven)


# --- bounded YAML -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class YamlGrens:
    """Bounds for :func:`laad_yaml`; the defaults allow a bank of well over 10.000 questions."""

    max_bytes: int = 16 * 1024 * 1024
    max_knopen: int = 2_000_000
    max_diepte: int = 40


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _regel(event: Any) -> int | None:
    return event.start_mark.line + 1 if event.start_mark is not None else None


def _anker(event: Any, bestand: str) -> VeiligFout:
    return VeiligFout("Gebruik geen ankers ('&naam') of verwijzingen ('*naam'). Schrijf de tekst voluit op "
                      "elke plek waar je hem nodig hebt. Begint een tekst met * of & (zoals **vet**)? Zet "
                      "de hele tekst dan tussen aanhalingstekens.", bestand=bestand, regel=_regel(event))


def laad_yaml(tekst: str, bestand: str, grens: YamlGrens | None = None) -> tuple[Any, Any]:
    """Parse *tekst*; return ``(node, data)``: the compose tree (with line marks) and the Python value.

    Bounds are checked on the event stream before the tree is built: anchors (``&naam``) and aliases
    (``*naam``) are refused (they make "billion laughs" bombs possible and a teacher never needs
    them), and so are more than ``max_diepte`` levels or ``max_knopen`` values. Raises
    :class:`VeiligFout` (with the line) for a bound and ``yaml.YAMLError`` for a syntax error.
    """
    import yaml

    g = grens or YamlGrens()
    if len(tekst) > g.max_bytes:
        raise VeiligFout(f"Dit bestand is te groot ({_grootte(len(tekst))}; de grens is "
                         f"{_grootte(g.max_bytes)}).", bestand=bestand)
    loader_cls = _loader()
    diepte = 0
    knopen = 0
    alias, scalar, begin, einde = yaml.AliasEvent, yaml.ScalarEvent, yaml.CollectionStartEvent, \
        yaml.CollectionEndEvent
    try:
        for event in yaml.parse(tekst, Loader=loader_cls):
            is_begin = isinstance(event, begin)
            if is_begin or isinstance(event, scalar):
                knopen += 1
                if event.anchor is not None:
                    raise _anker(event, bestand)
                if is_begin:
                    diepte += 1
                    if diepte > g.max_diepte:
                        raise VeiligFout(f"De blokken zijn te diep genest (meer dan {g.max_diepte} niveaus). "
                                         "Kijk naar de inspringing.", bestand=bestand, regel=_regel(event))
                if knopen > g.max_knopen:
                    raise VeiligFout(f"Het bestand heeft te veel waarden (meer dan "
                                     f"{g.max_knopen:,}).".replace(",", "."), bestand=bestand,
                                     regel=_regel(event))
            elif isinstance(event, einde):
                diepte -= 1
            elif isinstance(event, alias):
                raise _anker(event, bestand)
        loader = loader_cls(tekst)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except RecursionError:
        raise VeiligFout("De blokken zijn te diep genest. Kijk naar de inspringing.",
                         bestand=bestand) from None
    return node, data


# --- atomic writes ------------------------------------------------------------------------------------------

def _als_bytes(inhoud: str | bytes) -> bytes:
    return inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud


def _tijdelijk(doel: Path, inhoud: bytes) -> Path:
    """Write *inhoud* to a new temporary file next to *doel* (fsync'ed); remove it on any error."""
    fd, naam = tempfile.mkstemp(dir=doel.parent, prefix=f".{doel.name}.", suffix=".tmp")
    try:
        # mkstemp makes 0600; keep the mode of the file we replace, else the usual 0644
        with contextlib.suppress(OSError, AttributeError):
            os.fchmod(fd, stat.S_IMODE(os.stat(doel).st_mode) if doel.exists() else 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(inhoud)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(naam)
        raise
    return Path(naam)


def _fsync_map(map_: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(map_, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def schrijf_atomair(pad: str | os.PathLike[str], inhoud: str | bytes, *, overschrijven: bool = True) -> Path:
    """Write *inhoud* (text as UTF-8) to *pad* in one step: the file is either the old one or complete.

    With ``overschrijven=False`` an existing file is never replaced: ``FileExistsError`` is raised (and
    nothing is left behind). Any other ``OSError`` becomes a :class:`VeiligFout` in Dutch, after the
    temporary file is removed.
    """
    doel = Path(pad)
    tmp: Path | None = None
    try:
        tmp = _tijdelijk(doel, _als_bytes(inhoud))
        if overschrijven:
            os.replace(tmp, doel)
        else:
            link = getattr(os, "link", None)  # Pyodide (the browser version) has no os.link at all
            try:
                if link is None:
                    raise OSError("no hard links on this platform")
                link(tmp, doel)  # fails if doel exists: atomic "create, never overwrite"
            except FileExistsError:
                raise
            except OSError:  # no hard links here (FAT, some network drives, Pyodide, protected links)
                _zonder_link(tmp, doel)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        tmp = None
        _fsync_map(doel.parent)
        return doel
    except FileExistsError:
        raise
    except OSError as e:
        raise VeiligFout(f"Opslaan is niet gelukt: {oorzaak(e)}. Er is niets half weggeschreven.",
                         bestand=str(doel)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _zonder_link(tmp: Path, doel: Path) -> None:
    """No hard links (e.g. FAT): claim the name with O_EXCL, then move the full file onto it."""
    fd = os.open(doel, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    os.close(fd)
    try:
        os.replace(tmp, doel)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(doel)
        raise


def schrijf_samen(bestanden: Mapping[str | os.PathLike[str], str | bytes]) -> list[Path]:
    """Replace several files as one change: all new contents first, then all renames.

    When anything fails, the files that were already replaced get their old content back (from hard
    links, or copies, made before the first rename), every temporary file is removed, and a
    :class:`VeiligFout` says in Dutch that nothing changed.
    """
    paren = [(Path(p), _als_bytes(x)) for p, x in bestanden.items()]
    tijdelijk: list[Path] = []
    reserves: dict[Path, Path | None] = {}  # target -> backup of its old content (None: it was new)
    vervangen: list[Path] = []
    try:
        klaar: list[tuple[Path, Path]] = []
        for doel, inhoud in paren:
            t = _tijdelijk(doel, inhoud)
            tijdelijk.append(t)
            klaar.append((doel, t))
        for doel, _ in klaar:
            reserves[doel] = _reserve(doel, tijdelijk)
        for doel, t in klaar:
            os.replace(t, doel)
            vervangen.append(doel)
        _fsync_map(paren[0][0].parent if paren else Path("."))
    except OSError as e:
        hersteld = _herstel(vervangen, reserves)
        eerste = next(iter(p for p, _ in paren), Path("."))
        melding = (f"Schrijven is niet gelukt: {oorzaak(e)}. "
                   + ("Er is niets veranderd: de oude bestanden staan er nog." if hersteld else
                      "Niet alle oude bestanden konden worden teruggezet: controleer "
                      + ", ".join(str(p) for p in vervangen) + "."))
        raise VeiligFout(melding, bestand=str(eerste.parent)) from None
    finally:
        for t in tijdelijk:
            with contextlib.suppress(OSError):
                os.unlink(t)
    return [p for p, _ in paren]


def _reserve(doel: Path, tijdelijk: list[Path]) -> Path | None:
    """Keep the old content of *doel* next to it: a hard link (no disk space needed), else a copy."""
    if not doel.exists():
        return None
    reserve = doel.with_name(f".{doel.name}.{os.getpid()}.{secrets.token_hex(4)}.oud")
    tijdelijk.append(reserve)
    try:
        os.link(doel, reserve)
    except FileExistsError:
        raise
    except (OSError, AttributeError):  # no hard links (FAT, network drives; Pyodide has no os.link)
        shutil.copyfile(doel, reserve)
    return reserve


def _herstel(vervangen: list[Path], reserves: dict[Path, Path | None]) -> bool:
    """Put the old content back into every replaced file; False when that failed for one."""
    gelukt = True
    for doel in reversed(vervangen):
        reserve = reserves.get(doel)
        try:
            if reserve is None:
                os.unlink(doel)
            else:
                os.replace(reserve, doel)
        except OSError:
            gelukt = False
    return gelukt


# --- network ------------------------------------------------------------------------------------------------

def met_tijdslimiet(opties: Mapping[str, Any] | None = None,
                    tijdslimiet: tuple[float, float] = TIJDSLIMIET) -> dict[str, Any]:
    """``requests`` keyword arguments with a timeout (a timeout that is already set is kept)."""
    uit = dict(opties or {})
    if uit.get("timeout") is None:
        uit["timeout"] = tijdslimiet
    return uit
