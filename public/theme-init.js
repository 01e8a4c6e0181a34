// Apply a saved theme before the first paint (no flash of the wrong theme).
// A file rather than an inline script: the Content Security Policy allows only scripts from this site.
try {
  var t = localStorage.getItem('dumplens.theme');
  if (t === 'light' || t === 'dark') {
    document.documentElement.dataset.theme = t;
    document.documentElement.style.colorScheme = t;
  }
} catch (e) {}
