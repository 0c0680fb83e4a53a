"""The safe primitives (voordeur.veilig): bounded YAML, safe text read, atomic writes, timeouts.

Cases that would need root in real life (full disk, read-only folder, no permission) are simulated with
a monkeypatched ``OSError`` (errno ENOSPC, EROFS, EACCES, EDQUOT, EIO), so they run without root.
"""

from __future__ import annotations

import codecs
import errno
import os
import time
from pathlib import Path

import pytest
import yaml

from voordeur import veilig
from voordeur.fouten import VoordeurFout
from voordeur.veilig import VeiligFout, YamlGrens, laad_yaml, lees_tekst, schrijf_atomair, schrijf_samen

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# --- lees_tekst: odd files -------------------------------------------------------------------------


def _maak(tmp_path: Path, soort: str) -> Path:
    pad = tmp_path / "x.yaml"
    if soort == "map":
        pad.mkdir()
    elif soort == "fifo":
        os.mkfifo(pad)
    elif soort == "symlink-lus":
        pad.symlink_to(tmp_path / "y.yaml")
        (tmp_path / "y.yaml").symlink_to(pad)
    elif soort == "symlink-zelf":
        pad.symlink_to(pad)
    elif soort == "symlink-weg":
        pad.symlink_to(tmp_path / "bestaat-niet.yaml")
    elif soort == "ontbreekt":
        pass
    elif soort == "pad-door-bestand":
        (tmp_path / "bestand").write_text("x", encoding="utf-8")
        return tmp_path / "bestand" / "x.yaml"
    return pad


VREEMDE_BESTANDEN = {
    "map": "is een map",
    "fifo": "geen gewoon bestand",
    "symlink-lus": "verwijst naar zichzelf",
    "symlink-zelf": "verwijst naar zichzelf",
    "symlink-weg": "bestaat niet",
    "ontbreekt": "bestaat niet",
    "pad-door-bestand": "geen map",
}


@pytest.mark.parametrize("soort", sorted(VREEMDE_BESTANDEN))
def test_odd_files_get_a_dutch_message_and_never_hang(tmp_path: Path, soort: str) -> None:
    if soort == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    pad = _maak(tmp_path, soort)
    begin = time.perf_counter()
    with pytest.raises(VeiligFout) as e:
        lees_tekst(pad, soort="vragenbank")
    assert time.perf_counter() - begin < 2
    assert VREEMDE_BESTANDEN[soort] in str(e.value)
    assert str(pad) in str(e.value) and e.value.bestand == str(pad)
    assert isinstance(e.value, VoordeurFout)


CODERINGEN = {
    "utf16-le-bom": (codecs.BOM_UTF16_LE + "bank: x\n".encode("utf-16-le"), "UTF-16"),
    "utf16-be-bom": (codecs.BOM_UTF16_BE + "bank: x\n".encode("utf-16-be"), "UTF-16"),
    "utf16-zonder-bom": ("bank: x\ntitel: y\n".encode("utf-16-le"), "UTF-16"),
    "utf16-be-zonder-bom": ("bank: x\ntitel: y\n".encode("utf-16-be"), "UTF-16"),
    "cp1252": ("titel: café – één\n".encode("cp1252"), "Windows-1252"),
    "cp1252-tweede-regel": ("a: b\ntitel: “aanhalingstekens”\n".encode("cp1252"), "regel 2"),
    "latin1-ongeldig": (b"a: \x81\x8d\x8f\x90\x9d", "niet als UTF-8"),
    "nul": (b"bank: x\n\x00\x00", "NUL"),
    "nul-midden": (b"a: 1\nb: 2\nc: \x003\n", "regel 3"),
}


@pytest.mark.parametrize("naam", sorted(CODERINGEN))
def test_wrong_encodings_are_named(tmp_path: Path, naam: str) -> None:
    inhoud, woorden = CODERINGEN[naam]
    pad = tmp_path / "bank.yaml"
    pad.write_bytes(inhoud)
    with pytest.raises(VeiligFout) as e:
        lees_tekst(pad)
    assert woorden in str(e.value)
    assert str(pad) in str(e.value)
    assert "UTF-8" in str(e.value) or "NUL" in str(e.value)


@pytest.mark.parametrize(("inhoud", "verwacht"), [
    (codecs.BOM_UTF8 + b"bank: x\n", "bank: x\n"),                # Notepad
    (b"a: 1\r\nb: 2\r\n", "a: 1\nb: 2\n"),                           # Windows line ends
    (b"a: 1\rb: 2\r", "a: 1\nb: 2\n"),                               # old Mac line ends
    (codecs.BOM_UTF8 + b"a: \xc3\xa9\r\n", "a: é\n"),
    (b"", ""),
])
def test_bom_and_line_ends_are_accepted(tmp_path: Path, inhoud: bytes, verwacht: str) -> None:
    pad = tmp_path / "a.txt"
    pad.write_bytes(inhoud)
    assert lees_tekst(pad) == verwacht


def test_bom_can_be_refused(tmp_path: Path) -> None:
    pad = tmp_path / "a.json"
    pad.write_bytes(codecs.BOM_UTF8 + b"{}")
    with pytest.raises(VeiligFout, match="BOM"):
        lees_tekst(pad, utf8_bom=False)


def test_size_limit_before_reading(tmp_path: Path) -> None:
    pad = tmp_path / "groot.yaml"
    pad.write_bytes(b"a" * 2000)
    with pytest.raises(VeiligFout, match="te groot"):
        lees_tekst(pad, max_bytes=1000)
    assert lees_tekst(pad, max_bytes=2000) == "a" * 2000


@pytest.mark.parametrize(("code", "woorden"), [
    (errno.EACCES, "geen toestemming"), (errno.EPERM, "geen toestemming"), (errno.EIO, "leesfout"),
    (errno.ELOOP, "verwijst naar zichzelf"), (errno.ENAMETOOLONG, "te lang"),
])
def test_open_errors_in_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                              woorden: str) -> None:
    pad = tmp_path / "a.yaml"
    pad.write_text("a: 1\n", encoding="utf-8")

    def weiger(*args: object, **kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(veilig.os, "open", weiger)
    with pytest.raises(VeiligFout, match=woorden):
        lees_tekst(pad)


@pytest.mark.skipif(IS_ROOT, reason="root reads every file; see the monkeypatched variant above")
def test_no_read_permission_for_real(tmp_path: Path) -> None:
    pad = tmp_path / "a.yaml"
    pad.write_text("a: 1\n", encoding="utf-8")
    pad.chmod(0)
    with pytest.raises(VeiligFout, match="geen toestemming"):
        lees_tekst(pad)


# --- laad_yaml: bombs, recursion, depth, size ----------------------------------------------------------

def _lach(n: int) -> str:
    regels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, n):
        vorige = chr(ord("a") + i - 1)
        naam = chr(ord("a") + i)
        regels.append(f"{naam}: &{naam} [" + ",".join([f"*{vorige}"] * 9) + "]")
    return "\n".join(regels) + "\n"


BOMMEN = {
    "billion-laughs": _lach(9),
    "klein-alias": "a: &x tekst\nb: *x\n",
    "alleen-anker": "a: &x tekst\n",
    "merge-key": "basis: &b {goed: true}\noptie:\n  <<: *b\n  tekst: x\n",
    "recursief-anker": "a: &a [*a]\n",
    "recursief-mapping": "&a {x: *a}\n",
    "anker-in-lijst": "vragen:\n  - &v {id: a}\n  - *v\n",
    "anker-op-sleutel": "? &k sleutel\n: waarde\nb: *k\n",
}


@pytest.mark.parametrize("naam", sorted(BOMMEN))
def test_aliases_and_anchors_are_refused_quickly(naam: str) -> None:
    begin = time.perf_counter()
    with pytest.raises(VeiligFout) as e:
        laad_yaml(BOMMEN[naam], "bom.yaml")
    assert time.perf_counter() - begin < 1
    assert "ankers" in str(e.value) and e.value.regel is not None
    assert str(e.value).startswith(f"bom.yaml, regel {e.value.regel}:")


@pytest.mark.parametrize("tekst", [
    "[" * 100_000 + "]" * 100_000,          # flow sequences
    "{a: " * 50_000 + "1" + "}" * 50_000,   # flow mappings
    "".join(f"{' ' * i}- \n" for i in range(200)) + " " * 200 + "- x\n",  # block sequences
    "".join(f"{'  ' * i}k{i}:\n" for i in range(300)) + "  " * 300 + "x: 1\n",  # block mappings
    "[" * 45 + "]" * 45,
])
def test_deep_nesting_is_refused_without_recursion_error(tekst: str) -> None:
    with pytest.raises((VeiligFout, yaml.YAMLError)) as e:
        laad_yaml(tekst, "diep.yaml")
    if isinstance(e.value, VeiligFout):
        assert "diep genest" in str(e.value)


def test_depth_within_bound_is_fine() -> None:
    node, data = laad_yaml("[" * 30 + "1" + "]" * 30, "ok.yaml")
    assert node is not None and data is not None


def test_node_count_and_size_bounds() -> None:
    tekst = "a: [" + ",".join(["1"] * 500) + "]\n"
    with pytest.raises(VeiligFout, match="te veel waarden"):
        laad_yaml(tekst, "veel.yaml", YamlGrens(max_knopen=100))
    with pytest.raises(VeiligFout, match="te groot"):
        laad_yaml(tekst, "groot.yaml", YamlGrens(max_bytes=100))
    assert laad_yaml(tekst, "ok.yaml")[1] == {"a": [1] * 500}


def test_syntax_errors_stay_yaml_errors() -> None:
    with pytest.raises(yaml.YAMLError):
        laad_yaml("a: [1, 2\nb: 3\n", "kapot.yaml")


# --- atomic writes ---------------------------------------------------------------------------

def _rest(map_: Path) -> list[str]:
    return sorted(p.name for p in map_.iterdir())


def test_atomic_write_and_overwrite(tmp_path: Path) -> None:
    pad = tmp_path / "a.txt"
    schrijf_atomair(pad, "een")
    schrijf_atomair(pad, "twee")
    assert pad.read_text(encoding="utf-8") == "twee"
    schrijf_atomair(pad, b"\x00\x01")
    assert pad.read_bytes() == b"\x00\x01"
    assert _rest(tmp_path) == ["a.txt"]


def test_the_file_mode_is_kept_or_usual(tmp_path: Path) -> None:
    nieuw = schrijf_atomair(tmp_path / "nieuw.txt", "x")
    assert nieuw.stat().st_mode & 0o777 == 0o644
    oud = tmp_path / "oud.txt"
    oud.write_text("x", encoding="utf-8")
    oud.chmod(0o664)
    schrijf_atomair(oud, "y")
    assert oud.stat().st_mode & 0o777 == 0o664


def test_never_overwrite_leaves_the_old_file(tmp_path: Path) -> None:
    pad = tmp_path / "a.json"
    pad.write_text("oud", encoding="utf-8")
    with pytest.raises(FileExistsError):
        schrijf_atomair(pad, "nieuw", overschrijven=False)
    assert pad.read_text(encoding="utf-8") == "oud"
    assert _rest(tmp_path) == ["a.json"]


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS, errno.EACCES,
                                  errno.EMLINK])
def test_never_overwrite_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            code: int) -> None:
    def geen_link(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(veilig.os, "link", geen_link)
    pad = tmp_path / "a.json"
    schrijf_atomair(pad, "nieuw", overschrijven=False)
    assert pad.read_text(encoding="utf-8") == "nieuw"
    with pytest.raises(FileExistsError):
        schrijf_atomair(pad, "nog nieuwer", overschrijven=False)
    assert pad.read_text(encoding="utf-8") == "nieuw"
    assert _rest(tmp_path) == ["a.json"]


def test_never_overwrite_where_os_has_no_link_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pyodide (the browser version) has no os.link: saving must still work and never overwrite."""
    monkeypatch.delattr(veilig.os, "link")
    pad = tmp_path / "a.json"
    schrijf_atomair(pad, "nieuw", overschrijven=False)
    assert pad.read_text(encoding="utf-8") == "nieuw"
    with pytest.raises(FileExistsError):
        schrijf_atomair(pad, "nog nieuwer", overschrijven=False)
    assert pad.read_text(encoding="utf-8") == "nieuw"
    assert _rest(tmp_path) == ["a.json"]


FOUTEN = {
    errno.ENOSPC: "schijf is vol", errno.EROFS: "alleen-lezen", errno.EACCES: "geen toestemming",
    errno.EDQUOT: "quota", errno.EIO: "leesfout",
}


@pytest.mark.parametrize("waar", ["mkstemp", "fsync", "replace", "link+replace"])
@pytest.mark.parametrize("code", sorted(FOUTEN))
def test_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, waar: str,
                                     code: int) -> None:
    pad = tmp_path / "a.json"
    oud = tmp_path / "oud.json"
    oud.write_text("oud", encoding="utf-8")

    def faal(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if waar == "mkstemp":
        monkeypatch.setattr(veilig.tempfile, "mkstemp", faal)
    else:
        for naam in waar.split("+"):  # "link+replace": no hard links, and the fallback fails too
            monkeypatch.setattr(veilig.os, naam, faal)
    for overschrijven, p in ((False, pad), (True, oud)):
        if waar == "replace" and not overschrijven:
            continue  # os.link is used then
        with pytest.raises(VeiligFout) as e:
            schrijf_atomair(p, "nieuw", overschrijven=overschrijven)
        assert FOUTEN[code] in str(e.value) and "niets half" in str(e.value)
    assert _rest(tmp_path) == ["oud.json"]
    assert oud.read_text(encoding="utf-8") == "oud"


def test_write_into_a_file_as_folder(tmp_path: Path) -> None:
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    with pytest.raises(VeiligFout, match="geen map"):
        schrijf_atomair(tmp_path / "bestand" / "a.json", "x")


# --- several files at once ---------------------------------------------------------------------------

def _twee(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("oud a", encoding="utf-8")
    b.write_text("oud b", encoding="utf-8")
    return a, b


def test_schrijf_samen_replaces_all(tmp_path: Path) -> None:
    a, b = _twee(tmp_path)
    schrijf_samen({a: "nieuw a", b: "nieuw b", tmp_path / "c.csv": "nieuw c"})
    assert [p.read_text(encoding="utf-8") for p in (a, b, tmp_path / "c.csv")] == ["nieuw a", "nieuw b",
                                                                                 "nieuw c"]
    assert _rest(tmp_path) == ["a.csv", "b.csv", "c.csv"]


@pytest.mark.parametrize("welke", [1, 2, 3])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_schrijf_samen_rolls_back_a_failed_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  welke: int, code: int) -> None:
    a, b = _twee(tmp_path)
    echt = os.replace
    teller = {"n": 0}

    def soms(bron: object, doel: object) -> None:
        teller["n"] += 1
        if teller["n"] == welke:
            raise OSError(code, os.strerror(code))
        echt(bron, doel)  # type: ignore[arg-type]

    monkeypatch.setattr(veilig.os, "replace", soms)
    with pytest.raises(VeiligFout, match="niets veranderd"):
        schrijf_samen({a: "nieuw a", b: "nieuw b", tmp_path / "c.csv": "nieuw c"})
    monkeypatch.setattr(veilig.os, "replace", echt)
    assert a.read_text(encoding="utf-8") == "oud a" and b.read_text(encoding="utf-8") == "oud b"
    assert _rest(tmp_path) == ["a.csv", "b.csv"]


@pytest.mark.parametrize("welke", [1, 2])
def test_schrijf_samen_disk_full_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               welke: int) -> None:
    a, b = _twee(tmp_path)
    echt = os.fsync
    teller = {"n": 0}

    def vol(fd: int) -> None:
        teller["n"] += 1
        if teller["n"] == welke:
            raise OSError(errno.ENOSPC, "No space left on device")
        echt(fd)

    monkeypatch.setattr(veilig.os, "fsync", vol)
    with pytest.raises(VeiligFout, match=r"schijf is vol\..*niets veranderd"):
        schrijf_samen({a: "nieuw a", b: "nieuw b"})
    assert a.read_text(encoding="utf-8") == "oud a" and b.read_text(encoding="utf-8") == "oud b"
    assert _rest(tmp_path) == ["a.csv", "b.csv"]


def test_schrijf_samen_backups_by_copy_without_hard_links(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _twee(tmp_path)

    def geen_link(*args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    echt = os.replace
    teller = {"n": 0}

    def tweede_faalt(bron: object, doel: object) -> None:
        teller["n"] += 1
        if teller["n"] == 2:
            raise OSError(errno.EROFS, "Read-only file system")
        echt(bron, doel)  # type: ignore[arg-type]

    monkeypatch.setattr(veilig.os, "link", geen_link)
    monkeypatch.setattr(veilig.os, "replace", tweede_faalt)
    with pytest.raises(VeiligFout, match="alleen-lezen"):
        schrijf_samen({a: "nieuw a", b: "nieuw b"})
    assert a.read_text(encoding="utf-8") == "oud a" and b.read_text(encoding="utf-8") == "oud b"
    assert _rest(tmp_path) == ["a.csv", "b.csv"]


# --- timeouts ---------------------------------------------------------------------------

def test_every_request_gets_a_timeout() -> None:
    assert veilig.met_tijdslimiet(None)["timeout"] == veilig.TIJDSLIMIET
    assert veilig.met_tijdslimiet({"proxies": {}})["proxies"] == {}
    assert veilig.met_tijdslimiet({"timeout": 3})["timeout"] == 3
    assert veilig.met_tijdslimiet({"timeout": None}, (1, 2))["timeout"] == (1, 2)


@pytest.mark.parametrize(("code", "woorden"), [(errno.ENOSPC, "vol"), (12345, "Error")])
def test_oorzaak(code: int, woorden: str) -> None:
    assert woorden in veilig.oorzaak(OSError(code, "Error"))
