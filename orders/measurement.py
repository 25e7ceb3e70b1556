"""A basket addition, announced for whoever measures the directory's use.

Orders sit below the insights app that counts: they must not import it. The
basket view sends this signal instead, and ``insights`` connects its counter when
it is installed. Receivers get ``request`` and ``shop_id``.
"""

from django.dispatch import Signal

basket_line_added = Signal()
