"""Jinja2 templates and static assets for the PDF dossiers (shipped as package data)."""
