"""Prefect flows: the automated part of each stage transition."""
