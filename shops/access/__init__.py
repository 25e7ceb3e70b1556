"""Who may do what with a shop: the groups in Wagtail's permission tables
(``permissions``: a group per shop, a staff group per commune) and the guards in
front of Wagtail admin views that would show others' drafts (``admin_guards``).
"""
