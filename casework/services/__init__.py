"""Operations on the case store; each takes the session as a keyword argument.

The caller commits: the API once per request, a flow once per transition.
"""

# Registers the rule that a transaction changing a case brings its tasks up to date.
import casework.services.tasks  # noqa: F401
