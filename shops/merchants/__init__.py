"""Merchants' accounts: signing up and confirming the address (``signup``), and
downloading their own data at any time (``exports``).
"""
