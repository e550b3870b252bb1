"""The regulation language: YAML read with positions, JSON Schemas, the typed model built from
the data, meaning checks, diagnostics, and the one loading step that ties them together.

Nothing here runs clients; everything here is about the files a head writes. Import the
submodules directly (``engine.language.loader``); this package imports nothing on its own.
"""
