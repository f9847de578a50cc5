"""Operations on the case store; each takes the session as a keyword argument.

The caller commits: the API once per request, a flow once per transition.
"""
