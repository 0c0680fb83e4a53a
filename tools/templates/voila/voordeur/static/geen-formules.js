// The quiz pages have no formulas. Voila 0.5 still loads MathJax 3 (about 1 MB of JavaScript, some
// 0,25 s of a school laptop's start-up) to typeset an empty element once the page has started. This
// template (index.html.j2, block body_footer) points Voila's MathJax 2 route at this file instead: the
// few calls Voila's typesetter makes (@jupyterlab/mathjax2-extension) are accepted and do nothing.
window.MathJax = {
  Hub: {
    Config() {},
    Configured() {},
    Queue() {},
    Register: { StartupHook() {} },
  },
};
