"""Serve the install-free site (build/lite) on this computer, for a USB stick or a classroom PC.

Usage: python serve.py [--port 8000] [--bind 127.0.0.1] [FOLDER]

One file, standard library only (copied into the built site as ``serve.py``). It sends ``.wasm`` as
``application/wasm`` and ``.mjs`` as ``text/javascript``, which Pyodide needs and which some systems'
MIME tables get wrong. The default folder is the one this file is in. ``--bind 0.0.0.0`` serves the
whole network (a classroom intranet); by default only this computer can open it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
from pathlib import Path
from typing import ClassVar

TYPES: dict[str, str] = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".ipynb": "application/json",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:  # quiet: one line per error only
        if args and str(args[1] if len(args) > 1 else "").startswith(("4", "5")):
            super().log_message(format, *args)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").exists():
        print(f"Geen site gevonden in {args.folder} (index.html ontbreekt). Bouw hem met: make lite",
              file=sys.stderr)
        return 1
    handler = functools.partial(Handler, directory=str(args.folder))
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as server:
        print(f"Open http://{args.bind}:{server.server_address[1]}/lab/index.html (stoppen: Ctrl+C)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
