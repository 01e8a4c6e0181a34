// Apply a saved theme before the first paint (a file: the Content Security Policy allows no inline script).
// Loaded with `defer` before the app script, so it runs first without blocking the first render.
// Only the attribute: the stylesheet derives color-scheme from it.
try {
  var t = localStorage.getItem('dumplens.theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (e) {}
