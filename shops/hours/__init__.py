"""Where merchants edit opening hours: the admin's week-grid widget (``editor``).
Reading, normalising and the week grid of OSM hours are ``territory.hours``.
"""
