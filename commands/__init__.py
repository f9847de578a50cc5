"""The `casework` command: the process entry point that starts Prefect, the demo and the API."""
