"""The API's routers, one per part of the unit's work."""
