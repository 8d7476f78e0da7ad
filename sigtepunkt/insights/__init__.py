"""Reading the measurements store for screens, exports and the API: aggregates only.

Framework-free (no Django): the web layer calls these selectors with the units a user may
see. Nothing here can reach the warehouse; the store holds no person-level rows.
"""
