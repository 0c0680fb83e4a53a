"""Drive the install-free site (build/lite) in Chromium with every request off this machine blocked.

Used by tests/browser/test_browser_lite.py and tools/bench_browser.py. The site is served by the same
handler the site ships as ``serve.py`` (tools/serve_lite.py), on 127.0.0.1 in a thread.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import labdriver as ld

REPO = ld.REPO
SITE = REPO / "build" / "lite"
LOCAL_HOSTS = ("127.0.0.1",)
#: A second, browser-wide wall under the route (workers and the service worker included): no host name
#: resolves except 127.0.0.1, and everything not on the loopback goes to a proxy that does not exist.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]
#: Only requests that are not local are intercepted (routing every request makes the site ~3x slower).
NOT_LOCAL = re.compile(r"^(?!(https?://127\.0\.0\.1[:/]|data:|blob:))")
# Let context.route also see the requests of JupyterLite's service worker (Chromium only).
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")


def launch_offline_browser(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(ld.CHROMIUM),
                                      args=[*ld.CHROMIUM_ARGS, *OFFLINE_ARGS], headless=True)


def _serve_module() -> Any:
    spec = importlib.util.spec_from_file_location("serve_lite", REPO / "tools" / "serve_lite.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve *site* on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    handler = functools.partial(_serve_module().Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def is_local(url: str) -> bool:
    return url.startswith(("data:", "blob:")) or (urlsplit(url).hostname or "") in LOCAL_HOSTS


@dataclass
class Netwerk:
    """Every request the pages (and their workers) made; ``geblokkeerd``: aborted, never left the machine."""

    alle: list[str] = field(default_factory=list)
    geblokkeerd: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        self.geblokkeerd.append(route.request.url)
        route.abort("internetdisconnected")

    def request(self, request: Any) -> None:
        self.alle.append(request.url)

    @property
    def extern(self) -> list[str]:
        """Requests for an address that is not this machine (should be none)."""
        return sorted({u for u in self.alle if not is_local(u)} | set(self.geblokkeerd))


def offline_page(browser: Any, width: int = 1280, height: int = 900) -> tuple[Any, Netwerk]:
    """A page in a fresh context (its own browser storage) where only 127.0.0.1 answers.

    JupyterLite's service worker (the kernel's file access) is allowed; its requests pass the route too.
    """
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    netwerk = Netwerk()
    context.route(NOT_LOCAL, netwerk.route)
    context.on("request", netwerk.request)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page, netwerk


def lab_url(base: str, path: str) -> str:
    return f"{base}lab/index.html?path={path}"


def open_and_wait_idle(page: Any, base: str, path: str, timeout: float = 120.0) -> None:
    page.goto(lab_url(base, path))
    page.wait_for_function(ld.JS_KERNEL_IDLE, arg=path, timeout=timeout * 1000, polling=100)


def run_all(page: Any, path: str, timeout: float = 180.0) -> None:
    page.evaluate("(p) => { window.__run = (" + ld.JS_RUN_ALL.strip() + ")(p); }", path)
    page.wait_for_timeout(500)
    page.wait_for_function(ld.JS_RUN_DONE, arg=path, timeout=timeout * 1000, polling=200)


# Per cell: its outputs as {type, text, mimes} from the model (JupyterLab windows cells: off-screen cells
# are not in the DOM, so the DOM cannot say what a cell shows).
JS_OUTPUTS = f"""(path) => {{
  const panel = ({ld._JS_PANEL})(path);
  return panel.content.widgets.map(c => {{
    if (c.model.type !== 'code') return [];
    const outs = c.model.outputs.toJSON();
    return outs.map(o => {{
      const data = o.data || {{}};
      let text = o.text || data['text/plain'] || '';
      if (o.output_type === 'error') text = o.ename + ': ' + o.evalue;
      if (Array.isArray(text)) text = text.join('');
      let html = data['text/html'] || '';
      if (Array.isArray(html)) html = html.join('');
      return {{type: o.output_type, text: text, html: html, mimes: Object.keys(data)}};
    }});
  }});
}}"""


def outputs(page: Any, path: str) -> list[list[dict[str, Any]]]:
    """Every cell's outputs (empty list for markdown cells), read from the notebook model."""
    return list(page.evaluate(JS_OUTPUTS, path))


# Append a code cell to the notebook and run it (as a student typing a new cell would).
JS_ADD_AND_RUN = f"""async ([path, source]) => {{
  const panel = ({ld._JS_PANEL})(path);
  const nb = panel.content;
  const n = nb.model.cells.length;
  nb.model.sharedModel.insertCell(n, {{cell_type: 'code', source: source}});
  nb.activeCellIndex = n;
  await window.jupyterapp.commands.execute('notebook:run-cell');
  return n;
}}"""


def add_and_run(page: Any, path: str, source: str, timeout: float = 60.0) -> int:
    """Append a code cell with *source*, run it, wait until the kernel is done; return its index."""
    index = int(page.evaluate(JS_ADD_AND_RUN, [path, source]))
    page.wait_for_timeout(300)
    page.wait_for_function(ld.JS_RUN_DONE, arg=path, timeout=timeout * 1000, polling=100)
    return index


JS_CELL_NODE_SCROLL = f"""([path, i]) => {{
  const panel = ({ld._JS_PANEL})(path);
  const cell = panel.content.widgets[i];
  panel.content.scrollToItem(i, 'start');
  return !!cell;
}}"""


def cell(page: Any, path: str, index: int) -> Any:
    """A locator for cell *index* of the open notebook, scrolled into view (so it is laid out)."""
    page.evaluate(JS_CELL_NODE_SCROLL, [path, index])
    page.wait_for_timeout(300)
    return page.locator(f'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell[data-windowed-list-index="{index}"]')


JS_IMAGES_SHOWN = """(node) => [...node.querySelectorAll('.jp-OutputArea-output img')]
    .filter(img => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0).length"""


def images_shown(page: Any, path: str, index: int) -> int:
    """How many output images of cell *index* are loaded and laid out."""
    loc = cell(page, path, index)
    loc.wait_for(state="attached", timeout=10_000)
    return int(loc.evaluate(JS_IMAGES_SHOWN))


JS_LIST_FILES = """async (folder) => {
  const listing = await window.jupyterapp.serviceManager.contents.get(folder, {content: true});
  return listing.content.map(f => f.name);
}"""


def files_in_browser_storage(page: Any, folder: str) -> list[str]:
    """Names of the files in *folder* of the site's storage (IndexedDB via JupyterLite's contents API)."""
    return list(page.evaluate(JS_LIST_FILES, folder))
