"""make quiz-app / make beamer and the Voila benchmark use the same settings (issue 16, speed)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tests.gereedschap import laad_tool

ROOT = Path(__file__).resolve().parents[1]


def test_makefile_and_benchmark_leave_out_the_same_extensions() -> None:
    sys.path.insert(0, str(ROOT / "tools"))  # bench_voila imports klikmeting from there
    bench = laad_tool("bench_voila")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(r"extension_denylist='(\[[^']*\])'", makefile)
    assert m, "VOILA_ARGS in the Makefile has no extension_denylist"
    assert json.loads(m.group(1)) == json.loads(bench.ONGEBRUIKT)
    assert "--preheat_kernel=True" in bench.VOILA_SNEL and "$(VOILA_ARGS)" in makefile
    # the benchmark starts Voila as the make targets do: our template (no MathJax), Dutch
    for doel in ("quiz-app", "beamer"):
        recept = makefile.split(f"\n{doel}:", 1)[1].split("\n\n", 1)[0]
        assert all(arg in recept for arg in bench.MAKE_QUIZ_APP), (doel, recept)
    # every name is a JupyterLab extension that exists here (a typo would load it after all)
    namen = set()
    for pakket in (Path(sys.prefix) / "share" / "jupyter" / "labextensions").glob("**/package.json"):
        if pakket.parent.parent.name != "node_modules":
            namen.add(json.loads(pakket.read_text(encoding="utf-8")).get("name"))
    if namen:
        assert set(json.loads(bench.ONGEBRUIKT)) <= namen, namen
