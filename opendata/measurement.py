"""An open-data download or API call, announced for whoever measures the use.

Open data and orders must not know each other, and counting a page view needs to
know who owns a shop: so open data does not call the counter itself. It sends
this signal, and ``insights`` connects its counter when it is installed.
Receivers get ``request`` and ``kind`` (``"download"`` or ``"api"``).
"""

from django.dispatch import Signal

DOWNLOAD = "download"
API_CALL = "api"

public_call_made = Signal()
