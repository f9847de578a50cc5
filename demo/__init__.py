"""The demo reception unit: example partners, staff and cases at every stage, and its passwords."""
