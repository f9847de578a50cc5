"""A case taken to a given stage: the steps and their bodies once, and a driver per transport."""
