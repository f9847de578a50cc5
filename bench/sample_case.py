"""A case opened in a fresh store, for the dossier benchmarks: no Prefect, no HTTP.

Call after `CASEWORK_DATABASE_URL` points at a throwaway store.
"""

import uuid

from casework.actors import Actor


def open_sample_case() -> tuple[uuid.UUID, Actor]:
    """Create the store's tables, an entrepreneur and their case; the case's id and owner."""
    from casework.database import create_tables, get_engine, open_session
    from casework.models import User
    from casework.services.cases import CaseCreate, open_case
    from casework.vocabulary import Role, Sector

    create_tables(get_engine())
    with open_session() as session:
        owner = User(email="fatou@mail.example", full_name="Fatou Diop", role=Role.ENTREPRENEUR)
        owner.password_hash = "not used"
        session.add(owner)
        session.flush()
        actor = Actor(owner.id, Role.ENTREPRENEUR, owner.full_name)
        proposal = CaseCreate(
            title="Solar cold room for fish traders",
            sector=Sector.AGRI_FOOD,
            country="SN",
            summary="A cold room rented by the crate to the traders of Thiès market.",
        )
        case_id = open_case(proposal, actor, session=session).id
        session.commit()
    return case_id, actor
