// Runs before a page's body is parsed: the first script of src/app.html, a file of the app's own origin so the
// Content Security Policy allows it, asked for before the app's modules so that it holds nothing up. The overview is
// prerendered with the numbers of the default export (the script's data-default-export) in its latest state, so a URL
// that asks for another export (?export=, or one opened on the Data page: ?url=, ?files=) or another day (?asOf=)
// marks the page, and the overview's CSS hides those
// numbers until the app has hydrated and shows its own: a reader never sees the demo's numbers under another
// export's name. See src/lib/overview/prerendered.ts.
(function () {
  var script = document.currentScript;
  var defaultExport = script ? script.getAttribute('data-default-export') : null;
  var query = new URLSearchParams(location.search);
  var asked = query.get('export');
  if ((asked && asked !== defaultExport) || query.get('url') || query.get('files') || query.get('asOf')) document.documentElement.setAttribute('data-prerender-foreign', '');
})();
