"""Every setting of Chairside, read from the environment (prefix CHAIRSIDE_) and a .env file.

Defaults run the whole product on one machine with no keys and no services.
"""
from datetime import datetime
from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _key(name: str) -> AliasChoices:
    """A provider key may come under its usual name or with the CHAIRSIDE_ prefix."""
    return AliasChoices(f'CHAIRSIDE_{name}', name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix='CHAIRSIDE_', env_file='.env', extra='ignore',
                                      populate_by_name=True)

    host: str = '127.0.0.1'
    port: int = 8080
    data_dir: Path = Path('data')
    log_level: str = 'INFO'
    storage_secret: SecretStr | None = None  # generated once into the data folder when not set
    trusted_proxies: str = '127.0.0.1,::1'  # reverse proxies whose X-Forwarded-For names the client (uvicorn's)
    behind_proxy: bool = False  # served to others through a reverse proxy: the first set-up asks for the log's code
    secure_cookies: bool = False  # true when served over HTTPS (directly or behind a TLS proxy): cookies only on HTTPS

    sim_seed: int = 7
    sim_start: datetime | None = None  # where the simulated clock starts (ISO 8601); empty: now
    sim_speed: float = Field(1.0, ge=0, le=3600)  # simulated seconds per real second; 0: moved by hand only (tests)
    sim_history_days: int = Field(120, ge=8, le=400)  # replayed on start: last week to compare, 90-day retention
    shop_timezone: str = ''  # empty: this machine's time zone
    catch_up_held: bool = False  # shops listed at start wait to be started one by one by hand (tests drive the start)

    database_url: str = ''  # empty: SQLite in the data folder
    cluster: bool = False  # several workers on one PostgreSQL, each shop run by one of them (cluster/)
    worker_id: str = Field('', pattern=r'^[A-Za-z0-9_-]{0,32}$')  # this worker's name in a cluster (the proxy's name
    # for it, in its persistence cookie); empty: host:pid
    knowledge_dir: Path | None = None  # empty: data_dir/knowledge

    supabase_url: str = ''
    supabase_anon_key: SecretStr | None = None
    supabase_jwt_secret: SecretStr | None = None

    openai_api_key: SecretStr | None = Field(None, validation_alias=_key('OPENAI_API_KEY'))
    openai_base_url: str = ''
    openai_model: str = 'gpt-4o-mini'
    anthropic_api_key: SecretStr | None = Field(None, validation_alias=_key('ANTHROPIC_API_KEY'))
    anthropic_base_url: str = ''
    anthropic_model: str = 'claude-3-5-haiku-latest'
    gemini_api_key: SecretStr | None = Field(None, validation_alias=_key('GEMINI_API_KEY'))
    gemini_base_url: str = ''
    gemini_model: str = 'gemini-2.0-flash'
    coach_providers: str = ''  # comma-separated order, e.g. 'anthropic,openai'; empty: every configured one

    @model_validator(mode='after')
    def _cluster_on_postgres(self) -> 'Settings':
        if self.cluster and not self.database_url.startswith('postgresql'):
            raise ValueError('CHAIRSIDE_CLUSTER=1 needs a PostgreSQL CHAIRSIDE_DATABASE_URL '
                             '(postgresql+psycopg://...): the workers hold their shops and pass events through it. '
                             'Unset CHAIRSIDE_CLUSTER to run one process on SQLite.')
        if self.cluster and not self.storage_secret:
            raise ValueError('CHAIRSIDE_CLUSTER=1 needs CHAIRSIDE_STORAGE_SECRET, the same on every worker: it signs '
                             'the session cookie every worker must read. Make one with python -c "import secrets; '
                             'print(secrets.token_urlsafe(32))".')
        return self

    @field_validator('shop_timezone')
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value:
            from zoneinfo import ZoneInfo
            ZoneInfo(value)  # raises with the zone's name when it is unknown
        return value

    @cached_property
    def timezone(self) -> str:
        if self.shop_timezone:
            return self.shop_timezone
        from tzlocal import get_localzone_name
        return get_localzone_name() or 'UTC'

    @property
    def knowledge_path(self) -> Path:
        return self.knowledge_dir or self.data_dir / 'knowledge'

    @property
    def sim_start_timestamp(self) -> float | None:
        """The simulated clock's start; a time without a zone is read in the shop's time zone."""
        if self.sim_start is None:
            return None
        start = self.sim_start
        if start.tzinfo is None:
            from zoneinfo import ZoneInfo
            start = start.replace(tzinfo=ZoneInfo(self.timezone))
        return start.timestamp()

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f'sqlite+aiosqlite:///{(self.data_dir / "chairside.db").resolve()}'
