"""The head's reports: each computed in one read transaction, aggregated in SQL (``store/reports``).

``names.py`` names them (light: the CLI's help reads it), ``registry.py`` is the one list of
specs (a test holds it to the names), ``runner.py`` computes them. This package's root imports
nothing, so naming a report loads no database library.
"""
