"""A signed-in page of the console asks for one value, not four: its `Visit`."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from api.console.pages import page
from api.console.session import ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from casework.actors import Actor
from casework.models import User


@dataclass(frozen=True)
class Visit:
    """One console request: the page asked for, the person signed in (as a user and as the
    rule table's actor), and the request's session of the case store."""

    request: Request
    user: User
    actor: Actor
    session: Session

    @property
    def notice(self) -> str:
        """What the address says was just done (`?notice=saved`), for the page to confirm."""
        return self.request.query_params.get("notice", "")

    def page(
        self,
        template: str,
        context: dict[str, Any],
        *,
        status_code: int = 200,
        inline_styles: bool = False,
    ) -> HTMLResponse:
        """The page `template` showing `context` to the person signed in, in their language."""
        return page(
            self.request,
            template,
            context,
            user=self.user,
            status_code=status_code,
            inline_styles=inline_styles,
        )


# Each is solved once per request: the session is the one `ConsoleUser` read the account
# with (and a route's own `SessionDep`, if it asks for one); an anonymous visitor is sent to
# sign in first. A route lists its `CheckedForm` before the visit: a form is refused before
# its sender is asked to sign in.
async def _visit(
    request: Request, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Visit:
    return Visit(request, user, actor, session)


ConsoleVisit = Annotated[Visit, Depends(_visit)]
