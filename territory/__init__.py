"""The bottom layer: the metropolis itself, which every other layer stands on.

The 95 communes (``communes``: the ``Commune`` model, kept in the ``cms`` app's
table), their outlines (``geo``), what every place on the map shares (``places``,
``fields``) and opening hours read against the French public-holiday calendar
(``hours``). It imports no other app of the project.
"""
