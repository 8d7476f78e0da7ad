"""The web application: a thin Django layer over the measurements store and domain services.

It never reads the warehouse's person-level tables: pages, exports and the API show
aggregates from the measurements store (`sigtepunkt.insights`), with their group size.
"""
