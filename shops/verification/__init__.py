"""Trust in a listing: commune staff verify or unpublish it (``services``, their
admin screens in ``admin_views``), merchants confirm their hours, and hours nobody
confirmed for 90 days bring a reminder (``freshness``). Who counts as a commune's
staff is in ``shops.access.permissions``.
"""
