"""The deterministic demo: believable shops and places, the same on every run.

``vocabulary`` holds the words, ``images`` draws the pictures with Pillow (nothing
is downloaded) and ``seed`` turns both into pages. Places of interest are seeded
here too, so that one command fills the whole demo.
"""
