"""Configuration, read once from the environment (prefix ``CASEWORK_``)."""

from datetime import timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from casework.vocabulary import Language


class Settings(BaseSettings):
    """Every knob casework has; the README's configuration table mirrors this class."""

    model_config = SettingsConfigDict(env_prefix="CASEWORK_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///casework.db"
    flow_runner: Literal["embedded", "deployment"] = Field(
        default="embedded",
        description="How flows run: in the API's process (embedded), or as deployment runs "
        "on Prefect workers (`casework worker`: scaled mode).",
    )
    work_pool: str = Field(
        default="casework",
        pattern=r"^[a-z0-9][a-z0-9-]{0,62}$",
        description="Scaled mode: the Prefect work pool the unit's flows are deployed on.",
    )
    move_wait_seconds: float = Field(
        default=10,
        ge=0,
        le=300,
        description="Scaled mode: how long a move's request waits for its run to commit "
        "before answering 202 with the move under way.",
    )
    move_lease_seconds: int = Field(
        default=120,
        ge=5,
        description="Scaled mode: a run silent this long on its move is taken for dead and "
        "the move submitted again.",
    )
    move_attempts: int = Field(
        default=5,
        ge=1,
        description="Scaled mode: a move whose runs died or failed this many times is given "
        "up (nothing changed; a timeline entry says so, and it can be asked for again).",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs access tokens. Unset: a random key per process (tokens die on restart).",
    )
    token_minutes: int = Field(default=480, gt=0)
    reference_prefix: str = Field(default="RU", pattern=r"^[A-Z]{2,6}$")
    micro_max_eur: float = Field(default=25_000, gt=0, description="Upper bound of `micro`.")
    meso_max_eur: float = Field(default=250_000, gt=0, description="Upper bound of `meso`.")
    min_dscr: float = Field(default=1.2, gt=0, description="Lenders' minimum debt service cover.")
    max_revenue_growth: float = Field(
        default=0.5, gt=0, description="Yearly revenue growth above this is warned about."
    )
    min_own_share: float = Field(
        default=0.2, ge=0, le=1, description="Own contribution below this share of uses is warned."
    )
    follow_up_months: int = Field(default=12, gt=0)
    referral_answer_days: int = Field(
        default=21, gt=0, description="Days a partner may take to answer before the sweep flags it."
    )
    stale_after_days: int = Field(
        default=30, gt=0, description="Days without activity before the sweep flags a case."
    )
    guide_check_days: int = Field(
        default=365,
        gt=0,
        description="Days after its last check before a country guide is flagged as stale.",
    )
    sweep_cron: str = Field(
        default="0 6 * * *", description="When the daily follow-up sweep runs (cron, timezone)."
    )
    report_cron: str = Field(
        default="0 7 * * 1",
        description="When the weekly portfolio report is published (cron, timezone).",
    )
    timezone: str = Field(default="UTC", description="The unit's time zone (IANA name).")
    language: Language = Field(
        default=Language.EN,
        description="The unit's language (en, fr): dossiers of a person who chose none, reports.",
    )

    @property
    def move_lease(self) -> timedelta:
        """How long a run may work on a move before it is taken for dead."""
        return timedelta(seconds=self.move_lease_seconds)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{name!r} is no time zone: give an IANA name like Africa/Dakar"
            ) from None
        return name

    support_hourly_cost_eur: float = Field(
        default=40.0,
        ge=0,
        le=10_000,
        description="What an hour of an advisor's time costs the unit, in EUR (support cost).",
    )
    support_cost_flag_share: float = Field(
        default=0.1,
        gt=0,
        le=10,
        description="Support cost above this share of a project's investment is flagged.",
    )
    deviation_threshold: float = Field(
        default=0.2,
        gt=0,
        le=10,
        description="A reported figure further from the plan than this share of it is named.",
    )
    sign_in_account_limit: int = Field(
        default=5, gt=0, description="Failed sign-ins per account before a pause (429)."
    )
    sign_in_address_limit: int = Field(
        default=20, gt=0, description="Failed sign-ins per client address before a pause (429)."
    )
    sign_in_window_minutes: int = Field(
        default=15, gt=0, description="How long failures count, and how long a pause lasts."
    )
    max_request_bytes: int = Field(
        default=1_048_576, ge=1_024, description="A request body past this is refused (413)."
    )
    supplant_threshold: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Above this share of a plan written by advisors, the leader may be supplanted.",
    )


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings."""
    return Settings()
