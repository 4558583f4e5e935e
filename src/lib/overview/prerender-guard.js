// Runs before the overview's prerendered HTML is parsed (a classic script in its head, served from the app's origin so
// the Content Security Policy allows it). The prerendered numbers are those of the default export (the script's
// data-default-export) in its latest state, so a URL that asks for another export (?export=) or another day
// (?asOf=) marks the page, and the page's CSS hides those numbers until the app has hydrated and shows its own: a
// reader never sees the demo's numbers under another export's name. See prerendered.ts.
(function () {
  var script = document.currentScript;
  var defaultExport = script ? script.getAttribute('data-default-export') : null;
  var query = new URLSearchParams(location.search);
  var asked = query.get('export');
  if ((asked && asked !== defaultExport) || query.get('asOf')) document.documentElement.setAttribute('data-prerender-foreign', '');
})();
