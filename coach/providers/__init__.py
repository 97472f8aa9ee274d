"""The providers, and their order from Settings: COACH_PROVIDERS, else every configured one; offline last, always."""
from __future__ import annotations

import logging
from typing import Any

from .anthropic import AnthropicProvider
from .base import Provider
from .gemini import GeminiProvider
from .offline import OfflineProvider
from .openai import OpenAIProvider

__all__ = ['AnthropicProvider', 'GeminiProvider', 'OfflineProvider', 'OpenAIProvider', 'Provider', 'from_settings']
DEFAULT_ORDER = ('openai', 'anthropic', 'gemini')
log = logging.getLogger('chairside.coach')


def from_settings(settings: Any, timeout: float = 60.0) -> list[Provider]:
    """`timeout` is the SDKs' own backstop; the chain's deadlines are shorter and decide first."""
    made = {name: _make(name, settings, timeout) for name in DEFAULT_ORDER}
    wanted = [n.strip().lower() for n in (settings.coach_providers or '').split(',') if n.strip()]
    for name in wanted:
        if name not in made and name != 'offline':
            log.warning('coach: unknown provider %r in COACH_PROVIDERS (known: %s, offline)', name,
                        ', '.join(DEFAULT_ORDER))
        elif name in made and made[name] is None:
            log.warning('coach: %s is listed in COACH_PROVIDERS but has no API key; skipped', name)
    order = list(dict.fromkeys(n for n in wanted if n in made)) if wanted else list(DEFAULT_ORDER)
    return [made[name] for name in order if made[name] is not None] + [OfflineProvider()]


def _make(name: str, settings: Any, timeout: float) -> Provider | None:
    if name == 'openai':
        key = _secret(settings.openai_api_key)
        if key or settings.openai_base_url:  # a local OpenAI-compatible server needs no key
            return OpenAIProvider(key, settings.openai_model, settings.openai_base_url, timeout)
    elif name == 'anthropic' and (key := _secret(settings.anthropic_api_key)):
        return AnthropicProvider(key, settings.anthropic_model, settings.anthropic_base_url, timeout)
    elif name == 'gemini' and (key := _secret(settings.gemini_api_key)):
        return GeminiProvider(key, settings.gemini_model, settings.gemini_base_url, timeout)
    return None


def _secret(value: Any) -> str | None:
    if value is None:
        return None
    text = value.get_secret_value() if hasattr(value, 'get_secret_value') else str(value)
    return text or None
