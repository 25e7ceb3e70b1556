"""What the search page showed, announced for whoever measures the directory's use.

The search app sits below the insights app that counts: it must not import it.
It sends this signal instead, and ``insights`` connects its counter when it is
installed. Receivers get ``request``, ``params`` and ``results``.
"""

from django.dispatch import Signal

results_shown = Signal()
