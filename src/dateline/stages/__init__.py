"""Pipeline stages. Each module declares ``REQUIRES`` (layers it reads), ``SETS`` (the layer
it fills) and ``apply(doc)``; :mod:`dateline.pipeline` runs them in order."""
