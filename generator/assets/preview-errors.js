// Data errors shown by the live preview (python -m generator serve rewrites this file while
// the data has errors; see generator/serve.py). A published site has none.
window.previewErrors = [];
