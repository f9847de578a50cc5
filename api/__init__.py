"""The HTTP API that advisors, entrepreneurs and managers use."""
