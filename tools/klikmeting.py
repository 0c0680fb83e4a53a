"""The one click-to-feedback measurement the benchmarks share (JupyterLab, Voila, the install-free site).

``JS_KLIK`` runs in the page with a quiz question element: it clicks "Controleer" and resolves with the
milliseconds until the feedback is in the DOM and painted (-1 when there is no button or no feedback).
"""

JS_KLIK = """async (q) => {
  const knop = [...q.querySelectorAll('button')].find(b => b.textContent.trim() === 'Controleer');
  const fb = q.querySelector('.vd-feedback');
  if (!knop || !fb) return -1;
  return await new Promise((resolve) => {
    const t0 = performance.now();
    const klaar = () => requestAnimationFrame(() => resolve(performance.now() - t0));
    const obs = new MutationObserver(() => {
      if (fb.querySelector('.vd-fb')) { obs.disconnect(); klaar(); }
    });
    obs.observe(fb, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(-1); }, 10000);
    knop.click();
  });
}"""
