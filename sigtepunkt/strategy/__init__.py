"""Strategy and action plans, framework-free: milestone status, effect estimates, external series, the file format.

Nothing here imports Django: the web app stores strategies in its own models and calls these
functions to compute status, estimate effects and read or write the exchange format.
"""
