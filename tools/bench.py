"""The project's benchmark (`make bench`). Prints figures; asserts nothing (these are not timed tests).

What it measures, on this machine:
- per notebook: execution time (median of --repeat runs) next to the floor, a notebook that only imports
  pandas, matplotlib and ipywidgets, as a ratio (target: at most 2x the floor);
- per notebook: the kernel's peak memory (ru_maxrss of the kernel process; target under 250 MB);
- the helper package's import time beyond pandas and matplotlib (target under 0.3 s);
- the set-up time of a fresh environment (venv + uv + requirements.txt + the package; target under 60 s);
- with a browser available: click-to-feedback and open-to-first-quiz times (tools/bench_browser.py);
- with a browser and build/cache: the install-free route offline (tools/bench_lite.py: kernel idle,
  first quiz, click-to-feedback against an empty notebook in the same site, and the site's size);
- with --suite: the wall time of the whole test suite (`make test`).

Usage: python tools/bench.py [--repeat N] [--skip-setup] [--cold] [--suite] [--no-browser] [--no-lite]
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
FLOOR_SOURCE = "import pandas\nimport matplotlib.pyplot as plt\nimport ipywidgets"
PEAK_SOURCE = "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, float]:
    """Execute a copy of *nb*; return (seconds, peak kernel memory in MB)."""
    nb = copy.deepcopy(nb)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_SOURCE))
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    out = nb.cells[-1].outputs[0]["text"].strip().splitlines()[-1]
    return seconds, int(out) / 1024


def bench_notebooks(repeat: int) -> None:
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    floor_runs = [run_notebook(floor_nb, ROOT / "notebooks") for _ in range(repeat)]
    floor = statistics.median(s for s, _ in floor_runs)
    print(f"\nNotebooks (median of {repeat} runs; floor = only imports pandas, matplotlib, ipywidgets)")
    print(f"{'notebook':<48} {'seconds':>8} {'x floor':>8} {'peak MB':>8}")
    print(f"{'(floor)':<48} {floor:8.2f} {1.0:8.2f} {max(m for _, m in floor_runs):8.0f}")
    folders = ["notebooks", "solutions", "exercises", "docs/voorbeelden"]
    for folder in folders:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            try:
                runs = [run_notebook(nb, path.parent) for _ in range(repeat)]
            except Exception as exc:  # report and go on: a benchmark, not a test
                print(f"{folder + '/' + path.name:<48} failed: {type(exc).__name__}")
                continue
            secs = statistics.median(s for s, _ in runs)
            peak = max(m for _, m in runs)
            print(f"{folder + '/' + path.name:<48} {secs:8.2f} {secs / floor:8.2f} {peak:8.0f}")


def bench_import(python: str, repeat: int = 7) -> None:
    code = (
        "import time, pandas, matplotlib, matplotlib.pyplot\n"
        "t = time.perf_counter()\n"
        "import voordeur.les, voordeur.data, voordeur.charts, voordeur.quiz\n"
        "print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(repeat):
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        times.append(float(out.stdout.strip()))
    print(f"\nHelper package import beyond pandas + matplotlib: median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}, {repeat} runs)")


def bench_setup(cold: bool) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="voordeur-setup-"))
    env = dict(os.environ)
    if cold:
        env["UV_NO_CACHE"] = "1"
        env["PIP_NO_CACHE_DIR"] = "1"
    venv = tmp / "venv"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", "uv"], check=True, env=env)
    subprocess.run(["bash", str(ROOT / "tools/install.sh"), str(venv), "requirements.txt"],
                   check=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - start
    kind = "no package cache" if cold else "with the machine's package cache"
    print(f"\nFresh environment (venv + uv + requirements.txt + package, {kind}): {seconds:.1f} s")
    shutil.rmtree(tmp, ignore_errors=True)


def bench_browser() -> None:
    script = ROOT / "tools" / "bench_browser.py"
    if not script.exists() or shutil.which("chromium") is None:
        print("\nBrowser figures: skipped (no tools/bench_browser.py or no chromium)")
        return
    subprocess.run([sys.executable, str(script)], check=False, cwd=ROOT)
    voila = ROOT / "tools" / "bench_voila.py"
    if voila.exists():
        print("\nVoilà (quiz app and beamer page): first question visible, click -> feedback")
        subprocess.run([sys.executable, str(voila)], check=False, cwd=ROOT)


def bench_lite() -> None:
    script = ROOT / "tools" / "bench_lite.py"
    if shutil.which("chromium") is None:
        print("\nInstall-free route: skipped (no chromium)")
        return
    subprocess.run([sys.executable, str(script)], check=False, cwd=ROOT)


def bench_suite() -> None:
    start = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    print(f"\nTest suite (make test): {time.perf_counter() - start:.0f} s, exit code {result.returncode}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--cold", action="store_true", help="measure set-up without package cache")
    parser.add_argument("--suite", action="store_true", help="also time `make test`")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-lite", action="store_true", help="skip the install-free route (JupyterLite)")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    bench_import(sys.executable)
    bench_notebooks(args.repeat)
    if not args.skip_setup:
        bench_setup(args.cold)
    if not args.no_browser:
        bench_browser()
        if not args.no_lite:
            bench_lite()
    if args.suite:
        bench_suite()
    return 0


if __name__ == "__main__":
    sys.exit(main())
