"""Operations on the case store; each takes the session as a keyword argument.

The caller commits: the API once per request, a flow once per transition.
"""

# Registers the rules that a transaction changing a case brings its tasks and its
# portfolio figures up to date.
import casework.services.case_figures
import casework.services.tasks  # noqa: F401
