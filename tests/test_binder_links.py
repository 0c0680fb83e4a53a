"""Launch links: one setting (online.toml) -> a Binder link per lesson, in the documented form."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from gereedschap import laad_tool

from voordeur.lessen import LESSEN

ROOT = Path(__file__).resolve().parents[1]


def _load_tool():
    return laad_tool("binder_links")


bl = _load_tool()


def _settings(tmp_path: Path, text: str):
    path = tmp_path / "online.toml"
    path.write_text(text, encoding="utf-8")
    return bl.load_settings(path)


def test_binder_link_form(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/mijn-school/voordeur"\nbranch = "main"\n')
    url = bl.binder_url(s, "03-signaleren.ipynb")
    assert url == ("https://mybinder.org/v2/gh/mijn-school/voordeur/main"
                   "?urlpath=lab/tree/notebooks/03-signaleren.ipynb")
    parsed = urlparse(url)
    assert parsed.netloc == "mybinder.org"
    assert parse_qs(parsed.query)["urlpath"] == ["lab/tree/notebooks/03-signaleren.ipynb"]


def test_one_setting_drives_every_link(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/a-b/c.d"\nbranch = "herfst-2025"\nlite = ""\n')
    block = bl.markdown_block(s)
    binder_links = re.findall(r"\((https://mybinder\.org/v2/gh/[^)]+)\)", block)
    lesson_links = [u for u in binder_links if "urlpath=lab/tree/" in u]
    assert len(lesson_links) == len(LESSEN)
    for les, url in zip(LESSEN, lesson_links, strict=True):
        assert url == f"https://mybinder.org/v2/gh/a-b/c.d/herfst-2025?urlpath=lab/tree/notebooks/{les.bestand}"
    assert "JupyterLite" not in block  # no lite address set: no browser column
    assert "voorbeeldadressen" not in block


def test_branch_with_slash_is_encoded(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/o/r"\nbranch = "release/2025"\n')
    assert "/gh/o/r/release%2F2025?" in bl.binder_url(s, "00-start.ipynb")


def test_trailing_git_and_slash_are_tolerated(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/o/r.git"\n')
    assert (s.owner, s.repo, s.branch) == ("o", "r", "main")


@pytest.mark.parametrize("bad", ["github.com/o/r", "https://gitlab.com/o/r", "https://github.com/o", ""])
def test_malformed_repository_gives_a_clear_message(tmp_path: Path, bad: str) -> None:
    with pytest.raises(bl.InstellingFout, match="repository"):
        _settings(tmp_path, f'repository = "{bad}"\n')


def test_lite_links(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/o/r"\nlite = "https://o.github.io/r/"\n')
    assert bl.lite_url(s, "04-meldcode.ipynb") == "https://o.github.io/r/lab/index.html?path=notebooks/04-meldcode.ipynb"
    assert bl.markdown_block(s).count("lab/index.html?path=notebooks/") == len(LESSEN)


def test_placeholder_is_marked() -> None:
    s = bl.load_settings()  # the committed online.toml
    if s.is_placeholder:
        assert "voorbeeldadressen" in bl.markdown_block(s)


def test_render_into_replaces_only_the_block(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/o/r"\n')
    # the old block's text must be a word no lesson name contains ("oud" is in "10-ouderen-en-lvb")
    text = f"voor\n{bl.BEGIN}\nOUDE-REGEL-XYZ\n{bl.END}\nna\n"
    out = bl.render_into(text, s)
    assert out.startswith("voor\n") and out.endswith("na\n")
    assert "OUDE-REGEL-XYZ" not in out and "mybinder.org/v2/gh/o/r/main" in out


def test_generated_files_are_up_to_date() -> None:
    path = ROOT / "docs" / "lessen-online.md"
    assert path.read_text(encoding="utf-8").startswith("<!-- GENERATED")
    for target, wanted in bl.outputs(bl.load_settings()).items():
        assert target.read_text(encoding="utf-8") == wanted, f"{target.name}: run `make binder-links`"


# --- a school's JupyterHub (nbgitpuller) and the one-command address change ------------------------------


def test_hub_link_form(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/mijn-school/voordeur"\n'
                            'hub = "https://jupyter.mijn-school.nl/hub/"\n')
    url = bl.hub_url(s, "03-signaleren.ipynb")
    assert url == ("https://jupyter.mijn-school.nl/hub/user-redirect/git-pull"
                   "?repo=https%3A%2F%2Fgithub.com%2Fmijn-school%2Fvoordeur&branch=main"
                   "&urlpath=lab/tree/voordeur/notebooks/03-signaleren.ipynb")
    query = parse_qs(urlparse(url).query)
    assert query == {"repo": ["https://github.com/mijn-school/voordeur"], "branch": ["main"],
                     "urlpath": ["lab/tree/voordeur/notebooks/03-signaleren.ipynb"]}
    block = bl.markdown_block(s)
    assert block.count("/hub/user-redirect/git-pull?") == len(LESSEN)
    assert "voorbeeldadressen" not in block


def test_no_hub_no_hub_column(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/o/r"\n')
    assert bl.hub_url(s, "00-start.ipynb") is None
    assert "git-pull" not in bl.markdown_block(s)


def test_bad_hub_address(tmp_path: Path) -> None:
    with pytest.raises(bl.InstellingFout, match="'hub'"):
        _settings(tmp_path, 'repository = "https://github.com/o/r"\nhub = "jupyter.school.nl"\n')


def test_set_values_keeps_comments_and_adds_missing_keys() -> None:
    text = '# uitleg\nrepository = "https://github.com/voorbeeld-organisatie/x"\n# meer\nbranch = "main"\n'
    out = bl.set_values(text, {"repository": "https://github.com/school/y", "hub": "https://hub.school.nl"})
    assert out.startswith('# uitleg\nrepository = "https://github.com/school/y"\n# meer\nbranch = "main"\n')
    assert out.rstrip().endswith('hub = "https://hub.school.nl"')


@pytest.fixture
def copy_of_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    for rel in ("online.toml", "README.md", "docs/lessen-online.md"):
        (tmp_path / rel).write_text((ROOT / rel).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(bl, "ROOT", tmp_path)
    monkeypatch.setattr(bl, "SETTINGS", tmp_path / "online.toml")
    monkeypatch.setattr(bl, "OUTPUT", tmp_path / "docs" / "lessen-online.md")
    monkeypatch.setattr(bl, "README", tmp_path / "README.md")
    return tmp_path


def test_one_command_turns_the_placeholder_into_a_real_address(copy_of_repo: Path) -> None:
    args = ["--repository", "https://github.com/roc-west/voordeur", "--hub=https://hub.roc-west.nl",
            "--lite", "https://roc-west.github.io/voordeur"]
    assert bl.main(args) == 0
    settings = bl.load_settings(copy_of_repo / "online.toml")
    assert (settings.owner, settings.repo, settings.hub) == ("roc-west", "voordeur", "https://hub.roc-west.nl")
    assert not settings.is_placeholder
    for rel in ("README.md", "docs/lessen-online.md"):
        text = (copy_of_repo / rel).read_text(encoding="utf-8")
        assert "voorbeeld-organisatie" not in text and "voorbeeldadressen" not in text, rel
        assert "https://hub.roc-west.nl/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Froc-west" \
            in text
    assert "# The GitHub repository" in (copy_of_repo / "online.toml").read_text(encoding="utf-8")
    assert bl.main(["--check"]) == 0


def test_a_placeholder_lite_address_is_marked(tmp_path: Path) -> None:
    s = _settings(tmp_path, 'repository = "https://github.com/o/r"\n'
                            'lite = "https://voorbeeld-organisatie.github.io/r"\n')
    assert s.is_placeholder


def test_a_bad_address_changes_nothing(copy_of_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in copy_of_repo.rglob("*") if p.is_file()}
    assert bl.main(["--repository", "https://gitlab.com/x/y"]) == 2
    assert "repository" in capsys.readouterr().err
    after = {p.name: p.read_text(encoding="utf-8") for p in copy_of_repo.rglob("*") if p.is_file()}
    assert after == before
