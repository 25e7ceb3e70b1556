"""A shop's listing: its editing form and panels, what merchants type (validators),
reads for pages (``selectors``), the category taxonomy (``categories``) and quote
requests residents send to craftworkers (``quotes``). The models are in
``shops.models``.
"""
